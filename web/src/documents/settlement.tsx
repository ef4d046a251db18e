import { ClearOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Row as GridRow, Input, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import { type I18n, type MsgKey, useI18n } from '../i18n';
import { moneyInWords } from '../lib/chineseMoney';
import { decAbs, decAdd, decCmp, decIsNeg, decIsZero, decRound, decSub, fmtMoney, isDecimalString, normalizeDecimalInput, trimDecimal } from '../lib/decimal';
import { type DocView, type OpenItem, openItemsKey, useHeaderLabels, usePartnerBalance, usePartnerOpenItems } from './api';
import { type DocKind, docHref, kindName, type SettlementDecl } from './kinds';
import type { BodyProps, DocLayout } from './layout';
import { textOrNull, today } from './layout';
import { MoneyDocFields, useRequiredRule } from './moneyFields';
import { partyOf } from './parties';
import { SettlementTag } from './StatusTag';
import { type Alloc, type AllocItem, allocateAsTyped, autoAllocate, nothingAllocated, settledTotal } from './settlementAllocation';

interface ItemRow extends AllocItem {
  kind: string | null;
  dueDate: string | null;
  amount: string | null;
  settled: string | null;
  settlementStatus: OpenItem['settlementStatus'] | null;
}

const money = (v: unknown) => normalizeDecimalInput(String(v ?? ''));
const moneyOrZero = (v: unknown) => {
  const s = money(v);
  return s === '' ? '0' : s;
};

/** The form's text for an allocated amount ('' = none). */
const allocText = (rows: ItemRow[], alloc: Alloc) =>
  Object.fromEntries(rows.map((x) => [x.documentId, alloc[x.documentId] ? decRound(alloc[x.documentId] as string, 2) : '']));

/**
 * Form value (not sent): the clerk has set the allocations by hand (typed a line, 清空分配),
 * or they were saved so: the payment total no longer re-allocates (9.5). 自动分配 and a new
 * partner hand them back to the rule.
 */
const MANUAL = '_allocManual';

function Figure({ label, value, testId, danger }: { label: string; value: string; testId: string; danger?: boolean }) {
  return (
    <Statistic
      title={label}
      value={fmtMoney(value)}
      styles={{ content: { fontSize: 18, color: danger ? '#cf1322' : undefined } }}
      data-testid={testId}
      className="erp-figure"
    />
  );
}

/** A settlement kind declares its words; one without them is a declaration error. */
function settlementOf(kind: DocKind): SettlementDecl {
  if (!kind.settlement) throw new Error(`${kind.kind}: a settlement layout needs \`settlement\``);
  return kind.settlement;
}

function SettlementBody({ kind, doc, form, editable, markDirty }: BodyProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  // useWatch answers undefined on the first render: fall back to the store
  const watch = (name: string, v: unknown) => (v === undefined ? form.getFieldValue(name) : v);
  const pf = partyOf(kind).field;
  const { allocates, words } = settlementOf(kind);
  const supplierId = watch(pf, Form.useWatch(pf, { form, preserve: true })) as string | undefined;
  const alloc = (watch('alloc', Form.useWatch('alloc', { form, preserve: true })) as Alloc | undefined) ?? {};
  const paymentTotal = moneyOrZero(watch('paymentTotal', Form.useWatch('paymentTotal', { form, preserve: true })));
  const prepaymentUsed = moneyOrZero(watch('prepaymentUsed', Form.useWatch('prepaymentUsed', { form, preserve: true })));
  const manual = !!watch(MANUAL, Form.useWatch(MANUAL, { form, preserve: true }));
  const balance = usePartnerBalance(kind.partner, supplierId);
  const open = usePartnerOpenItems(kind.partner, editable ? supplierId : undefined);
  const labels = useHeaderLabels(doc);

  const rows: ItemRow[] = useMemo(() => {
    if (!editable) {
      return (doc?.allocations ?? []).map((a) => ({
        documentId: a.documentId,
        number: a.number ?? '',
        kind: decIsNeg(a.signedAmount) ? allocates.negative : allocates.positive,
        date: null,
        dueDate: null,
        amount: null,
        settled: null,
        open: '0',
        negative: decIsNeg(a.signedAmount),
        settlementStatus: null,
      }));
    }
    const list: ItemRow[] = (open.data?.items ?? []).map((o) => ({ ...o, negative: decIsNeg(o.amount) }));
    // a saved settlement may name an item that has been settled elsewhere since
    for (const a of doc?.allocations ?? []) {
      if (!list.some((r) => r.documentId === a.documentId)) {
        list.push({
          documentId: a.documentId,
          number: a.number ?? '',
          kind: null,
          date: null,
          dueDate: null,
          amount: null,
          settled: null,
          open: '0',
          negative: decIsNeg(a.signedAmount),
          settlementStatus: null,
        });
      }
    }
    return list;
  }, [editable, open.data, doc, allocates]);

  const settled = editable ? settledTotal(rows, alloc) : (doc?.settled ?? doc?.total ?? '0');
  const available = decAdd(paymentTotal, prepaymentUsed);
  const surplus = editable ? decSub(available, settled) : (doc?.surplus ?? '0');
  const prepaid = balance.data?.prepaid ?? '0';
  const over = decCmp(settled, available) > 0;
  const usedTooMuch = editable && decCmp(prepaymentUsed, '0') > 0 && decCmp(prepaymentUsed, decIsNeg(prepaid) ? '0' : prepaid) > 0;

  // 9.5: until the clerk sets them by hand, the allocations follow what is typed as money
  // (oldest first) — 余款转预付款 never starts out as the whole payment.
  const itemsListed = open.isSuccess && !open.isFetching;
  useEffect(() => {
    if (!editable || manual || !itemsListed) return;
    const next = allocText(rows, allocateAsTyped(rows, paymentTotal, prepaymentUsed));
    const current = (form.getFieldValue('alloc') as Alloc | undefined) ?? {};
    if (rows.every((x) => (current[x.documentId] ?? '') === next[x.documentId])) return;
    form.setFieldsValue({ alloc: next });
  }, [editable, manual, itemsListed, rows, paymentTotal, prepaymentUsed, form]);

  const onAuto = () => {
    const r = autoAllocate(rows, paymentTotal, prepaymentUsed);
    const values: Record<string, unknown> = { alloc: allocText(rows, r.alloc), [MANUAL]: false };
    if (r.paymentTotal !== undefined) values.paymentTotal = trimDecimal(r.paymentTotal, 2);
    form.setFieldsValue(values);
    void form.validateFields(rows.map((x) => ['alloc', x.documentId])).catch(() => undefined);
    markDirty();
  };
  const onClear = () => {
    form.setFieldsValue({ alloc: Object.fromEntries(rows.map((x) => [x.documentId, ''])), [MANUAL]: true });
    markDirty();
  };

  useEffect(() => {
    if (open.isError) message.error(String(open.error));
  }, [open.isError, open.error, message]);

  const required = useRequiredRule();
  const moneyRule = (signed: boolean, key: MsgKey) => ({
    validator: async (_r: unknown, v: unknown) => {
      if (v == null || v === '') return;
      if (!isDecimalString(money(v), 2, signed)) throw new Error(t(key));
    },
  });

  return (
    <>
      <GridRow gutter={[12, 0]} className="erp-doc-header">
        <Col xs={24} md={12} xl={7}>
          <Form.Item name={pf} label={t(partyOf(kind).label)} rules={required(partyOf(kind).label)}>
            <ReferenceSelect id={pf} resource={partyOf(kind).resource} knownLabels={labels} />
          </Form.Item>
        </Col>
        <MoneyDocFields labels={labels} />
      </GridRow>
      {supplierId && balance.data ? (
        <div className="erp-doc-balance" data-testid="supplier-balance">
          <span>
            {t(words.payableBalance)} <b data-testid="balance-payable">{fmtMoney(balance.data.payable)}</b>
          </span>
          <span>
            {t(words.prepaidBalance)} <b data-testid="balance-prepaid">{fmtMoney(balance.data.prepaid)}</b>
          </span>
        </div>
      ) : null}
      <GridRow gutter={[12, 0]} className="erp-settle-inputs">
        <Col xs={12} md={6} xl={5}>
          <Form.Item name="paymentTotal" label={t(words.paymentTotal)} labelCol={{ flex: '96px' }} rules={[moneyRule(false, 'settle.amountInvalid')]}>
            <Input id="paymentTotal" inputMode="decimal" style={{ textAlign: 'right' }} placeholder="0.00" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Form.Item
            name="prepaymentUsed"
            label={t(words.prepaymentUsed)}
            labelCol={{ flex: '96px' }}
            rules={[moneyRule(false, 'settle.amountInvalid')]}
            validateStatus={usedTooMuch ? 'warning' : undefined}
            help={usedTooMuch ? t('settle.prepaidExceeds', { balance: fmtMoney(prepaid) }) : undefined}
          >
            <Input id="prepaymentUsed" inputMode="decimal" style={{ textAlign: 'right' }} placeholder="0.00" />
          </Form.Item>
        </Col>
        <Col flex="auto">
          <Space size={24} wrap className="erp-settle-figures">
            <Figure label={t(words.settledTotal)} value={settled} testId="settled-total" danger={over} />
            <Figure label={t(words.surplus)} value={surplus} testId="surplus" danger={decIsNeg(surplus)} />
            {editable ? (
              <Space>
                <Tooltip title={t(words.returnsNegative)}>
                  <Button icon={<ThunderboltOutlined />} onClick={onAuto} disabled={!supplierId} data-testid="btn-auto-allocate">
                    {t('settle.auto')}
                  </Button>
                </Tooltip>
                <Button icon={<ClearOutlined />} onClick={onClear} disabled={!supplierId} tabIndex={-1} data-testid="btn-clear-allocation">
                  {t('settle.clear')}
                </Button>
              </Space>
            ) : null}
          </Space>
        </Col>
      </GridRow>
      {over && editable ? (
        <Typography.Text type="danger" data-testid="settle-over">
          {t('settle.exceeds', { settled: fmtMoney(settled), available: fmtMoney(available) })}
        </Typography.Text>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0' }}>
        {t(words.returnsNegative)}
      </Typography.Paragraph>
      <Table<ItemRow>
        size="small"
        bordered
        rowKey="documentId"
        loading={open.isFetching}
        dataSource={rows}
        pagination={false}
        data-testid="settle-items"
        title={() => <b>{editable ? t('settle.openItems') : t('settle.allocations')}</b>}
        locale={{ emptyText: supplierId ? t('settle.noOpenItems') : t(partyOf(kind).first) }}
        onRow={(r) => ({ 'data-testid': `item-${r.number}` }) as never}
        columns={[
          {
            title: t('doc.number'),
            dataIndex: 'number',
            width: 160,
            render: (v: string, r) => {
              const href = docHref(r.kind, r.documentId);
              return href ? (
                <a href={href} target="_blank" rel="noreferrer">
                  {v}
                </a>
              ) : (
                v
              );
            },
          },
          {
            title: t('settle.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (v: string | null) => {
              const k = kindName(v);
              return k ? t(k) : null;
            },
          },
          ...(editable
            ? [
                { title: t('doc.date'), dataIndex: 'date', width: 96 },
                { title: t('doc.dueDate'), dataIndex: 'dueDate', width: 96 },
                { title: t('settle.docAmount'), dataIndex: 'amount', width: 110, align: 'right' as const, render: (v: string | null) => fmtMoney(v) },
                { title: t('settle.settledCol'), dataIndex: 'settled', width: 100, align: 'right' as const, render: (v: string | null) => fmtMoney(v) },
                {
                  title: t('settle.open'),
                  dataIndex: 'open',
                  width: 110,
                  align: 'right' as const,
                  render: (v: string, r: ItemRow) => (
                    <Space size={4}>
                      <SettlementTag status={r.settlementStatus} />
                      <span data-testid="item-open">{fmtMoney(v)}</span>
                    </Space>
                  ),
                },
              ]
            : []),
          {
            title: t('settle.thisTime'),
            key: 'alloc',
            width: 150,
            align: 'right',
            render: (_v, r) =>
              editable ? (
                <Form.Item
                  name={['alloc', r.documentId]}
                  style={{ margin: 0 }}
                  rules={[
                    moneyRule(false, 'settle.amountInvalid'),
                    {
                      validator: async (_rule, v: unknown) => {
                        const s = money(v);
                        if (s === '' || !isDecimalString(s, 2)) return;
                        if (decCmp(s, decAbs(r.open)) > 0) throw new Error(t('settle.overOpen', { open: fmtMoney(decAbs(r.open)) }));
                      },
                    },
                  ]}
                >
                  <Input inputMode="decimal" style={{ textAlign: 'right' }} data-testid={`alloc-${r.number}`} placeholder="0.00" />
                </Form.Item>
              ) : (
                <span data-testid={`alloc-${r.number}`}>{fmtMoney(alloc[r.documentId])}</span>
              ),
          },
        ]}
      />
      <div className="erp-doc-totals">
        <span>
          {t(words.settledTotal)} <b>{fmtMoney(settled)}</b>
        </span>
        <span className="erp-doc-words">
          {t('doc.inWords')} {moneyInWords(settled)}
        </span>
      </div>
      <Form.Item name="remark" label={t('doc.remark')} className="erp-doc-remark">
        <Input.TextArea id="remark" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
      </Form.Item>
    </>
  );
}

export const settlementLayout: DocLayout = {
  initial(kind, doc: DocView | undefined, params) {
    const pf = partyOf(kind).field;
    if (!doc) return { [pf]: params.get(pf) ?? undefined, date: today(), paymentTotal: '', prepaymentUsed: '', alloc: {}, remark: '', [MANUAL]: false };
    return {
      [pf]: doc[pf],
      accountId: doc.accountId,
      date: doc.date,
      employeeId: doc.employeeId ?? undefined,
      remark: doc.remark ?? '',
      paymentTotal: trimDecimal(doc.receiptTotal ?? doc.paymentTotal ?? '0', 2),
      prepaymentUsed: trimDecimal(doc.advanceUsed ?? doc.prepaymentUsed ?? '0', 2),
      alloc: Object.fromEntries((doc.allocations ?? []).map((a) => [a.documentId, trimDecimal(a.amount, 2)])),
      // what was saved was the clerk's choice: a changed total does not redo it
      [MANUAL]: true,
    };
  },

  async build(kind, form, i18n: I18n) {
    await form.validateFields();
    const pf = partyOf(kind).field;
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const alloc = (v.alloc as Alloc | undefined) ?? {};
    const allocations = Object.entries(alloc)
      .map(([documentId, amount]) => ({ documentId, amount: money(amount) }))
      .filter((a) => a.amount !== '' && !decIsZero(a.amount));
    const paymentTotal = moneyOrZero(v.paymentTotal);
    const prepaymentUsed = moneyOrZero(v.prepaymentUsed);
    if (allocations.length === 0 && decIsZero(paymentTotal) && decIsZero(prepaymentUsed)) return i18n.t('settle.nothing');
    return {
      body: {
        [pf]: v[pf],
        accountId: v.accountId,
        date: v.date,
        employeeId: v.employeeId || null,
        remark: textOrNull(v.remark),
        [settlementOf(kind).body.paymentTotal]: paymentTotal,
        [settlementOf(kind).body.prepaymentUsed]: prepaymentUsed,
        allocations,
      },
    };
  },

  Body: SettlementBody,

  onValuesChange(changed, form) {
    if ('supplierId' in changed || 'customerId' in changed) form.setFieldsValue({ alloc: {}, prepaymentUsed: '', [MANUAL]: false });
    // a line typed by the clerk stays as typed
    else if ('alloc' in changed) form.setFieldsValue({ [MANUAL]: true });
  },

  confirmSave(kind, form, i18n, qc) {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const partnerId = v[partyOf(kind).field] as string | undefined;
    const items = qc.getQueryData<{ items: OpenItem[] }>(openItemsKey(kind.partner, partnerId))?.items ?? [];
    if (items.length === 0 || !nothingAllocated((v.alloc as Alloc | undefined) ?? {})) return null;
    const amount = fmtMoney(decAdd(moneyOrZero(v.paymentTotal), moneyOrZero(v.prepaymentUsed)));
    return i18n.t(settlementOf(kind).words.confirmNoAllocation, { amount });
  },
};
