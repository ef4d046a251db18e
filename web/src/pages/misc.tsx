import { Button, Result, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCurrentSession } from '../app/session';
import { type MsgKey, useI18n } from '../i18n';

export function HomePage() {
  const { t } = useI18n();
  const s = useCurrentSession();
  return (
    <div className="erp-page" data-testid="page-home">
      <Typography.Title level={4}>{t('home.welcome', { name: s.user.displayName || s.user.username })}</Typography.Title>
      <Typography.Paragraph type="secondary">{s.company.name}</Typography.Paragraph>
      <Typography.Paragraph>{t('home.hint')}</Typography.Paragraph>
    </div>
  );
}

export function ComingSoonPage({ title }: { title: MsgKey }) {
  const { t } = useI18n();
  return (
    <div className="erp-page" data-testid="page-coming-soon">
      <Result status="info" title={t('comingSoon.title')} subTitle={t('comingSoon.text', { page: t(title) })} />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const nav = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Button type="primary" onClick={() => nav('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
}
