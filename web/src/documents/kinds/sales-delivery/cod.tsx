import { TruckOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../../app/session';
import { ReferenceSelect } from '../../../crud/ReferenceSelect';
import { type MsgKey, useI18n } from '../../../i18n';
import { decCmp, fmtMoney, normalizeDecimalInput, trimDecimal } from '../../../lib/decimal';
import { COD_STEPS, type CodStep } from '../../api';
import type { PanelProps } from '../../kinds/types';
import { moneyOk, useStep, when } from '../../panelKit';

const COD_KEY: Record<CodStep, MsgKey> = {
  waiting: 'cod.waiting',
  delivered: 'cod.delivered',
  installed: 'cod.installed',
  collected: 'cod.collected',
  handed_in: 'cod.handed_in',
};

/** S6 派车代收: vehicle, driver and amount; then 已送达 → 已安装 → 已收款 → 已交款. */
export function CodPanel({ kind, doc, onError }: PanelProps) {
  const { t } = useI18n();
  const { can } = useSession();
  const { run, busy } = useStep(kind, doc, onError);
  const cod = doc.cod;
  const [vehicle, setVehicle] = useState(cod?.vehicle ?? '');
  const [driverId, setDriverId] = useState<string | null>(cod?.driverId ?? null);
  // 代收金额: what the delivery still asks once the deposit paid for its orders is counted
  const [amount, setAmount] = useState(trimDecimal(cod?.amountToCollect ?? doc.amountDue ?? doc.openAmount ?? doc.total ?? '0', 2));
  const [collected, setCollected] = useState(trimDecimal(cod?.amountToCollect ?? '0', 2));
  const [accountId, setAccountId] = useState<string | null>(null);
  const canAssign = can('sales-deliveries:edit') && (!cod || cod.status === 'waiting') && doc.status !== 'deleted';
  if (!cod && !canAssign) return null;
  const next = cod ? COD_STEPS[COD_STEPS.indexOf(cod.status) + 1] : undefined;
  const audited = doc.status === 'audited';
  return (
    <Card
      size="small"
      title={
        <Space>
          <TruckOutlined />
          {t('cod.title')}
          {cod ? (
            <Tag color={cod.status === 'handed_in' ? 'green' : 'processing'} data-testid="cod-status" data-status={cod.status}>
              {t(COD_KEY[cod.status])}
            </Tag>
          ) : null}
        </Space>
      }
      style={{ marginTop: 8 }}
      data-testid="cod-panel"
    >
      {cod ? (
        <Descriptions size="small" column={{ xs: 1, md: 4 }} data-testid="cod-info">
          <Descriptions.Item label={t('cod.vehicle')}>{cod.vehicle}</Descriptions.Item>
          <Descriptions.Item label={t('cod.driver')}>
            <span data-testid="cod-driver">{cod.driverName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cod.amountToCollect')}>{fmtMoney(cod.amountToCollect)}</Descriptions.Item>
          <Descriptions.Item label={t('cod.amountCollected')}>
            <span data-testid="cod-collected">{cod.amountCollected ? fmtMoney(cod.amountCollected) : ''}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {canAssign ? (
        <Space wrap style={{ marginBottom: 8 }}>
          <Input id="codVehicle" placeholder={t('cod.vehicle')} value={vehicle} onChange={(e) => setVehicle(e.target.value)} style={{ width: 160 }} />
          <div style={{ width: 160 }}>
            <ReferenceSelect
              id="codDriver"
              resource="employees"
              value={driverId}
              onChange={(v) => setDriverId((v as string | null) ?? null)}
              placeholder={t('cod.driver')}
            />
          </div>
          <Input id="codAmount" addonBefore={t('cod.amountToCollect')} value={amount} onChange={(e) => setAmount(e.target.value)} style={{ width: 200 }} />
          {doc.paidAhead && decCmp(doc.paidAhead, '0') > 0 ? (
            <Typography.Text type="secondary" data-testid="cod-paid-ahead">
              {t('cod.paidAhead')} {fmtMoney(doc.paidAhead)}
            </Typography.Text>
          ) : null}
          <Button
            icon={<TruckOutlined />}
            loading={busy === 'assign'}
            disabled={!vehicle.trim() || !driverId || !moneyOk(amount)}
            onClick={() => void run('assign', 'cod', { vehicle: vehicle.trim(), driverId, amountToCollect: normalizeDecimalInput(amount) })}
            data-testid="btn-cod-assign"
          >
            {cod ? t('cod.reassign') : t('cod.assign')}
          </Button>
        </Space>
      ) : null}
      {cod && next ? (
        <Space wrap>
          {!audited ? <Typography.Text type="secondary">{t('cod.auditFirst')}</Typography.Text> : null}
          {next === 'collected' || (next === 'installed' && audited) ? (
            <Space.Compact>
              <Input id="codCollected" value={collected} onChange={(e) => setCollected(e.target.value)} style={{ width: 110 }} />
              <Button
                disabled={!audited || !moneyOk(collected)}
                loading={busy === 'collected'}
                onClick={() => void run('collected', 'cod/status', { status: 'collected', amountCollected: normalizeDecimalInput(collected) })}
                data-testid="btn-cod-collected"
              >
                {t('cod.collected')}
              </Button>
            </Space.Compact>
          ) : null}
          {next === 'delivered' || next === 'installed' ? (
            <Button
              type="primary"
              disabled={!audited}
              loading={busy === next}
              onClick={() => void run(next, 'cod/status', { status: next })}
              data-testid={`btn-cod-${next}`}
            >
              {t(COD_KEY[next])}
            </Button>
          ) : null}
          {next === 'handed_in' && can('receipts:create') ? (
            <Space.Compact>
              <div style={{ width: 160 }}>
                <ReferenceSelect
                  id="codAccount"
                  resource="accounts"
                  value={accountId}
                  onChange={(v) => setAccountId((v as string | null) ?? null)}
                  placeholder={t('doc.account')}
                />
              </div>
              <Button
                type="primary"
                disabled={!accountId}
                loading={busy === 'handed_in'}
                onClick={() => void run('handed_in', 'cod/status', { status: 'handed_in', accountId })}
                data-testid="btn-cod-handed_in"
              >
                {t('cod.handed_in')}
              </Button>
            </Space.Compact>
          ) : null}
          {next === 'handed_in' && !can('receipts:create') ? <Typography.Text type="secondary">{t('cod.cashierHandsIn')}</Typography.Text> : null}
        </Space>
      ) : null}
      {cod?.history.length ? (
        <Timeline
          style={{ marginTop: 12 }}
          data-testid="cod-history"
          items={cod.history.map((h) => ({ content: `${t(COD_KEY[h.status])} · ${h.by} · ${when(h.at)}` }))}
        />
      ) : null}
    </Card>
  );
}
