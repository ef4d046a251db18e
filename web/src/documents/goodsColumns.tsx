import type { Row } from '../api/types';
import type { FieldDef } from '../crud/types';
import { useI18n } from '../i18n';
import { decCmp, decIsNeg, decIsZero, decMul, fmtMoney, fmtQty, isDecimalString, isNumeric, normalizeDecimalInput, trimDecimal } from '../lib/decimal';
import { decimal, price, qty, text } from '../resources/common';
import type { DocView } from './api';
import type { DocKind, LineColumn } from './kinds';
import { AvailabilityCell, type Line, ProductCell, productText, StockCell, UnitCell } from './lineCells';
import { lineFigures } from './lineMath';
import { localOf } from './listDef';

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
  if (!line.srcNumber || !kind.source) return null;
  return (
    <span className="erp-cell-text erp-line-source" data-testid="line-source">
      <span className="erp-docno">{line.srcNumber}</span>
      {line.srcOpen ? (
        <span className="erp-line-source-open">
          {t(kind.source.openWord)} {fmtQty(line.srcOpen)} {line.baseUnit ?? ''}
        </span>
      ) : null}
    </span>
  );
}

/** What decides which declared columns show: the document's state and the lines' sources. */
export interface GridState {
  doc: DocView | undefined;
  showSource: boolean;
  editable: boolean;
}

const inBase = (row: Row, v: unknown) => (v == null ? null : `${fmtQty(String(v))} ${String((row as Line).baseUnit ?? '')}`);
const returnedCol = () => qty('returnedQty', localOf('line.returned'), { readOnly: true, width: 80, cell: (v, row) => inBase(row, v) });
const anyReturned = (doc: DocView) => doc.lines.some((l) => decCmp(l.returnedQty, '0') > 0);
// how much came in (orders) or went back (bills) is known once the document is audited
const posted = (doc: DocView | undefined): doc is DocView => !!doc && doc.status !== 'saved';

/** Each column a kind may declare; [] when it does not show in this state. */
const COLUMNS: Record<LineColumn, (kind: DocKind, s: GridState) => FieldDef[]> = {
  product: () => [
    {
      name: 'productId',
      label: localOf('line.product'),
      type: 'custom',
      required: true,
      width: 190,
      render: (p) => <ProductCell {...p} />,
      cell: (_v, row) => productText(row as Line),
    },
  ],
  source: (kind, s) =>
    s.showSource
      ? [
          {
            name: 'srcNumber',
            label: localOf('doc.source'),
            type: 'text',
            readOnly: true,
            width: 130,
            cell: (_v, row) => <SourceText line={row as Line} kind={kind} />,
          },
        ]
      : [],
  specs: () => [
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
  ],
  unit: () => [
    {
      name: 'unitId',
      label: localOf('line.unit'),
      type: 'custom',
      width: 72,
      enterSkip: true,
      render: (p) => <UnitCell {...p} />,
      cell: (_v, row) => (row as Line).unitName ?? (row as Line).baseUnit ?? null,
    },
  ],
  qty: () => [qty('qty', localOf('line.qty'), { required: true, width: 76, check: positive })],
  progress: (kind, { doc }) => {
    if (!posted(doc) || !kind.progress) return [];
    return [
      qty('receivedQty', localOf(kind.progress.done), { readOnly: true, width: 80, cell: (v, row) => inBase(row, v) }),
      ...(anyReturned(doc) ? [returnedCol()] : []),
      qty('openQty', localOf(kind.progress.open), {
        readOnly: true,
        width: 80,
        cell: (v, row) => <span data-testid="line-open">{inBase(row, v)}</span>,
      }),
    ];
  },
  returned: (_kind, { doc }) => (posted(doc) && anyReturned(doc) ? [returnedCol()] : []),
  price: () => [price('price', localOf('line.price'), { width: 88, check: nonNegative })],
  discount: () => [decimal('discount', localOf('line.discount'), { scale: 4, width: 56, enterSkip: true, check: taxRange })],
  taxRate: () => [decimal('taxRate', localOf('line.taxRate'), { scale: 4, width: 56, enterSkip: true, check: taxRange })],
  amount: () => [
    decimal('amount', localOf('line.amount'), {
      readOnly: true,
      width: 90,
      cell: (_v, row) => <span data-testid="line-amount">{fmtMoney(lineFigures(row as Line)?.amount)}</span>,
    }),
  ],
  taxAmount: () => [
    decimal('taxAmount', localOf('line.taxAmount'), { readOnly: true, width: 76, cell: (_v, row) => fmtMoney(lineFigures(row as Line)?.taxAmount) }),
  ],
  total: () => [
    decimal('total', localOf('line.total'), {
      readOnly: true,
      width: 96,
      cell: (_v, row) => <span data-testid="line-total">{fmtMoney(lineFigures(row as Line)?.total)}</span>,
    }),
  ],
  stock: (kind, { doc, editable }) => {
    if (!editable && doc?.status !== 'saved') return [];
    const available = kind.stock === 'available';
    return [
      {
        name: '_stock',
        // available: on hand less what (other) open orders hold — not the stock on the shelf
        label: localOf(available ? 'line.available' : 'line.stock'),
        type: 'text',
        readOnly: true,
        width: 72,
        align: 'right',
        cell: (_v, row) =>
          available ? <AvailabilityCell line={row as Line} excludeOrderId={kind.isOrder ? doc?.id : undefined} /> : <StockCell line={row as Line} />,
      },
    ];
  },
  promisedDate: () => [{ name: 'promisedDate', label: localOf('line.promisedDate'), type: 'date', width: 108, enterSkip: true }],
  remark: () => [text('remark', localOf('line.remark'), { width: 100, enterSkip: true, maxLength: 200 })],
};

/** The line grid's columns: the ones the kind declares, in its order. */
export function lineColumns(kind: DocKind, state: GridState): FieldDef[] {
  return (kind.lines ?? []).flatMap((c) => COLUMNS[c](kind, state));
}
