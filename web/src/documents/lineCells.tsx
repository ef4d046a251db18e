import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, type FormInstance, Select, Typography } from 'antd';
import { api } from '../api/client';
import type { Row } from '../api/types';
import { useSession } from '../app/session';
import { rowKey, useRow } from '../crud/queries';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import type { CustomFieldProps } from '../crud/types';
import { useI18n } from '../i18n';
import { decCmp, decIsNeg, decIsZero, decMul, decRound, decSub, fmtQty, isNumeric, trimDecimal } from '../lib/decimal';
import { PARTIES, type Party } from './parties';

/** A document line as the form holds it: the API line plus what the grid needs to show it. */
export interface Line {
  productId?: string;
  productCode?: string | null;
  productName?: string | null;
  spec?: string | null;
  series?: string | null;
  colour?: string | null;
  size?: string | null;
  /** 包数 per base unit */
  packagesPerUnit?: string | null;
  baseUnit?: string | null;
  /** the product's alternate units, when known (picked from a search) */
  units?: ProductUnit[];
  /** '' = the base unit */
  unitId?: string;
  unitName?: string | null;
  unitRatio?: string;
  qty?: string;
  price?: string;
  taxRate?: string;
  /** sales: percent off */
  discount?: string;
  promisedDate?: string;
  remark?: string;
  orderLineId?: string | null;
  billLineId?: string | null;
  /** source document number and what is still open there (base units) */
  srcNumber?: string | null;
  srcOpen?: string | null;
  /** the clerk typed the price: defaults no longer overwrite it (P4) */
  priceTyped?: boolean;
  /** where the default price came from: 'last' | 'catalogue' */
  priceSource?: string | null;
  /** audited documents: tracking figures (base units) */
  receivedQty?: string;
  returnedQty?: string;
  openQty?: string | null;
}

export interface ProductUnit {
  id: string;
  name: string;
  ratio: string;
  barcode?: string | null;
  purchasePrice?: string | null;
}

export const lineFilled = (l: Line | undefined | null) => !!l?.productId;

export function productText(l: Pick<Line, 'productCode' | 'productName'>): string {
  return [l.productCode, l.productName].filter(Boolean).join(' ');
}

const lineAt = (form: FormInstance, index: number): Line => (form.getFieldValue(['lines', index]) as Line | undefined) ?? {};

/**
 * P4: fill a line's default unit price (最近进价 or 进货价, per the company setting) unless
 * the clerk typed one. The server answers per base unit; a line in boxes of 12 costs 12×.
 * Anyone who may view purchase orders or bills may ask; should the answer fail, the line
 * stays blank and the server fills the same default on save.
 */
export async function fillDefaultPrice(form: FormInstance, qc: QueryClient, index: number): Promise<void> {
  const line = lineAt(form, index);
  if (!line.productId || line.priceTyped || line.orderLineId || line.billLineId) return;
  // the form store keeps `_party`: a customer's document asks the customer's price (S2)
  const party = PARTIES[(form.getFieldValue('_party') as Party | undefined) ?? 'supplier'];
  const partnerId = (form.getFieldValue(party.field) as string | undefined) ?? '';
  if (party.priceNeedsPartner && !partnerId) return;
  let d: { price: string | null; source: string | null };
  try {
    d = await qc.fetchQuery({
      queryKey: ['default-price', line.productId, partnerId],
      queryFn: () =>
        api<{ price: string | null; source: string | null }>(party.defaultPrice, { query: { productId: line.productId, [party.field]: partnerId } }),
      staleTime: 30_000,
    });
  } catch {
    return;
  }
  const now = lineAt(form, index);
  if (now.productId !== line.productId || now.priceTyped) return;
  if (!d.price) return;
  const units = now.units ?? (qc.getQueryData<Row>(rowKey('products', line.productId))?.units as ProductUnit[] | undefined) ?? [];
  const unit = units.find((u) => u.id === now.unitId);
  const price = d.source === 'catalogue' && unit?.purchasePrice ? unit.purchasePrice : decRound(decMul(d.price, now.unitRatio || '1'), 4);
  form.setFieldValue(['lines', index], { ...now, price: trimDecimal(price, 2), priceSource: d.source });
}

/**
 * Put a product on a line (picked in the cell, or created inline), then go to its
 * quantity. Found by the barcode of an alternate unit (a box), the line takes that unit.
 */
export function applyProduct(form: FormInstance, qc: QueryClient, index: number, row: Row, focusQty = true, searchText = '') {
  qc.setQueryData(rowKey('products', row.id), row);
  const prev = lineAt(form, index);
  const changed = prev.productId !== row.id;
  const units = (row.units as ProductUnit[] | undefined) ?? [];
  const scanned = searchText.trim() ? units.find((u) => u.barcode && u.barcode === searchText.trim()) : undefined;
  form.setFieldValue(['lines', index], {
    ...prev,
    productId: row.id,
    productCode: (row.code as string) ?? null,
    productName: (row.name as string) ?? null,
    spec: (row.spec as string) ?? null,
    series: (row.series as string) ?? null,
    colour: (row.colour as string) ?? null,
    size: (row.size as string) ?? null,
    packagesPerUnit: (row.packages as string) ?? null,
    baseUnit: (row.baseUnit as string) ?? null,
    units: (row.units as ProductUnit[] | undefined) ?? [],
    ...(changed ? { unitId: '', unitName: (row.baseUnit as string) ?? null, unitRatio: '1', price: prev.priceTyped ? prev.price : '', priceSource: null } : {}),
    ...(scanned ? { unitId: scanned.id, unitName: scanned.name, unitRatio: scanned.ratio } : {}),
  } satisfies Line);
  if (focusQty) {
    setTimeout(() => {
      const el = document.getElementById(`lines_${index}_qty`) as HTMLInputElement | null;
      el?.focus();
      el?.select();
    }, 0);
  }
  void fillDefaultPrice(form, qc, index);
}

/** The unit was changed by the clerk: new ratio, and a default price for that unit. */
export function applyUnit(form: FormInstance, qc: QueryClient, index: number) {
  const line = lineAt(form, index);
  const units = line.units ?? (qc.getQueryData<Row>(rowKey('products', line.productId ?? ''))?.units as ProductUnit[] | undefined) ?? [];
  const unit = units.find((u) => u.id === line.unitId);
  form.setFieldValue(['lines', index], { ...line, unitRatio: unit ? unit.ratio : '1', unitName: unit ? unit.name : (line.baseUnit ?? null) });
  if (!line.priceTyped) {
    form.setFieldValue(['lines', index, 'price'], '');
    void fillDefaultPrice(form, qc, index);
  }
}

function ProductOption({ row }: { row: Row }) {
  const extra = [row.spec, row.colour, row.size].filter(Boolean).join(' · ');
  return (
    <div className="erp-product-option">
      <span className="erp-product-code">{String(row.code ?? '')}</span>
      <span>{String(row.name ?? '')}</span>
      {extra ? <Typography.Text type="secondary">{extra}</Typography.Text> : null}
      {row.barcode ? <Typography.Text type="secondary">{String(row.barcode)}</Typography.Text> : null}
    </div>
  );
}

/**
 * The product cell: type a code, a barcode or part of a name and pick (Enter picks the
 * first match, even when a scanner's Enter beats the search). A line taken from an
 * order or a bill keeps its product.
 */
export function ProductCell({ value, onChange, id, form, index }: CustomFieldProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const i = index ?? 0;
  const line = Form.useWatch(['lines', i], { form, preserve: true }) as Line | undefined;
  if (line?.orderLineId || line?.billLineId) {
    return (
      <span id={id} className="erp-cell-text" data-testid={`line-product-${i}`}>
        {productText(line)}
      </span>
    );
  }
  return (
    <div data-testid={`line-product-${i}`}>
      <ReferenceSelect
        id={id}
        resource="products"
        value={(value as string | undefined) ?? null}
        onChange={(v) => onChange?.(v)}
        onRow={(row, text) => {
          if (row) applyProduct(form, qc, i, row, true, text);
        }}
        optionRender={(row) => <ProductOption row={row} />}
        popupMatchSelectWidth={520}
        placeholder={t('line.productPlaceholder')}
        allowClear={false}
      />
    </div>
  );
}

/** Base unit + the product's alternate units (箱 = 12 件…). */
export function UnitCell({ value, onChange, id, form, index }: CustomFieldProps) {
  const i = index ?? 0;
  const line = Form.useWatch(['lines', i], { form, preserve: true }) as Line | undefined;
  const locked = !!(line?.orderLineId || line?.billLineId);
  const product = useRow('products', line?.productId && !line.units && !locked ? line.productId : undefined);
  if (!line?.productId) return null;
  if (locked) return <span className="erp-cell-text">{line.unitName ?? line.baseUnit}</span>;
  const units = line.units ?? (product.data?.units as ProductUnit[] | undefined) ?? [];
  const base = line.baseUnit ?? (product.data?.baseUnit as string | undefined) ?? '';
  const options = [{ value: '', label: base }, ...units.map((u) => ({ value: u.id, label: `${u.name}(×${trimDecimal(u.ratio)})` }))];
  return (
    <Select
      id={id}
      value={(value as string | undefined) ?? ''}
      onChange={(v) => onChange?.(v)}
      options={options}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}

/** Current stock of the line's product in the document's warehouse. */
export function StockCell({ line }: { line: Line }) {
  const { can } = useSession();
  const form = Form.useFormInstance();
  const warehouseId = Form.useWatch('warehouseId', { form, preserve: true }) as string | undefined;
  const enabled = !!line.productId && !!warehouseId && can('stock:view');
  const q = useQuery({
    queryKey: ['stock', 'one', line.productId, warehouseId],
    queryFn: () => api<{ items: { qty: string }[] }>('/stock', { query: { productId: line.productId, warehouseId } }),
    enabled,
    staleTime: 10_000,
  });
  if (!enabled || !q.data) return null;
  const qty = q.data.items[0]?.qty ?? '0';
  const cls = decIsNeg(qty) ? 'erp-neg' : decIsZero(qty) ? 'erp-muted' : undefined;
  return (
    <span className={cls} data-testid="line-stock">
      {fmtQty(qty)} {line.baseUnit ?? ''}
    </span>
  );
}

/**
 * S3: available stock (on hand − what open sales orders hold) of the line's product in the
 * document's warehouse; a line asking for more shows the shortfall in red. `excludeOrderId`:
 * the order being edited, whose own holding is no competitor.
 */
export function AvailabilityCell({ line, excludeOrderId }: { line: Line; excludeOrderId?: string }) {
  const { can } = useSession();
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const warehouseId = Form.useWatch('warehouseId', { form, preserve: true }) as string | undefined;
  const sourceOrderId = Form.useWatch('orderId', { form, preserve: true }) as string | null | undefined;
  // A delivery line from an order ships what that very order holds: only the other orders'
  // holdings stand in its way (else 5 on hand, 2 ordered and delivered shows "3", or "缺").
  const exclude = excludeOrderId ?? (line.orderLineId && sourceOrderId ? sourceOrderId : undefined);
  const enabled = !!line.productId && !!warehouseId && can('stock:view');
  const q = useQuery({
    queryKey: ['stock', 'availability', line.productId, warehouseId, exclude ?? ''],
    queryFn: () =>
      api<{ items: { productId: string; onHand: string; reserved: string; available: string }[] }>('/stock/availability', {
        query: { productIds: line.productId, warehouseId, ...(exclude ? { excludeOrderId: exclude } : {}) },
      }),
    enabled,
    staleTime: 10_000,
  });
  if (!enabled || !q.data) return null;
  const a = q.data.items[0];
  const available = a?.available ?? '0';
  const want = isNumeric(String(line.qty ?? '')) ? decMul(String(line.qty), line.unitRatio || '1') : '0';
  const short = decSub(want, decIsNeg(available) ? '0' : available);
  const shortfall = decCmp(short, '0') > 0;
  return (
    <span
      className={shortfall ? 'erp-neg' : decIsZero(available) ? 'erp-muted' : undefined}
      data-testid="line-stock"
      data-shortfall={shortfall ? short : undefined}
      title={a ? `${t('avail.onHand')} ${fmtQty(a.onHand)} · ${t(exclude ? 'avail.reservedOthers' : 'avail.reserved')} ${fmtQty(a.reserved)}` : undefined}
    >
      {fmtQty(available)} {line.baseUnit ?? ''}
      {shortfall ? (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 11 }} data-testid="line-shortfall">
          {t('avail.short')} {fmtQty(short)}
        </Typography.Text>
      ) : null}
    </span>
  );
}
