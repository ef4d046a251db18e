import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n';

/** Toggles zh-CN ⇄ English; the choice is kept in localStorage. */
export function LangSwitch({ dark }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      style={dark ? { color: 'rgba(255,255,255,0.85)' } : undefined}
      onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
      title={t('lang.label')}
    >
      {t('lang.switch')}
    </Button>
  );
}
