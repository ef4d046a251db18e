import { FileSearchOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, type FormInstance, Row as GridRow, Input, Radio, Space, Tooltip, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import type { Page, Row } from '../api/types';
import { DateInput } from '../crud/FieldInput';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import { SubTable } from '../crud/SubTable';
import type { FieldDef } from '../crud/types';
import { type I18n, useI18n } from '../i18n';
import { moneyInWords } from '../lib/chineseMoney';
import { decCmp, decIsNeg, decIsZero, decMul, decSub, fmtMoney, fmtQty, isDecimalString, isNumeric, normalizeDecimalInput, trimDecimal } from '../lib/decimal';
import { focusNextField } from '../lib/keyboard';
import { decimal, price, qty, text } from '../resources/common';
import { type DocView, fetchDoc, useHeaderLabels } from './api';
import { AddButton, InlineCreate, type InlineResource, inlineNoun } from './InlineCreate';
import { billResource, type DocKind, isSales, orderResource, partnerField, partnerLabel, partnerResource } from './kinds';
import type { BodyProps, DocLayout } from './layout';
import { textOrNull, today } from './layout';
import { AvailabilityCell, applyProduct, applyUnit, fillDefaultPrice, type Line, lineFilled, ProductCell, productText, StockCell, UnitCell } from './lineCells';
import { documentTotals, lineFigures } from './lineMath';
import { localOf } from './listDef';
import { SourcePicker } from './SourcePicker';
import { LiveTotalToPay, SalesOrderFields, salesOrderBody, salesOrderInitial } from './salesOrderFields';
import { linesFromBill, linesFromOrder } from './sources';

function lineFromDoc(l: DocView['lines'][number], open: Map<string, string>): Line {
  return {
    productId: l.productId ?? undefined,
    productCode: l.productCode,
    productName: l.productName,
    spec: l.spec,
    series: l.series ?? null,
    colour: l.colour,
    size: l.size,
    packagesPerUnit: l.packagesPerUnit ?? null,
    baseUnit: l.baseUnit,
    unitId: l.unitId ?? '',
    unitName: l.unitName,
    unitRatio: l.unitRatio,
    qty: trimDecimal(l.qty),
    price: trimDecimal(l.price, 2),
    taxRate: trimDecimal(l.taxRate),
    discount: trimDecimal(l.discount ?? '0'),
    promisedDate: l.promisedDate ?? '',
    remark: l.remark ?? '',
    orderLineId: l.orderLineId,
    billLineId: l.billLineId,
    srcNumber: l.orderNumber ?? l.billNumber ?? null,
    priceTyped: true,
    receivedQty: l.receivedQty,
    returnedQty: l.returnedQty,
    openQty: open.get(l.id) ?? null,
  };
}

const positive = (v: unknown) => (isNumeric(String(v)) && decCmp(normalizeDecimalInput(String(v)), '0') <= 0 ? 'line.qtyPositive' : null);
const nonNegative = (v: unknown) => (isNumeric(String(v)) && decIsNeg(normalizeDecimalInput(String(v))) ? 'line.priceInvalid' : null);
// A percent column is NUMERIC(6, 4) on the server (src/core/limits.ts): 0–99.9999.
const taxRange = (v: unknown) => {
  const s = normalizeDecimalInput(String(v));
  return isNumeric(s) && (decIsNeg(s) || decCmp(s, '100') >= 0) ? 'line.taxInvalid' : null;
};

/** "JD-20261126-0001", under it "未入库 6 把" (while the source is open) */
function SourceText({ line, kind }: { line: Line; kind: DocKind }) {
  const { t } = useI18n();
  if (!line.srcNumber) return null;
  const openKey = kind.source === 'order' ? (isSales(kind) ? 'line.undelivered' : 'line.open') : 'line.returnable';
  return (
    <span className="erp-cell-text erp-line-source" data-testid="line-source">
      <span className="erp-docno">{line.srcNumber}</span>
      {line.srcOpen ? (
        <span className="erp-line-source-open">
          {t(openKey)} {fmtQty(line.srcOpen)} {line.baseUnit ?? ''}
        </span>
      ) : null}
    </span>
  );
}

function lineColumns(kind: DocKind, doc: DocView | undefined, showSource: boolean, editable: boolean): FieldDef[] {
  const cols: FieldDef[] = [
    {
      name: 'productId',
      label: localOf('line.product'),
      type: 'custom',
      required: true,
      width: 190,
      render: (p) => <ProductCell {...p} />,
      cell: (_v, row) => productText(row as Line),
    },
  ];
  if (showSource) {
    cols.push({
      name: 'srcNumber',
      label: localOf('doc.source'),
      type: 'text',
      readOnly: true,
      width: 130,
      cell: (_v, row) => <SourceText line={row as Line} kind={kind} />,
    });
  }
  cols.push(
    text('spec', localOf('line.specColourSize'), {
      readOnly: true,
      width: 96,
      cell: (_v, row) => {
        const l = row as Line;
        // 系列 · 型号 · 颜色 · 尺码, and the packages (包数) the line ships in (X2).
        const packages =
          l.packagesPerUnit && isDecimalString(l.qty ?? '', 4) && !decIsZero(l.packagesPerUnit)
            ? trimDecimal(decMul(decMul(l.qty ?? '0', l.unitRatio ?? '1'), l.packagesPerUnit))
            : null;
        return [l.series, l.spec, l.colour, l.size, packages].filter(Boolean).join(' · ');
      },
    }),
    {
      name: 'unitId',
      label: localOf('line.unit'),
      type: 'custom',
      width: 72,
      enterSkip: true,
      render: (p) => <UnitCell {...p} />,
      cell: (_v, row) => (row as Line).unitName ?? (row as Line).baseUnit ?? null,
    },
    qty('qty', localOf('line.qty'), { required: true, width: 76, check: positive }),
  );
  // beside the quantity: how much of it has come in (orders) or gone back (bills), base units
  if (doc && doc.status !== 'saved') {
    const base = (row: Row, v: unknown) => (v == null ? null : `${fmtQty(String(v))} ${String((row as Line).baseUnit ?? '')}`);
    const anyReturned = doc.lines.some((l) => decCmp(l.returnedQty, '0') > 0);
    if (kind.isOrder) {
      cols.push(qty('receivedQty', localOf(isSales(kind) ? 'line.delivered' : 'line.received'), { readOnly: true, width: 80, cell: (v, row) => base(row, v) }));
      if (anyReturned) cols.push(qty('returnedQty', localOf('line.returned'), { readOnly: true, width: 80, cell: (v, row) => base(row, v) }));
      cols.push(
        qty('openQty', localOf(isSales(kind) ? 'line.undelivered' : 'line.open'), {
          readOnly: true,
          width: 80,
          cell: (v, row) => <span data-testid="line-open">{base(row, v)}</span>,
        }),
      );
    } else if ((kind.kind === 'purchase_bill' || kind.kind === 'sales_delivery') && anyReturned) {
      cols.push(qty('returnedQty', localOf('line.returned'), { readOnly: true, width: 80, cell: (v, row) => base(row, v) }));
    }
  }
  cols.push(
    price('price', localOf('line.price'), { width: 88, check: nonNegative }),
    ...(isSales(kind) ? [decimal('discount', localOf('line.discount'), { scale: 4, width: 56, enterSkip: true, check: taxRange })] : []),
    decimal('taxRate', localOf('line.taxRate'), { scale: 4, width: 56, enterSkip: true, check: taxRange }),
    decimal('amount', localOf('line.amount'), {
      readOnly: true,
      width: 90,
      cell: (_v, row) => <span data-testid="line-amount">{fmtMoney(lineFigures(row as Line)?.amount)}</span>,
    }),
    decimal('taxAmount', localOf('line.taxAmount'), { readOnly: true, width: 76, cell: (_v, row) => fmtMoney(lineFigures(row as Line)?.taxAmount) }),
    decimal('total', localOf('line.total'), {
      readOnly: true,
      width: 96,
      cell: (_v, row) => <span data-testid="line-total">{fmtMoney(lineFigures(row as Line)?.total)}</span>,
    }),
  );
  if (editable || doc?.status === 'saved') {
    cols.push({
      name: '_stock',
      // sales: on hand less what (other) open orders hold — not the stock on the shelf
      label: localOf(isSales(kind) ? 'line.available' : 'line.stock'),
      type: 'text',
      readOnly: true,
      width: 72,
      align: 'right',
      cell: (_v, row) =>
        isSales(kind) ? <AvailabilityCell line={row as Line} excludeOrderId={kind.isOrder ? doc?.id : undefined} /> : <StockCell line={row as Line} />,
    });
  }
  if (kind.isOrder && !isSales(kind)) cols.push({ name: 'promisedDate', label: localOf('line.promisedDate'), type: 'date', width: 108, enterSkip: true });
  cols.push(text('remark', localOf('line.remark'), { width: 100, enterSkip: true, maxLength: 200 }));
  return cols;
}

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

function GoodsBody({ kind, doc, form, editable, markDirty, setDialogOpen }: BodyProps) {
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
  const pf = partnerField(kind);
  const supplierId = watch<string>(pf, Form.useWatch(pf, { form, preserve: true }));
  const returnMode = watch<string>('returnMode', Form.useWatch('returnMode', { form, preserve: true }));
  const billNumber = watch<string>('billNumber', Form.useWatch('billNumber', { form, preserve: true }));
  const fromBill = kind.source === 'bill' && returnMode === 'bill';

  useEffect(() => setDialogOpen(!!picker || !!inline), [picker, inline, setDialogOpen]);

  // The lines name their source order / bill (orderNumber, billNumber). While a saved bill or
  // return is still being edited, its source also tells how much is open there ("未入库 4").
  const [sourceDoc, setSourceDoc] = useState<DocView | null>(null);
  const sourceId = doc && editable ? (kind.source === 'order' ? doc.sourceId : kind.source === 'bill' ? (doc.billId ?? doc.deliveryId ?? null) : null) : null;
  useEffect(() => {
    if (!sourceId || !kind.source) return;
    let live = true;
    fetchDoc(kind.source === 'order' ? orderResource(kind) : billResource(kind), sourceId)
      .then((d) => live && setSourceDoc(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sourceId, kind]);
  useEffect(() => {
    if (!sourceDoc) return;
    const openOf = (ref: string): string | null => {
      if (kind.source === 'order') return sourceDoc.openLines?.find((o) => o.lineId === ref)?.openQty ?? null;
      const src = sourceDoc.lines.find((l) => l.id === ref);
      return src ? decSub(src.baseQty, src.returnedQty) : null;
    };
    const ids = new Set(sourceDoc.lines.map((l) => l.id));
    const current = (form.getFieldValue('lines') as Line[] | undefined) ?? [];
    form.setFieldValue(
      'lines',
      current.map((l) => {
        const ref = kind.source === 'order' ? l.orderLineId : l.billLineId;
        return ref && ids.has(ref) ? { ...l, srcNumber: l.srcNumber ?? sourceDoc.number, srcOpen: openOf(ref) } : l;
      }),
    );
  }, [sourceDoc, kind.source, form]);

  // A new document: the first warehouse, and whatever the URL brings (生成进货单, 退货, a supplier).
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once for a new document
  useEffect(() => {
    if (doc || started.current) return;
    started.current = true;
    const fromOrder = params.get('fromOrder');
    const fromBillId = params.get('fromBill');
    if (fromOrder) {
      fetchDoc(orderResource(kind), fromOrder)
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
    if (fromBillId) {
      fetchDoc(billResource(kind), fromBillId)
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
      message.warning(t(isSales(kind) ? 'doc.customerFirst' : 'doc.supplierFirst'));
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
      onSupplierChanged(form, qc);
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

  const showSource = !!kind.source && lines.some((l) => l?.orderLineId || l?.billLineId);
  const columns = useMemo(() => lineColumns(kind, doc, showSource, editable), [kind, doc, showSource, editable]);
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
          <Form.Item label={label(partnerLabel(kind))} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name={pf} noStyle rules={required(partnerLabel(kind))}>
                <ReferenceSelect id={pf} resource={partnerResource(kind)} knownLabels={labels} disabled={!editable || fromBill} />
              </Form.Item>
              {editable && !fromBill && !isSales(kind) ? <AddButton resource="suppliers" onClick={() => setInline('suppliers')} /> : null}
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
          {kind.source === 'order' && editable ? (
            <Tooltip title={t('doc.pickOrder')}>
              <Button icon={<FileSearchOutlined />} onClick={() => openPicker('order')} data-testid="btn-from-order" tabIndex={-1}>
                {t('doc.fromOrder')}
              </Button>
            </Tooltip>
          ) : null}
          {kind.source === 'bill' ? (
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
                  {t(isSales(kind) ? 'doc.delivery' : 'doc.bill')} {billNumber}
                </Typography.Text>
              ) : null}
            </Space>
          ) : null}
        </Col>
      </GridRow>
      {kind.kind === 'sales_order' ? <SalesOrderFields editable={editable} /> : null}
      {kind.kind === 'sales_order' && editable ? <LiveTotalToPay customerId={supplierId} /> : null}
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
            {fromBill ? (
              <Space size={8}>
                {billNumber ? (
                  <Typography.Text type="secondary" data-testid="return-bill">
                    {t(isSales(kind) ? 'doc.delivery' : 'doc.bill')} <span className="erp-docno">{billNumber}</span>
                  </Typography.Text>
                ) : null}
                <Button size="small" icon={<RollbackOutlined />} onClick={() => openPicker('bill')} data-testid="btn-from-bill" tabIndex={-1}>
                  {t(isSales(kind) ? 'doc.pickDelivery' : 'doc.pickBill')}
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
      {kind.kind === 'sales_return' ? (
        // S7 验货: the warehouse notes the condition on arrival and sets each line to the accepted qty
        <Form.Item
          name="inspection"
          label={label('return.inspection')}
          className="erp-doc-remark"
          extra={editable && doc ? t('return.inspectionHint') : undefined}
          data-testid="return-inspection"
        >
          <Input.TextArea
            id="inspection"
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            placeholder={editable ? t('return.inspectionPlaceholder') : undefined}
          />
        </Form.Item>
      ) : null}
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

const lineNames = (i: number): NamePath[] => [
  ['lines', i, 'qty'],
  ['lines', i, 'price'],
  ['lines', i, 'taxRate'],
  ['lines', i, 'discount'],
  ['lines', i, 'promisedDate'],
  ['lines', i, 'remark'],
];

export const goodsLayout: DocLayout = {
  initial(kind, doc, params) {
    if (!doc) {
      const pf = partnerField(kind);
      return {
        [pf]: params.get(pf) ?? undefined,
        _sales: isSales(kind),
        date: today(),
        remark: '',
        ...(kind.kind === 'sales_return' ? { inspection: '' } : {}),
        lines: [],
        returnMode: 'free',
        orderId: null,
        billId: null,
        ...(kind.kind === 'sales_order' ? salesOrderInitial(undefined) : {}),
      };
    }
    const open = new Map((doc.openLines ?? []).map((o) => [o.lineId, o.openQty]));
    return {
      [partnerField(kind)]: isSales(kind) ? doc.customerId : doc.supplierId,
      _sales: isSales(kind),
      ...(kind.kind === 'sales_order' ? salesOrderInitial(doc) : {}),
      warehouseId: doc.warehouseId,
      date: doc.date,
      employeeId: doc.employeeId ?? undefined,
      remark: doc.remark ?? '',
      ...(kind.kind === 'sales_return' ? { inspection: doc.inspection ?? '' } : {}),
      orderId: kind.source === 'order' ? doc.sourceId : null,
      billId: kind.source === 'bill' ? (doc.billId ?? doc.deliveryId ?? null) : null,
      billNumber: doc.billNumber ?? doc.lines.find((l) => l.billNumber)?.billNumber ?? null,
      returnMode: kind.source === 'bill' && (doc.returnKind ? doc.returnKind === 'original' : !!doc.billId) ? 'bill' : 'free',
      lines: doc.lines.map((l) => lineFromDoc(l, open)),
    };
  },

  async build(kind, form, i18n: I18n) {
    const all = ((form.getFieldValue('lines') as Line[] | undefined) ?? []).map((l, i) => ({ l, i }));
    const filled = all.filter((x) => lineFilled(x.l));
    const pf = partnerField(kind);
    const sales = isSales(kind);
    const header: NamePath[] = [pf, 'warehouseId', 'date', 'employeeId', 'remark', ...(kind.kind === 'sales_return' ? ['inspection'] : [])];
    await form.validateFields([...header, ...filled.flatMap((x) => lineNames(x.i))]);
    if (filled.length === 0) return i18n.t('doc.noLines');
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const againstBill = kind.source === 'bill' && v.returnMode === 'bill';
    if (againstBill && filled.some((x) => !x.l.billLineId)) return i18n.t('doc.mustReferenceBill');
    const dec = (s: unknown) => normalizeDecimalInput(String(s ?? ''));
    const body: Record<string, unknown> = {
      [pf]: v[pf],
      warehouseId: v.warehouseId,
      date: v.date,
      employeeId: v.employeeId || null,
      remark: textOrNull(v.remark),
      lines: filled.map(({ l }) => ({
        productId: l.productId,
        unitId: l.unitId || null,
        qty: dec(l.qty),
        // blank: the server fills the default price (P4)
        ...(l.price != null && String(l.price).trim() !== '' ? { price: dec(l.price) } : {}),
        taxRate: l.taxRate != null && String(l.taxRate).trim() !== '' ? dec(l.taxRate) : '0',
        ...(sales ? { discount: l.discount != null && String(l.discount).trim() !== '' ? dec(l.discount) : '0' } : {}),
        ...(kind.isOrder && !sales ? { promisedDate: l.promisedDate || null } : {}),
        ...(kind.source === 'order' ? { orderLineId: l.orderLineId || null } : {}),
        ...(kind.source === 'bill' ? (sales ? { deliveryLineId: l.billLineId || null } : { billLineId: l.billLineId || null }) : {}),
        remark: textOrNull(l.remark),
      })),
    };
    if (kind.source === 'order') body.orderId = filled.some((x) => x.l.orderLineId) ? v.orderId || null : null;
    if (kind.source === 'bill') body[sales ? 'deliveryId' : 'billId'] = againstBill ? v.billId || null : null;
    if (kind.kind === 'sales_order') Object.assign(body, salesOrderBody(v));
    if (kind.kind === 'sales_return') body.inspection = textOrNull(v.inspection);
    return { body, lineIndex: filled.map((x) => x.i) };
  },

  Body: GoodsBody,

  onValuesChange(changed, form, qc: QueryClient) {
    const changedLines = changed.lines as (Partial<Line> | undefined)[] | undefined;
    if (Array.isArray(changedLines)) {
      changedLines.forEach((c, i) => {
        if (!c) return;
        if ('price' in c) form.setFieldValue(['lines', i, 'priceTyped'], String(c.price ?? '').trim() !== '');
        if ('unitId' in c) applyUnit(form, qc, i);
      });
    }
    if ('supplierId' in changed || 'customerId' in changed) onSupplierChanged(form, qc);
  },
};

/** Another supplier: lines from the old supplier's orders or bills go; default prices are asked again. */
function onSupplierChanged(form: FormInstance, qc: QueryClient) {
  const all = (form.getFieldValue('lines') as Line[] | undefined) ?? [];
  const kept = all.filter((l) => !l.orderLineId && !l.billLineId);
  if (kept.length !== all.length) form.setFieldsValue({ lines: kept, orderId: null, billId: null, billNumber: null, returnMode: 'free' });
  kept.forEach((l, i) => {
    if (lineFilled(l) && !l.priceTyped) {
      form.setFieldValue(['lines', i, 'price'], '');
      void fillDefaultPrice(form, qc, i);
    }
  });
}
