import { Col, Form, Row as GridRow, Input, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Row } from '../api/types';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import { type I18n, useI18n } from '../i18n';
import { moneyInWords } from '../lib/chineseMoney';
import { decAdd, decIsZero, fmtMoney, isDecimalString, normalizeDecimalInput, trimDecimal } from '../lib/decimal';
import { focusNextField } from '../lib/keyboard';
import { useHeaderLabels, usePartnerBalance } from './api';
import { AddButton, InlineCreate, type InlineResource } from './InlineCreate';
import type { AdvanceDecl, DocKind } from './kinds';
import type { BodyProps, DocLayout } from './layout';
import { textOrNull, today } from './layout';
import { MoneyDocFields, useRequiredRule } from './moneyFields';
import { partyOf } from './parties';

/** The order an advance receipt (its sales order) or a prepayment (its purchase order) is paid for. */
function advanceOf(kind: DocKind): AdvanceDecl {
  if (!kind.advance) throw new Error(`${kind.kind}: a prepayment layout needs \`advance\``);
  return kind.advance;
}
const orderField = (kind: DocKind) => advanceOf(kind).orderField;

/** 所属订单: this partner's orders; a partner changed afterwards clears it (the order would be another's). */
function OrderPick({ kind, partnerId, labels }: { kind: DocKind; partnerId: string | undefined; labels: Record<string, string> }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const of = orderField(kind);
  const before = useRef(partnerId);
  useEffect(() => {
    if (before.current && before.current !== partnerId) form.setFieldValue(of, null);
    before.current = partnerId;
  }, [partnerId, form, of]);
  return (
    <Form.Item name={of} label={t('advance.order')} extra={t('advance.orderHint')}>
      <ReferenceSelect
        id={of}
        resource={advanceOf(kind).order}
        filters={partnerId ? { [partyOf(kind).field]: partnerId, sort: '-date' } : {}}
        disabled={!partnerId}
        knownLabels={labels}
        optionRender={(r) => (
          <Space size={8}>
            <span>{String(r.number)}</span>
            <Typography.Text type="secondary">{String(r.date)}</Typography.Text>
            <span>{fmtMoney(r.total as string | null)}</span>
          </Space>
        )}
      />
    </Form.Item>
  );
}

/** P9 预付款: a deposit paid before the goods come; negative = a refund or a correction. */
function PrepaymentBody({ kind, doc, form, editable, markDirty, setDialogOpen }: BodyProps) {
  const { t } = useI18n();
  const pf = partyOf(kind).field;
  const party = partyOf(kind);
  const words = advanceOf(kind).words;
  const supplierId = Form.useWatch(pf, { form, preserve: true }) as string | undefined;
  const amount = normalizeDecimalInput(String(Form.useWatch('amount', { form, preserve: true }) ?? ''));
  const balance = usePartnerBalance(kind.partner, supplierId);
  const headerLabels = useHeaderLabels(doc);
  const orderId = doc?.salesOrderId ?? doc?.purchaseOrderId;
  const labels = orderId && doc?.orderNumber ? { ...headerLabels, [orderId]: doc.orderNumber } : headerLabels;
  const [inline, setInline] = useState<InlineResource | null>(null);
  const required = useRequiredRule();
  const valid = isDecimalString(amount, 2, true);
  const pending = !doc || doc.status === 'saved';

  return (
    <>
      <GridRow gutter={[12, 0]} className="erp-doc-header">
        <Col xs={24} md={12} xl={8}>
          <Form.Item label={t(partyOf(kind).label)} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name={pf} noStyle rules={required(partyOf(kind).label)}>
                <ReferenceSelect id={pf} resource={partyOf(kind).resource} knownLabels={labels} />
              </Form.Item>
              {editable && party.inlineCreate ? (
                <AddButton
                  resource="suppliers"
                  onClick={() => {
                    setInline('suppliers');
                    setDialogOpen(true);
                  }}
                />
              ) : null}
            </Space.Compact>
          </Form.Item>
        </Col>
        <MoneyDocFields labels={labels} />
      </GridRow>
      <GridRow gutter={[12, 0]}>
        <Col xs={24} md={12} xl={8}>
          <OrderPick kind={kind} partnerId={supplierId} labels={labels} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name="amount"
            label={t(words.amount)}
            extra={t(words.negativeHint)}
            rules={[
              ...required('prepay.amount'),
              {
                validator: async (_r, v: unknown) => {
                  const s = normalizeDecimalInput(String(v ?? ''));
                  if (s === '') return;
                  if (!isDecimalString(s, 2, true)) throw new Error(t('prepay.amountInvalid'));
                  if (decIsZero(s)) throw new Error(t('prepay.amountZero'));
                },
              },
            ]}
          >
            <Input id="amount" inputMode="decimal" style={{ textAlign: 'right' }} placeholder="0.00" />
          </Form.Item>
        </Col>
        <Col xs={24} md={24} xl={8}>
          <div className="erp-doc-balance" data-testid="supplier-balance">
            {valid ? <span data-testid="amount-words">{moneyInWords(amount)}</span> : null}
            {supplierId && balance.data ? (
              <span>
                {t(words.balance)} <b data-testid="balance-prepaid">{fmtMoney(balance.data.prepaid)}</b>
                {pending && valid ? <Typography.Text type="secondary"> → {fmtMoney(decAdd(balance.data.prepaid, amount))}</Typography.Text> : null}
              </span>
            ) : null}
          </div>
        </Col>
      </GridRow>
      <Form.Item name="remark" label={t('doc.remark')} className="erp-doc-remark">
        <Input.TextArea id="remark" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
      </Form.Item>
      <InlineCreate
        resource={inline}
        onClose={() => {
          setInline(null);
          setDialogOpen(false);
        }}
        onCreated={(_r, row: Row) => {
          form.setFieldValue(pf, row.id);
          markDirty();
          focusNextField(pf);
        }}
      />
    </>
  );
}

export const prepaymentLayout: DocLayout = {
  initial(kind, doc, params) {
    const pf = partyOf(kind).field;
    const of = orderField(kind);
    if (!doc) return { [pf]: params.get(pf) ?? undefined, [of]: params.get(of) ?? null, date: today(), amount: '', remark: '' };
    return {
      [pf]: doc[pf],
      [of]: doc[of] ?? null,
      accountId: doc.accountId,
      date: doc.date,
      employeeId: doc.employeeId ?? undefined,
      remark: doc.remark ?? '',
      amount: trimDecimal(doc.total ?? '0', 2),
    };
  },
  async build(kind, form, _i18n: I18n) {
    await form.validateFields();
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    return {
      body: {
        [partyOf(kind).field]: v[partyOf(kind).field],
        [orderField(kind)]: v[orderField(kind)] || null,
        accountId: v.accountId,
        date: v.date,
        amount: normalizeDecimalInput(String(v.amount ?? '')),
        employeeId: v.employeeId || null,
        remark: textOrNull(v.remark),
      },
    };
  },
  Body: PrepaymentBody,
};
