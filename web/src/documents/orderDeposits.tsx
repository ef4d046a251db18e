// 订金 paid for an order (S4, P9): the advance receipts or prepayments naming it.
import { Descriptions, Space } from 'antd';
import { type MsgKey, useI18n } from '../i18n';
import { fmtMoney } from '../lib/decimal';
import type { DocView, OrderAdvance } from './api';
import { DocNumberLink } from './DocNumberLink';

/** The advance receipts (or prepayments) naming an order, each linked to its page. */
export function OrderAdvances({ kind, items }: { kind: 'advance_receipt' | 'prepayment'; items: OrderAdvance[] | null | undefined }) {
  const { t } = useI18n();
  if (!items?.length) return null;
  return (
    <Space size={12} wrap data-testid="order-advances">
      {items.map((r) => (
        <span key={r.id} data-testid="order-advance-doc" style={r.status === 'audited' ? undefined : { color: '#999' }}>
          <DocNumberLink kind={kind} documentId={r.id} number={r.number} /> {fmtMoney(r.amount)}
          {r.accountName ? ` · ${r.accountName}` : ''}
          {r.status === 'audited' ? '' : ` (${t('status.saved' as MsgKey)})`}
        </span>
      ))}
    </Space>
  );
}

/** P9 a purchase order: 已付订金 (its prepayments) and what is left to pay. */
export function PrepaidForOrder({ doc }: { doc: DocView }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="order-prepaid" style={{ marginTop: 8 }}>
      <Descriptions.Item label={t('order.depositPaid')}>
        <span data-testid="order-deposit-paid">{fmtMoney(doc.depositPaid)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('order.balanceToPay')}>
        <span data-testid="order-balance-to-pay">{fmtMoney(doc.balanceToPay)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('order.depositDocs')}>
        <OrderAdvances kind="prepayment" items={doc.depositPayments} />
      </Descriptions.Item>
    </Descriptions>
  );
}
