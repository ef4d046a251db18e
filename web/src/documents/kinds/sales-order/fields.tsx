import { Checkbox, Col, Form, Row as GridRow, Input, Select, Space } from 'antd';
import { DateInput } from '../../../crud/FieldInput';
import { type MsgKey, useI18n } from '../../../i18n';
import { decAdd, decMax, decSub, fmtMoney, isDecimalString, normalizeDecimalInput, trimDecimal } from '../../../lib/decimal';
import { type DocView, usePartnerBalance } from '../../api';
import { type Line, lineFilled } from '../../lineCells';
import { documentTotals } from '../../lineMath';

/** S2 订单来源: 传真 / 电话 / 来访 / 网上 / 其他 */
export const ORDER_SOURCES = ['fax', 'phone', 'visit', 'online', 'other'] as const;
export const sourceKey = (s: string | null | undefined) => `orderSource.${s ?? 'other'}` as MsgKey;

/** The sales order's own header fields: source, contract date, deposit (amount or %), made to order. */
export function SalesOrderFields({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const mode = (Form.useWatch('depositMode', { form, preserve: true }) as string | undefined) ?? 'amount';
  return (
    <GridRow gutter={[12, 0]} className="erp-doc-header" data-testid="order-extra">
      <Col xs={12} md={6} xl={4}>
        <Form.Item name="source" label={t('order.source')}>
          <Select id="source" options={ORDER_SOURCES.map((s) => ({ value: s, label: t(sourceKey(s)) }))} data-testid="order-source" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Form.Item name="contractDate" label={t('order.contractDate')}>
          <DateInput id="contractDate" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12} xl={7}>
        <Form.Item label={t('order.deposit')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="depositMode" noStyle>
              <Select
                style={{ width: 90 }}
                disabled={!editable}
                options={[
                  { value: 'amount', label: t('order.depositAmount') },
                  { value: 'pct', label: t('order.depositPct') },
                ]}
                data-testid="deposit-mode"
              />
            </Form.Item>
            <Form.Item
              name="deposit"
              noStyle
              rules={[
                {
                  validator: async (_r, v: unknown) => {
                    const s = normalizeDecimalInput(String(v ?? ''));
                    if (s !== '' && !isDecimalString(s, mode === 'pct' ? 4 : 2)) throw new Error(t('order.depositInvalid'));
                  },
                },
              ]}
            >
              {/* The suffix is always there (empty for an amount): adding one would remount the
                  input under a clerk who types straight after switching the mode. */}
              <Input id="deposit" inputMode="decimal" style={{ textAlign: 'right' }} suffix={<span>{mode === 'pct' ? '%' : ''}</span>} placeholder="0" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Form.Item name="requiresProduction" valuePropName="checked" label=" ">
          <Checkbox id="requiresProduction" data-testid="requires-production">
            {t('order.madeToOrder')}
          </Checkbox>
        </Form.Item>
      </Col>
    </GridRow>
  );
}

export function salesOrderInitial(doc: DocView | undefined): Record<string, unknown> {
  if (!doc) return { source: 'fax', contractDate: '', depositMode: 'amount', deposit: '', requiresProduction: false };
  return {
    source: doc.source ?? 'fax',
    contractDate: doc.contractDate ?? '',
    depositMode: 'amount',
    deposit: doc.depositRequired ? trimDecimal(doc.depositRequired, 2) : '',
    requiresProduction: !!doc.requiresProduction,
  };
}

export function salesOrderBody(v: Record<string, unknown>): Record<string, unknown> {
  const deposit = normalizeDecimalInput(String(v.deposit ?? ''));
  const pct = v.depositMode === 'pct';
  return {
    source: v.source || 'fax',
    contractDate: v.contractDate || null,
    depositRequired: deposit && !pct ? deposit : null,
    depositPct: deposit && pct ? deposit : null,
    requiresProduction: !!v.requiresProduction,
  };
}

/**
 * S8 while an order is typed: what the customer already owes (赊账) or paid ahead (余账),
 * and the total to remit once this order is added — the figure the clerk phones back.
 */
export function LiveTotalToPay({ customerId }: { customerId: string | null | undefined }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const lines = ((Form.useWatch('lines', { form, preserve: true }) ?? form.getFieldValue('lines')) as Line[] | undefined) ?? [];
  const balance = usePartnerBalance('customer', customerId);
  if (!customerId || !balance.data) return null;
  const total = documentTotals(lines.filter(lineFilled)).total;
  const toPay = decMax(decSub(decAdd(total, balance.data.payable), balance.data.prepaid), '0');
  return (
    <Space size={24} className="erp-order-live" data-testid="order-live-to-pay" style={{ margin: '4px 0 8px' }}>
      <span>
        {t('order.customerReceivable')} <b data-testid="live-receivable">{fmtMoney(balance.data.payable)}</b>
      </span>
      <span>
        {t('order.customerAdvance')} <b data-testid="live-advance">{fmtMoney(balance.data.prepaid)}</b>
      </span>
      <span>
        {t('order.totalToPay')}{' '}
        <b data-testid="live-total-to-pay" style={{ color: '#cf1322' }}>
          {fmtMoney(toPay)}
        </b>
      </span>
    </Space>
  );
}
