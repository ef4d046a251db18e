// Building the lines of any goods document (orders, bills, deliveries, returns): the
// product and its unit, a positive quantity, the price (given, or the side's default),
// discount and tax, and every figure. Purchasing and sales differ only in the default price.
import { Decimal, fits, SCALE } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { largest } from '../../core/limits.js';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { LineValues } from './documents.types.js';
import { type ProductForLine, productsForLines } from './kind-references.js';
import { lineFigures } from './lines.js';

export interface GoodsLineInput {
  productId: string;
  unitId?: string | null;
  qty: string;
  price?: string;
  discount?: string;
  taxRate?: string;
  promisedDate?: string | null;
  orderLineId?: string | null;
  /** The received or delivered line a return takes back. */
  billLineId?: string | null;
  /** With no price: the source line's price per base unit, for a line in another unit. */
  sourceBasePrice?: string;
  remark?: string | null;
}

export interface BuiltLine extends LineValues {
  productId: string;
  baseQty: string;
}

export interface ChosenUnit {
  ratio: Decimal;
  purchasePrice: string | null;
}

/** The price of a line left without one, for the chosen unit. */
export type DefaultPrice = (product: ProductForLine, unit: ChosenUnit | null) => Promise<Decimal>;

export async function buildGoodsLines(db: Executor, ctx: RequestContext, inputs: GoodsLineInput[], defaultPrice: DefaultPrice): Promise<BuiltLine[]> {
  const found = await productsForLines(
    db,
    ctx,
    inputs.map((l) => l.productId),
  );
  const out: BuiltLine[] = [];
  for (const [i, l] of inputs.entries()) {
    const at = `lines.${i}`;
    const p = found.get(l.productId);
    if (!p)
      throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${i + 1} 行：商品不存在或已停用`, `Line ${i + 1}: product does not exist or is deactivated`, {
        field: `${at}.productId`,
      });
    let unitName = p.baseUnit;
    let unit: ChosenUnit | null = null;
    if (l.unitId) {
      const u = p.units.get(l.unitId);
      if (!u)
        throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${i + 1} 行：单位不属于商品 ${p.code}`, `Line ${i + 1}: the unit is not one of ${p.code}'s`, {
          field: `${at}.unitId`,
        });
      unitName = u.name;
      unit = { ratio: new Decimal(u.ratio), purchasePrice: u.purchasePrice };
    }
    const ratio = unit?.ratio ?? new Decimal(1);
    const qty = new Decimal(l.qty);
    if (qty.lte(0))
      throw errors.unprocessable('QTY_NOT_POSITIVE', `第 ${i + 1} 行：数量必须大于 0`, `Line ${i + 1}: quantity must be above 0`, { field: `${at}.qty` });
    const price = (
      l.price !== undefined ? new Decimal(l.price) : l.sourceBasePrice !== undefined ? new Decimal(l.sourceBasePrice).times(ratio) : await defaultPrice(p, unit)
    ).toDecimalPlaces(SCALE.price, Decimal.ROUND_HALF_UP);
    const discount = new Decimal(l.discount ?? '0');
    const taxRate = new Decimal(l.taxRate ?? '0');
    // Discount and tax rate are within 0–99.9999 by the body's schema (limits.ts: percent).
    const f = lineFigures({ qty, unitRatio: ratio, price, taxRate, discount });
    // Each figure fits its own column, but a product of two may not: say which line and which figure.
    const over = (
      [
        [f.baseQty, 'qty', '基本单位数量', 'quantity in base units'],
        [f.amount, 'money', '金额', 'amount'],
        [f.total, 'money', '价税合计', 'total with tax'],
      ] as const
    ).find(([v, kind]) => !fits(v, kind));
    if (over) {
      const [value, kind, zh, en] = over;
      throw errors.unprocessable(
        'AMOUNT_TOO_LARGE',
        `第 ${i + 1} 行：${zh} ${value.toFixed()} 超出可记录的范围（最大 ${largest(kind)}），请减少数量或单价`,
        `Line ${i + 1}: the ${en} ${value.toFixed()} is too large to record (at most ${largest(kind)}); lower the quantity or price`,
        { field: `${at}.qty`, limit: largest(kind) },
      );
    }
    out.push({
      productId: p.id,
      unitId: l.unitId ?? null,
      unitName,
      unitRatio: ratio.toFixed(),
      qty: qty.toFixed(),
      baseQty: f.baseQty.toFixed(),
      price: price.toFixed(SCALE.price),
      discount: discount.toFixed(),
      taxRate: taxRate.toFixed(),
      amount: f.amount.toFixed(2),
      taxAmount: f.taxAmount.toFixed(2),
      total: f.total.toFixed(2),
      promisedDate: l.promisedDate ?? null,
      orderLineId: l.orderLineId ?? null,
      billLineId: l.billLineId ?? null,
      remark: l.remark ?? null,
    });
  }
  const total = out.reduce((t, l) => t.plus(l.total as string), new Decimal(0));
  const totalQty = out.reduce((t, l) => t.plus(l.qty as string), new Decimal(0));
  if (!fits(total, 'money'))
    throw errors.unprocessable(
      'AMOUNT_TOO_LARGE',
      `单据价税合计 ${total.toFixed(2)} 超出可记录的范围（最大 ${largest('money')}），请分成几张单据`,
      `The document's total ${total.toFixed(2)} is too large to record (at most ${largest('money')}); split it into several documents`,
      { field: 'lines', limit: largest('money') },
    );
  if (!fits(totalQty, 'qty'))
    throw errors.unprocessable(
      'AMOUNT_TOO_LARGE',
      `单据总数量 ${totalQty.toFixed()} 超出可记录的范围（最大 ${largest('qty')}），请分成几张单据`,
      `The document's total quantity ${totalQty.toFixed()} is too large to record (at most ${largest('qty')}); split it into several documents`,
      { field: 'lines', limit: largest('qty') },
    );
  return out;
}
