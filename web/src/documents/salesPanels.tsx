import { CheckCircleOutlined, ClockCircleOutlined, PhoneOutlined, TruckOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../app/session';
import { DateInput } from '../crud/FieldInput';
import { rowKey } from '../crud/queries';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import { type MsgKey, useI18n } from '../i18n';
import { decCmp, decSub, fmtMoney, isDecimalString, normalizeDecimalInput, trimDecimal } from '../lib/decimal';
import { COD_STEPS, type CodStep, type DocView, type MoneyConfirmed, type Signed } from './api';
import { DocNumberLink } from './DocNumberLink';
import type { DocKind } from './kinds';
import { OrderAdvances } from './orderDeposits';
import { sourceKey } from './salesOrderFields';

const when = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

function SignedBy({ s }: { s: Signed | undefined | null }) {
  if (!s) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="signed-by">
      {s.by} · {when(s.at)}
    </Typography.Text>
  );
}

/** POST a tracking step; the answer is the document's new view. */
function useStep(kind: DocKind, doc: DocView, onError: (e: unknown) => void) {
  const qc = useQueryClient();
  const i18n = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  /** `done`: what the toast says happened (default 已保存) */
  const run = async (name: string, path: string, body: Record<string, unknown>, done: MsgKey = 'common.saved') => {
    if (busy) return;
    setBusy(name);
    try {
      const view = await api<DocView>(`/${kind.resource}/${doc.id}/${path}`, { method: 'POST', json: body });
      onError(null);
      qc.setQueryData(rowKey(kind.resource, doc.id), view);
      void qc.invalidateQueries({ queryKey: ['list'] });
      void qc.invalidateQueries({ queryKey: ['customer-balance'] });
      void qc.invalidateQueries({ queryKey: ['customer-account'] });
      void qc.invalidateQueries({ queryKey: ['cod-outstanding'] });
      message.success(i18n.t(done));
    } catch (e) {
      onError(e);
      message.error(errorText(e, i18n));
    } finally {
      setBusy(null);
    }
  };
  return { run, busy };
}

const moneyOk = (s: string) => isDecimalString(normalizeDecimalInput(s), 2);

/** 客户欠款 / 预收余额 / 订金 / 应付款总额 (S2 reply to the customer with the total to pay; S8 netting), and what was paid for this order (S4). */
function OrderFigures({ doc }: { doc: DocView }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 4, xl: 8 }} data-testid="order-figures" style={{ marginTop: 8 }}>
      <Descriptions.Item label={t('order.source')}>{t(sourceKey(doc.source))}</Descriptions.Item>
      <Descriptions.Item label={t('order.contractDate')}>{doc.contractDate ?? ''}</Descriptions.Item>
      <Descriptions.Item label={t('order.deposit')}>
        <span data-testid="order-deposit">{fmtMoney(doc.depositRequired)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('order.depositReceived')}>
        <span data-testid="order-deposit-received">{fmtMoney(doc.depositReceived)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('order.balanceToPay')}>
        <span data-testid="order-balance-to-pay">{fmtMoney(doc.balanceToPay)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('order.customerReceivable')}>
        <span data-testid="order-receivable">{fmtMoney(doc.customerReceivable)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('order.customerAdvance')}>
        <span data-testid="order-advance">{fmtMoney(doc.customerAdvance)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={<b>{t('order.totalToPay')}</b>}>
        <b data-testid="order-total-to-pay" style={{ color: '#cf1322' }}>
          {fmtMoney(doc.totalToPay)}
        </b>
      </Descriptions.Item>
      {doc.depositReceipts?.length ? (
        <Descriptions.Item label={t('order.depositDocs')} span="filled">
          <OrderAdvances kind="advance_receipt" items={doc.depositReceipts} />
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** A confirmation done: the amount, what the driver collects, the receipts it rests on. */
function ConfirmedMoney({ c }: { c: MoneyConfirmed }) {
  const { t } = useI18n();
  return (
    <span data-testid="confirmed-money">
      ¥ {fmtMoney(c.amount)}
      {c.onDelivery ? ` (${t('track.onDelivery')} ${fmtMoney(c.onDelivery)})` : ''}
      {c.advanceReceipts?.length ? (
        <Typography.Text type="secondary">
          {' '}
          · {t('track.restsOn')}{' '}
          {c.advanceReceipts.map((r, i) => (
            <span key={r.id}>
              {i ? '、' : ''}
              <DocNumberLink kind="advance_receipt" documentId={r.id} number={r.number} />
            </span>
          ))}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/**
 * 确认订金 / 确认全款 (S4): the amount the order has been paid in all. What the advance
 * receipts naming the order do not cover is received now into the chosen account (or,
 * for the full payment, left to the driver).
 */
function MoneyConfirmation({
  name,
  path,
  initial,
  received,
  busy,
  run,
  allowCod,
  label,
}: {
  name: string;
  path: string;
  initial: string;
  received: string;
  busy: string | null;
  run: (name: string, path: string, body: Record<string, unknown>) => Promise<void>;
  allowCod?: boolean;
  label: string;
}) {
  const { t } = useI18n();
  const [amount, setAmount] = useState(trimDecimal(initial, 2));
  const [accountId, setAccountId] = useState<string | null>(null);
  const [cod, setCod] = useState(false);
  const valid = moneyOk(amount);
  const shortfall = valid ? decSub(normalizeDecimalInput(amount), received) : '0';
  const short = valid && decCmp(shortfall, '0') > 0;
  const ready = valid && (!short || !!accountId || cod);
  return (
    <Space size={6} wrap data-testid={`confirm-${name}`}>
      <Typography.Text type="secondary">
        {t('track.received')} <span data-testid={`${name}-received`}>{fmtMoney(received)}</span>
      </Typography.Text>
      <Input
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        style={{ width: 110, textAlign: 'right' }}
        id={name === 'deposit' ? 'trackDeposit' : 'trackFull'}
      />
      {short ? (
        <div style={{ width: 170 }}>
          <ReferenceSelect
            id={`${name}Account`}
            resource="accounts"
            value={accountId}
            onChange={(v) => setAccountId((v as string | null) ?? null)}
            placeholder={t('track.account')}
            disabled={cod}
          />
        </div>
      ) : null}
      {short && allowCod ? (
        <Checkbox checked={cod} onChange={(e) => setCod(e.target.checked)} disabled={!!accountId} data-testid={`${name}-cod`}>
          {t('track.collectOnDelivery')}
        </Checkbox>
      ) : null}
      <Button
        type="primary"
        loading={busy === name}
        disabled={!ready}
        onClick={() =>
          void run(name, path, {
            amount: normalizeDecimalInput(amount),
            ...(short && accountId ? { accountId } : {}),
            ...(short && cod ? { collectOnDelivery: true } : {}),
          })
        }
        data-testid={name === 'deposit' ? 'btn-deposit-confirm' : 'btn-payment-confirm'}
      >
        {label}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${name}-hint`}>
        {!valid ? '' : !short ? t('track.covered') : cod ? '' : accountId ? t('track.shortfall', { amount: fmtMoney(shortfall) }) : t('track.needAccount')}
      </Typography.Text>
    </Space>
  );
}

function Step({
  title,
  done,
  children,
  testId,
  current,
}: {
  title: string;
  done: Signed | null | undefined;
  children?: ReactNode;
  testId: string;
  current?: boolean;
}) {
  return (
    <div className={`erp-track-step${current ? ' erp-track-current' : ''}`} data-testid={testId} data-done={done ? 'yes' : 'no'}>
      <Space size={8} wrap>
        {done ? <CheckCircleOutlined style={{ color: '#52c41a' }} /> : <ClockCircleOutlined style={{ color: '#bbb' }} />}
        <b>{title}</b>
        {children}
        <SignedBy s={done} />
      </Space>
    </div>
  );
}

/** 跟单: phone confirmation, and for made-to-order orders the S4 steps. */
function OrderTracking({ kind, doc, onError }: { kind: DocKind; doc: DocView; onError: (e: unknown) => void }) {
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
function Approval({ kind, doc, onError }: { kind: DocKind; doc: DocView; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { run, busy } = useStep(kind, doc, onError);
  const [reason, setReason] = useState('');
  if (doc.approval) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginTop: 8 }}
        data-testid="doc-approval"
        title={`${t('approval.approvedBy')} ${doc.approval.byName ?? ''} · ${when(doc.approval.at)} · ${t('approval.reason')}: ${doc.approval.reason}`}
      />
    );
  }
  if (doc.status !== 'saved' || !can(`${kind.resource}:approve`)) {
    return kind.kind === 'sales_return' && doc.status === 'saved' ? (
      <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('approval.returnNeeds')} data-testid="approval-needed" />
    ) : null;
  }
  return (
    <Card size="small" title={t('approval.title')} style={{ marginTop: 8 }} data-testid="approval-panel">
      <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
        <Input id="approvalReason" placeholder={t('approval.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button
          type="primary"
          loading={busy === 'approve'}
          disabled={reason.trim().length < 2}
          onClick={() => void run('approve', 'approval', { reason: reason.trim() }, 'approval.done')}
          data-testid="btn-approve"
        >
          {t('approval.approve')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
        {t(kind.kind === 'sales_return' ? 'approval.returnNeeds' : 'approval.hint')}
      </Typography.Paragraph>
    </Card>
  );
}

const COD_KEY: Record<CodStep, MsgKey> = {
  waiting: 'cod.waiting',
  delivered: 'cod.delivered',
  installed: 'cod.installed',
  collected: 'cod.collected',
  handed_in: 'cod.handed_in',
};

/** S6 派车代收: vehicle, driver and amount; then 已送达 → 已安装 → 已收款 → 已交款. */
function CodPanel({ kind, doc, onError }: { kind: DocKind; doc: DocView; onError: (e: unknown) => void }) {
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

/** What a sales document shows below its lines: figures, 跟单, approval, COD. */
export function SalesPanels({ kind, doc, onError }: { kind: DocKind; doc: DocView; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  if (kind.kind === 'sales_order') {
    return (
      <>
        <OrderFigures doc={doc} />
        <OrderTracking kind={kind} doc={doc} onError={onError} />
      </>
    );
  }
  if (kind.kind === 'sales_delivery') {
    return (
      <>
        {doc.grossProfit != null ? (
          <Descriptions size="small" bordered column={3} style={{ marginTop: 8 }} data-testid="delivery-profit">
            <Descriptions.Item label={t('delivery.cost')}>{fmtMoney(doc.costOfGoods)}</Descriptions.Item>
            <Descriptions.Item label={t('delivery.grossProfit')}>{fmtMoney(doc.grossProfit)}</Descriptions.Item>
          </Descriptions>
        ) : null}
        <Approval kind={kind} doc={doc} onError={onError} />
        <CodPanel kind={kind} doc={doc} onError={onError} />
      </>
    );
  }
  // S7: the 验货情况 sits in the form (editable until audited)
  if (kind.kind === 'sales_return') return <Approval kind={kind} doc={doc} onError={onError} />;
  return null;
}
