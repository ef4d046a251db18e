import { Descriptions } from 'antd';
import { useI18n } from '../../../i18n';
import { fmtMoney } from '../../../lib/decimal';
import type { DocView } from '../../api';
import { OrderAdvances } from '../../orderDeposits';
import { sourceKey } from './fields';

/** 客户欠款 / 预收余额 / 订金 / 应付款总额 (S2 reply to the customer with the total to pay; S8 netting), and what was paid for this order (S4). */
export function OrderFigures({ doc }: { doc: DocView }) {
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
