import type { NamePath } from 'antd/es/form/interface';
import { normalizeDecimalInput, trimDecimal } from '../lib/decimal';
import type { DocView } from './api';
import type { DocLayout } from './layout';
import { textOrNull, today } from './layout';
import { applyUnit, type Line, lineFilled } from './lineCells';
import { partyOf } from './parties';
import { onPartnerChanged } from './partnerChange';
import { productOf } from './sources';

function lineFromDoc(l: DocView['lines'][number], open: Map<string, string>): Line {
  return {
    ...productOf(l),
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

const lineNames = (i: number): NamePath[] => [
  ['lines', i, 'qty'],
  ['lines', i, 'price'],
  ['lines', i, 'taxRate'],
  ['lines', i, 'discount'],
  ['lines', i, 'promisedDate'],
  ['lines', i, 'remark'],
];

/** Form values of a new goods document (the URL may name the partner) or of a loaded one. */
export const goodsInitial: DocLayout['initial'] = (kind, doc, params, ui) => {
  const pf = partyOf(kind).field;
  if (!doc) {
    return {
      [pf]: params.get(pf) ?? undefined,
      _party: kind.partner,
      date: today(),
      remark: '',
      lines: [],
      returnMode: 'free',
      orderId: null,
      billId: null,
      ...ui.initial?.(undefined),
    };
  }
  const open = new Map((doc.openLines ?? []).map((o) => [o.lineId, o.openQty]));
  return {
    [pf]: doc[pf],
    _party: kind.partner,
    ...ui.initial?.(doc),
    warehouseId: doc.warehouseId,
    date: doc.date,
    employeeId: doc.employeeId ?? undefined,
    remark: doc.remark ?? '',
    orderId: kind.source?.from === 'order' ? doc.sourceId : null,
    billId: kind.source?.from === 'bill' ? (doc.billId ?? doc.deliveryId ?? null) : null,
    billNumber: doc.billNumber ?? doc.lines.find((l) => l.billNumber)?.billNumber ?? null,
    returnMode: kind.source?.from === 'bill' && (doc.returnKind ? doc.returnKind === 'original' : !!doc.billId) ? 'bill' : 'free',
    lines: doc.lines.map((l) => lineFromDoc(l, open)),
  };
};

/** Validate the form and build the request body of a goods document. */
export const buildGoods: DocLayout['build'] = async (kind, form, i18n, ui) => {
  const all = ((form.getFieldValue('lines') as Line[] | undefined) ?? []).map((l, i) => ({ l, i }));
  const filled = all.filter((x) => lineFilled(x.l));
  const pf = partyOf(kind).field;
  const cols = new Set(kind.lines);
  const source = kind.source;
  const header: NamePath[] = [pf, 'warehouseId', 'date', 'employeeId', 'remark', ...(ui.validate ?? [])];
  await form.validateFields([...header, ...filled.flatMap((x) => lineNames(x.i))]);
  if (filled.length === 0) return i18n.t('doc.noLines');
  const v = form.getFieldsValue(true) as Record<string, unknown>;
  const againstBill = source?.from === 'bill' && v.returnMode === 'bill';
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
      ...(cols.has('discount') ? { discount: l.discount != null && String(l.discount).trim() !== '' ? dec(l.discount) : '0' } : {}),
      ...(cols.has('promisedDate') ? { promisedDate: l.promisedDate || null } : {}),
      ...(source?.from === 'order' ? { orderLineId: l.orderLineId || null } : {}),
      ...(source?.from === 'bill' ? { [source.lineKey]: l.billLineId || null } : {}),
      remark: textOrNull(l.remark),
    })),
  };
  if (source?.from === 'order') body.orderId = filled.some((x) => x.l.orderLineId) ? v.orderId || null : null;
  if (source?.from === 'bill') body[source.idKey] = againstBill ? v.billId || null : null;
  if (ui.body) Object.assign(body, ui.body(v));
  return { body, lineIndex: filled.map((x) => x.i) };
};

/** Typed prices are kept when the partner changes; a new unit asks the price again. */
export const goodsValuesChange: NonNullable<DocLayout['onValuesChange']> = (changed, form, qc) => {
  const changedLines = changed.lines as (Partial<Line> | undefined)[] | undefined;
  if (Array.isArray(changedLines)) {
    changedLines.forEach((c, i) => {
      if (!c) return;
      if ('price' in c) form.setFieldValue(['lines', i, 'priceTyped'], String(c.price ?? '').trim() !== '');
      if ('unitId' in c) applyUnit(form, qc, i);
    });
  }
  if ('supplierId' in changed || 'customerId' in changed) onPartnerChanged(form, qc);
};
