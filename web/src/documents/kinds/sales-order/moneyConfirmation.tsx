import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ReferenceSelect } from '../../../crud/ReferenceSelect';
import { useI18n } from '../../../i18n';
import { decCmp, decSub, fmtMoney, normalizeDecimalInput, trimDecimal } from '../../../lib/decimal';
import type { MoneyConfirmed, Signed } from '../../api';
import { DocNumberLink } from '../../DocNumberLink';
import { moneyOk, SignedBy } from '../../panelKit';

/** A confirmation done: the amount, what the driver collects, the receipts it rests on. */
export function ConfirmedMoney({ c }: { c: MoneyConfirmed }) {
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
export function MoneyConfirmation({
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

export function Step({
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
