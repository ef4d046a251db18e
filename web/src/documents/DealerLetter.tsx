import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router-dom';
import { LangSwitch } from '../app/LangSwitch';
import { useCurrentSession, useSession } from '../app/session';
import { useRow } from '../crud/queries';
import { useI18n } from '../i18n';

/** S1 经销商授权书 printed as a letter on A4. */
export function DealerLetter() {
  const { t } = useI18n();
  const { id } = useParams();
  const { can } = useSession();
  const session = useCurrentSession();
  const allowed = can('dealer-authorizations:view');
  const row = useRow('dealer-authorizations', allowed ? id : undefined);
  if (!allowed) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
  if (row.isPending) return <Spin style={{ margin: 48 }} />;
  const r = row.data;
  if (!r) return <Result status="404" title={t('notFound.title')} />;
  return (
    <div className="print-root paper-a4" data-testid="print-page">
      <style>{'@page { size: A4 portrait; margin: 20mm; }'}</style>
      <div className="print-toolbar no-print">
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="btn-do-print">
            {t('common.print')}
          </Button>
          <LangSwitch />
        </Space>
      </div>
      <div className="print-sheet" data-testid="print-sheet" style={{ padding: '24mm 16mm', fontSize: 16, lineHeight: 2 }}>
        <h1 className="print-title" data-testid="print-title" style={{ fontSize: 28, letterSpacing: 8 }}>
          {t('print.dealerLetter')}
        </h1>
        <div style={{ textAlign: 'right' }}>
          {t('print.dealerNo')}: <b data-testid="print-number">{String(r.code ?? '')}</b>
        </div>
        <p style={{ textIndent: '2em', marginTop: 32 }} data-testid="dealer-text">
          {t('print.dealerText', {
            customer: String(r.customerName ?? r.name ?? ''),
            territory: String(r.territory ?? ''),
            from: String(r.validFrom ?? ''),
            to: String(r.validTo ?? ''),
          })}
        </p>
        {r.remark ? <p style={{ textIndent: '2em' }}>{String(r.remark)}</p> : null}
        <div style={{ marginTop: 80, textAlign: 'right' }}>
          <div data-testid="print-company">{session.company.name}</div>
          <div>{t('print.seal')}</div>
          <div>{dayjs().format('YYYY-MM-DD')}</div>
        </div>
      </div>
    </div>
  );
}
