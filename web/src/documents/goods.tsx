import { FileSearchOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Row as GridRow, Input, Radio, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import type { Page, Row } from '../api/types';
import { DateInput } from '../crud/FieldInput';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import { SubTable } from '../crud/SubTable';
import type { FieldDef } from '../crud/types';
import { useI18n } from '../i18n';
import { moneyInWords } from '../lib/chineseMoney';
import { decSub, fmtMoney, fmtQty } from '../lib/decimal';
import { focusNextField } from '../lib/keyboard';
import { type DocView, fetchDoc, useHeaderLabels } from './api';
import { lineColumns } from './goodsColumns';
import { buildGoods, goodsInitial, goodsValuesChange } from './goodsForm';
import { AddButton, InlineCreate, type InlineResource, inlineNoun } from './InlineCreate';
import type { BodyProps, DocLayout } from './layout';
import { applyProduct, type Line, lineFilled } from './lineCells';
import { documentTotals } from './lineMath';
import { localOf } from './listDef';
import { partyOf } from './parties';
import { onPartnerChanged } from './partnerChange';
import { SourcePicker } from './SourcePicker';
import { linesFromBill, linesFromOrder } from './sources';

/** `moneyHidden`: the server gave the document without its money (no `:price`): only quantities add up. */
function GoodsTotals({ moneyHidden = false }: { moneyHidden?: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const lines = ((Form.useWatch('lines', { form, preserve: true }) ?? form.getFieldValue('lines')) as Line[] | undefined) ?? [];
  const totals = documentTotals(lines.filter(lineFilled));
  const qty = (
    <span>
      {t('doc.totalQty')} <b data-testid="total-qty">{fmtQty(totals.totalQty)}</b>
    </span>
  );
  if (moneyHidden) {
    return (
      <div className="erp-doc-totals" data-testid="doc-totals">
        {qty}
      </div>
    );
  }
  return (
    <div className="erp-doc-totals" data-testid="doc-totals">
      {qty}
      <span>
        {t('doc.amount')} <b data-testid="total-amount">{fmtMoney(totals.amount)}</b>
      </span>
      <span>
        {t('doc.taxAmount')} <b data-testid="total-tax">{fmtMoney(totals.taxAmount)}</b>
      </span>
      <span>
        {t('doc.total')} <b data-testid="total-total">{fmtMoney(totals.total)}</b>
      </span>
      <span className="erp-doc-words">
        {t('doc.inWords')} <span data-testid="total-words">{moneyInWords(totals.total)}</span>
      </span>
    </div>
  );
}

function GoodsBody({ kind, ui, doc, form, editable, markDirty, setDialogOpen }: BodyProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [picker, setPicker] = useState<'order' | 'bill' | null>(null);
  const labels = useHeaderLabels(doc);
  const [inline, setInline] = useState<InlineResource | null>(null);
  // useWatch answers undefined on the first render: fall back to the store
  const watch = <T,>(name: string, v: unknown) => (v === undefined ? (form.getFieldValue(name) as T | undefined) : (v as T));
  const lines = watch<Line[]>('lines', Form.useWatch('lines', { form, preserve: true })) ?? [];
  const party = partyOf(kind);
  const pf = party.field;
  const source = kind.source;
  const supplierId = watch<string>(pf, Form.useWatch(pf, { form, preserve: true }));
  const returnMode = watch<string>('returnMode', Form.useWatch('returnMode', { form, preserve: true }));
  const billNumber = watch<string>('billNumber', Form.useWatch('billNumber', { form, preserve: true }));
  const fromBill = source?.from === 'bill' && returnMode === 'bill';

  useEffect(() => setDialogOpen(!!picker || !!inline), [picker, inline, setDialogOpen]);

  // The lines name their source order / bill (orderNumber, billNumber). While a saved bill or
  // return is still being edited, its source also tells how much is open there ("未入库 4").
  const [sourceDoc, setSourceDoc] = useState<DocView | null>(null);
  const sourceId = doc && editable && source ? (source.from === 'order' ? doc.sourceId : (doc.billId ?? doc.deliveryId ?? null)) : null;
  useEffect(() => {
    if (!sourceId || !source) return;
    let live = true;
    fetchDoc(source.resource, sourceId)
      .then((d) => live && setSourceDoc(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sourceId, source]);
  useEffect(() => {
    if (!sourceDoc) return;
    const openOf = (ref: string): string | null => {
      if (source?.from === 'order') return sourceDoc.openLines?.find((o) => o.lineId === ref)?.openQty ?? null;
      const src = sourceDoc.lines.find((l) => l.id === ref);
      return src ? decSub(src.baseQty, src.returnedQty) : null;
    };
    const ids = new Set(sourceDoc.lines.map((l) => l.id));
    const current = (form.getFieldValue('lines') as Line[] | undefined) ?? [];
    form.setFieldValue(
      'lines',
      current.map((l) => {
        const ref = source?.from === 'order' ? l.orderLineId : l.billLineId;
        return ref && ids.has(ref) ? { ...l, srcNumber: l.srcNumber ?? sourceDoc.number, srcOpen: openOf(ref) } : l;
      }),
    );
  }, [sourceDoc, source, form]);

  // A new document: the first warehouse, and whatever the URL brings (生成进货单, 退货, a supplier).
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once for a new document
  useEffect(() => {
    if (doc || started.current) return;
    started.current = true;
    const fromOrder = params.get('fromOrder');
    const fromBillId = params.get('fromBill');
    if (fromOrder && source?.from === 'order') {
      fetchDoc(source.resource, fromOrder)
        .then((order) => {
          // the order's 经手人, else the signed-in user's (the default of a new document)
          form.setFieldsValue({
            [pf]: order.supplierId ?? order.customerId,
            warehouseId: order.warehouseId,
            employeeId: order.employeeId ?? form.getFieldValue('employeeId'),
          });
          pickOrder(order, true);
        })
        .catch((e) => message.error(errorText(e, i18n)));
      return;
    }
    if (fromBillId && source?.from === 'bill') {
      fetchDoc(source.resource, fromBillId)
        .then((bill) => {
          form.setFieldsValue({ [pf]: bill.supplierId ?? bill.customerId, employeeId: bill.employeeId ?? form.getFieldValue('employeeId') });
          pickBill(bill);
        })
        .catch((e) => message.error(errorText(e, i18n)));
      return;
    }
    if (!form.getFieldValue('warehouseId')) {
      api<Page>('/warehouses', { query: { active: true, pageSize: 1, sort: 'code' } })
        .then((p) => {
          const w = p.items[0];
          if (w && !form.getFieldValue('warehouseId')) form.setFieldValue('warehouseId', w.id);
        })
        .catch(() => undefined);
    }
  }, []);

  const pickOrder = (order: DocView, replace = false) => {
    const pulled = linesFromOrder(order);
    if (pulled.length === 0) {
      message.warning(t('doc.nothingOpen', { number: order.number }));
      return;
    }
    const current = replace ? [] : ((form.getFieldValue('lines') as Line[] | undefined) ?? []).filter(lineFilled);
    const have = new Set(current.map((l) => l.orderLineId).filter(Boolean));
    const add = pulled.filter((l) => !have.has(l.orderLineId));
    form.setFieldsValue({
      lines: [...current, ...add],
      orderId: form.getFieldValue('orderId') || order.id,
      warehouseId: form.getFieldValue('warehouseId') || order.warehouseId,
    });
    markDirty();
    message.success(t('doc.pulled', { n: add.length }));
  };

  const pickBill = (bill: DocView) => {
    const pulled = linesFromBill(bill);
    if (pulled.length === 0) {
      message.warning(t('doc.nothingOpen', { number: bill.number }));
      return;
    }
    form.setFieldsValue({ lines: pulled, billId: bill.id, billNumber: bill.number, returnMode: 'bill', warehouseId: bill.warehouseId });
    markDirty();
    message.success(t('doc.pulled', { n: pulled.length }));
  };

  const openPicker = (which: 'order' | 'bill') => {
    if (!form.getFieldValue(pf)) {
      message.warning(t(party.first));
      form.focusField(pf);
      return;
    }
    setPicker(which);
  };

  const setReturnMode = (mode: 'free' | 'bill') => {
    if (mode === 'free') {
      const keep = ((form.getFieldValue('lines') as Line[] | undefined) ?? []).filter((l) => lineFilled(l) && !l.billLineId);
      form.setFieldsValue({ returnMode: 'free', billId: null, billNumber: null, lines: keep });
      markDirty();
    } else {
      openPicker('bill');
    }
  };

  const onCreated = (res: InlineResource, row: Row) => {
    if (res === 'suppliers') {
      form.setFieldValue(pf, row.id);
      // as if picked from the list: lines of the old supplier's orders go, prices are asked again
      onPartnerChanged(form, qc);
      focusNextField(pf);
    } else if (res === 'employees') {
      form.setFieldValue('employeeId', row.id);
      focusNextField('employeeId');
    } else {
      const all = (form.getFieldValue('lines') as Line[] | undefined) ?? [];
      let index = all.findIndex((l) => !lineFilled(l));
      if (index < 0) {
        form.setFieldValue('lines', [...all, { qty: '', price: '', unitId: '' }]);
        index = all.length;
      }
      applyProduct(form, qc, index, row);
    }
    markDirty();
  };

  const showSource = !!source && lines.some((l) => l?.orderLineId || l?.billLineId);
  const columns = useMemo(() => lineColumns(kind, { doc, showSource, editable }), [kind, doc, showSource, editable]);
  const linesField: FieldDef = useMemo(
    () => ({
      name: 'lines',
      label: localOf('doc.lines'),
      type: 'subtable',
      columns,
      autoRow: editable && !fromBill ? lineFilled : undefined,
      // 原单退回: every line comes from the bill
      fixedRows: fromBill,
      newRow: (rows) => {
        const prev = [...rows].reverse().find((r) => lineFilled(r as Line)) as Line | undefined;
        return { unitId: '', qty: '', price: '', discount: '', taxRate: prev?.taxRate ?? '0', promisedDate: prev?.promisedDate ?? '', remark: '' };
      },
    }),
    [columns, editable, fromBill],
  );

  const label = (key: Parameters<typeof t>[0]) => t(key);
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('common.required', { field: t(key) }) }];

  return (
    <>
      <GridRow gutter={[12, 0]} className="erp-doc-header">
        <Col xs={24} md={12} xl={7}>
          <Form.Item label={label(party.label)} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name={pf} noStyle rules={required(party.label)}>
                <ReferenceSelect id={pf} resource={party.resource} knownLabels={labels} disabled={!editable || fromBill} />
              </Form.Item>
              {editable && !fromBill && party.inlineCreate ? <AddButton resource="suppliers" onClick={() => setInline('suppliers')} /> : null}
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="warehouseId" label={label('doc.warehouse')} rules={required('doc.warehouse')}>
            <ReferenceSelect id="warehouseId" resource="warehouses" knownLabels={labels} disabled={!editable || fromBill} allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="date" label={label('doc.date')} rules={required('doc.date')}>
            <DateInput id="date" allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item label={label('doc.employee')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="employeeId" noStyle>
                <ReferenceSelect id="employeeId" resource="employees" knownLabels={labels} disabled={!editable} />
              </Form.Item>
              {editable ? <AddButton resource="employees" onClick={() => setInline('employees')} /> : null}
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4} className="erp-doc-source">
          {source?.from === 'order' && editable ? (
            <Tooltip title={t('doc.pickOrder')}>
              <Button icon={<FileSearchOutlined />} onClick={() => openPicker('order')} data-testid="btn-from-order" tabIndex={-1}>
                {t('doc.fromOrder')}
              </Button>
            </Tooltip>
          ) : null}
          {source?.from === 'bill' ? (
            <Space size={4} wrap>
              {editable ? (
                <Radio.Group
                  size="small"
                  value={returnMode ?? 'free'}
                  onChange={(e) => setReturnMode(e.target.value as 'free' | 'bill')}
                  optionType="button"
                  data-testid="return-mode"
                  options={[
                    { value: 'free', label: t('doc.freeReturn') },
                    { value: 'bill', label: t('doc.fromBill') },
                  ]}
                />
              ) : (
                <Typography.Text>{fromBill ? t('doc.fromBill') : t('doc.freeReturn')}</Typography.Text>
              )}
              {/* while editing, the bill and 选择原进货单 sit above the lines (the column is narrow) */}
              {fromBill && billNumber && !editable ? (
                <Typography.Text type="secondary" data-testid="return-bill">
                  {t(source.word)} {billNumber}
                </Typography.Text>
              ) : null}
            </Space>
          ) : null}
        </Col>
      </GridRow>
      {ui.Header ? <ui.Header editable={editable} partnerId={supplierId} /> : null}
      {/* kept in the form store, not typed */}
      <Form.Item name="orderId" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="billId" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="billNumber" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="returnMode" hidden>
        <Input />
      </Form.Item>
      <div className="erp-doc-lines" data-testid="doc-lines">
        {editable ? (
          <div className="erp-doc-lines-bar">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('doc.linesHint')}
            </Typography.Text>
            {fromBill && source?.from === 'bill' ? (
              <Space size={8}>
                {billNumber ? (
                  <Typography.Text type="secondary" data-testid="return-bill">
                    {t(source.word)} <span className="erp-docno">{billNumber}</span>
                  </Typography.Text>
                ) : null}
                <Button size="small" icon={<RollbackOutlined />} onClick={() => openPicker('bill')} data-testid="btn-from-bill" tabIndex={-1}>
                  {t(source.pick)}
                </Button>
              </Space>
            ) : (
              <Button size="small" type="dashed" icon={<PlusOutlined />} tabIndex={-1} data-testid="btn-new-products" onClick={() => setInline('products')}>
                {t('doc.addNew', { res: i18n.tl(inlineNoun('products')) })}
              </Button>
            )}
          </div>
        ) : null}
        <SubTable
          field={linesField}
          mode={doc ? 'edit' : 'create'}
          form={form}
          readOnly={!editable}
          footer={<GoodsTotals moneyHidden={!!doc && doc.total == null} />}
        />
      </div>
      {ui.AfterLines ? <ui.AfterLines editable={editable} doc={doc} /> : null}
      <Form.Item name="remark" label={label('doc.remark')} className="erp-doc-remark">
        <Input.TextArea id="remark" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
      </Form.Item>
      <SourcePicker
        kind={kind}
        source={picker}
        supplierId={supplierId}
        onClose={() => setPicker(null)}
        onPick={(d) => (picker === 'order' ? pickOrder(d) : pickBill(d))}
      />
      <InlineCreate resource={inline} onClose={() => setInline(null)} onCreated={onCreated} />
    </>
  );
}

export const goodsLayout: DocLayout = { initial: goodsInitial, build: buildGoods, Body: GoodsBody, onValuesChange: goodsValuesChange };
