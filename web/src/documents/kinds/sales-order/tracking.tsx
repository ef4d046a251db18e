import { PhoneOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSession } from '../../../app/session';
import { DateInput } from '../../../crud/FieldInput';
import { type MsgKey, useI18n } from '../../../i18n';
import { decCmp, fmtMoney, normalizeDecimalInput, trimDecimal } from '../../../lib/decimal';
import type { PanelProps } from '../../kinds/types';
import { moneyOk, useStep } from '../../panelKit';
import { ConfirmedMoney, MoneyConfirmation, Step } from './moneyConfirmation';
export function OrderTracking({ kind, doc, onError }: PanelProps) {
  const { t } = useI18n();
  const { can } = useSession();
  const { run, busy } = useStep(kind, doc, onError);
  const [confirmedWith, setConfirmedWith] = useState('');
  const [method, setMethod] = useState('phone');
  const [planned, setPlanned] = useState(doc.contractDate ?? '');
  // 催余款: what the order still asks beyond the money paid for it
  const [balance, setBalance] = useState(trimDecimal(doc.balanceToPay ?? doc.total ?? '0', 2));
  const received = doc.depositReceived ?? '0';
  const hasDeposit = decCmp(doc.depositRequired ?? '0', '0') > 0;
  const canEdit = can('sales-orders:edit');
  const finance = can('receipts:audit');
  const open = doc.status === 'audited' || doc.status === 'partial';
  const p = doc.production ?? {};
  const state = doc.productionState;
  const stages = doc.productionStages ?? [];
  const c = doc.confirmation;
  const depositStep = (
    <Step title={t('track.depositConfirmed')} done={p.depositConfirmed} testId="track-deposit">
      {p.depositConfirmed ? (
        <ConfirmedMoney c={p.depositConfirmed} />
      ) : finance && open ? (
        <MoneyConfirmation
          name="deposit"
          path="deposit-confirmation"
          initial={hasDeposit ? (doc.depositRequired as string) : received}
          received={received}
          busy={busy}
          run={run}
          label={t('track.confirmDeposit')}
        />
      ) : (
        <Typography.Text type="secondary">{t('track.waitFinance')}</Typography.Text>
      )}
    </Step>
  );

  return (
    <Card size="small" title={t('track.title')} style={{ marginTop: 8 }} data-testid="order-tracking">
      <Step title={t('track.confirmation')} done={c ? { by: c.by, at: c.at } : null} testId="track-confirmation">
        {c ? (
          <span data-testid="confirmation-text">
            {t('track.confirmedWith')} {c.confirmedWith} ({t(`confirmMethod.${c.method}` as MsgKey)})
          </span>
        ) : canEdit && doc.status !== 'closed' ? (
          <Space.Compact>
            <Input
              id="confirmedWith"
              placeholder={t('track.confirmedWith')}
              value={confirmedWith}
              onChange={(e) => setConfirmedWith(e.target.value)}
              style={{ width: 140 }}
            />
            <Select
              value={method}
              onChange={setMethod}
              style={{ width: 90 }}
              options={['phone', 'fax', 'visit', 'online', 'other'].map((m) => ({ value: m, label: t(`confirmMethod.${m}` as MsgKey) }))}
            />
            <Button
              icon={<PhoneOutlined />}
              loading={busy === 'confirm'}
              disabled={!confirmedWith.trim()}
              onClick={() => void run('confirm', 'confirmation', { confirmedWith: confirmedWith.trim(), method })}
              data-testid="btn-confirm-phone"
            >
              {t('track.confirm')}
            </Button>
          </Space.Compact>
        ) : (
          <Typography.Text type="secondary">{t('track.notConfirmed')}</Typography.Text>
        )}
      </Step>
      {doc.requiresProduction ? (
        <>
          {state?.warnings.length ? (
            <Alert
              type="error"
              showIcon
              icon={<WarningOutlined />}
              style={{ margin: '6px 0' }}
              title={state.warnings.join('；')}
              data-testid="track-warnings"
            />
          ) : null}
          {!open && !p.depositConfirmed ? <Typography.Paragraph type="secondary">{t('track.auditFirst')}</Typography.Paragraph> : null}
          {depositStep}
          <Step title={t('track.released')} done={p.released} testId="track-release">
            {p.released ? (
              <span data-testid="planned-ship">
                {t('track.plannedShip')} {p.released.plannedShipDate}
              </span>
            ) : canEdit && open && p.depositConfirmed ? (
              <Space.Compact>
                <DateInput id="plannedShipDate" value={planned} onChange={(v) => setPlanned(v)} placeholder={t('track.plannedShip')} />
                <Button
                  type="primary"
                  loading={busy === 'release'}
                  disabled={!planned}
                  onClick={() => void run('release', 'production', { plannedShipDate: planned })}
                  data-testid="btn-release"
                >
                  {t('track.release')}
                </Button>
              </Space.Compact>
            ) : null}
          </Step>
          <Step title={t('track.stage')} done={state?.finished ? p.stages?.at(-1) : undefined} testId="track-stages" current={!!p.released && !state?.finished}>
            <Space size={4} wrap data-testid="stage-buttons">
              {stages.map((s, i) => {
                const reached = p.stages?.find((x) => x.stage === s);
                const isCurrent = state?.stage === s;
                if (reached || !canEdit || !p.released || i <= (state?.stageIndex ?? -1)) {
                  return (
                    <Tag
                      key={s}
                      color={isCurrent ? (state?.late ? 'red' : 'processing') : reached ? 'green' : 'default'}
                      data-testid={`stage-${s}`}
                      data-current={isCurrent ? 'yes' : 'no'}
                    >
                      {s}
                      {reached ? ` ${dayjs(reached.at).format('MM-DD HH:mm')} ${reached.by}` : ''}
                    </Tag>
                  );
                }
                return (
                  <Button
                    key={s}
                    size="small"
                    loading={busy === `stage-${s}`}
                    onClick={() => void run(`stage-${s}`, 'stage', { stage: s })}
                    data-testid={`btn-stage-${s}`}
                  >
                    {s}
                  </Button>
                );
              })}
            </Space>
            {state?.stage ? (
              <span data-testid="current-stage">
                {t('track.currentStage')} <b>{state.stage}</b>
              </span>
            ) : null}
          </Step>
          <Step title={t('track.balanceRequested')} done={p.balanceRequested} testId="track-balance">
            {p.balanceRequested ? (
              <span>¥ {fmtMoney(p.balanceRequested.amount)}</span>
            ) : canEdit && open ? (
              <Space.Compact>
                <Input value={balance} onChange={(e) => setBalance(e.target.value)} style={{ width: 110 }} id="trackBalance" />
                <Button
                  loading={busy === 'balance'}
                  disabled={!moneyOk(balance)}
                  onClick={() => void run('balance', 'balance-request', { amount: normalizeDecimalInput(balance) })}
                  data-testid="btn-balance-request"
                >
                  {t('track.requestBalance')}
                </Button>
              </Space.Compact>
            ) : null}
          </Step>
          <Step title={t('track.paymentConfirmed')} done={p.paymentConfirmed} testId="track-payment">
            {p.paymentConfirmed ? (
              <ConfirmedMoney c={p.paymentConfirmed} />
            ) : finance && open ? (
              <MoneyConfirmation
                name="full"
                path="payment-confirmation"
                initial={doc.total ?? '0'}
                received={received}
                busy={busy}
                run={run}
                allowCod
                label={t('track.confirmPayment')}
              />
            ) : (
              <Typography.Text type="secondary">{t('track.waitFinance')}</Typography.Text>
            )}
          </Step>
          {state?.readyToShip ? (
            <Tag color="green" data-testid="ready-to-ship">
              {t('track.readyToShip')}
            </Tag>
          ) : null}
        </>
      ) : hasDeposit || p.depositConfirmed ? (
        depositStep
      ) : null}
    </Card>
  );
}

/** S5 / S7: an approval outside the rule, by someone other than the maker, with a reason. */
