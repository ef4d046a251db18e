// Alternate units of a product (箱 = 12 件), each with its own barcode and prices.

import { z } from '@hono/zod-openapi';
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { checkDecimal, Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { ref, referenceNotFound, TARGETS } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import { productUnits } from '../../db/schema.js';
import { decimalSchema } from './fields.js';

export const unitInputSchema = z.object({
  /** An existing unit of this product, when editing it. */
  id: ref('productUnit').optional(),
  name: text().trim().min(1).max(20),
  ratio: decimalSchema('ratio', true),
  barcode: text().trim().max(64).nullable().optional(),
  purchasePrice: decimalSchema('price', true).nullable().optional(),
  wholesalePrice: decimalSchema('price', true).nullable().optional(),
  retailPrice: decimalSchema('price', true).nullable().optional(),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export async function loadUnits(db: Executor, companyId: string, productIds: string[], seePrices: boolean) {
  const out = new Map<string, Record<string, unknown>[]>();
  if (productIds.length === 0) return out;
  const rows = await db
    .select()
    .from(productUnits)
    .where(and(eq(productUnits.companyId, companyId), inArray(productUnits.productId, productIds), eq(productUnits.active, true)))
    .orderBy(asc(productUnits.sortOrder), asc(productUnits.name));
  for (const r of rows) {
    const list = out.get(r.productId) ?? [];
    list.push({
      id: r.id,
      name: r.name,
      ratio: r.ratio,
      barcode: r.barcode,
      purchasePrice: seePrices ? r.purchasePrice : null,
      wholesalePrice: seePrices ? r.wholesalePrice : null,
      retailPrice: seePrices ? r.retailPrice : null,
    });
    out.set(r.productId, list);
  }
  return out;
}

/**
 * Makes the product's active units equal to `units`. Units are matched by id, else by
 * name; a unit no longer listed is deactivated, not deleted, since documents may use it.
 */
export async function replaceUnits(db: Executor, companyId: string, productId: string, units: UnitInput[], seePrices: boolean) {
  const names = units.map((u) => u.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw errors.unprocessable('DUPLICATE_UNIT', `单位重复：${dup}`, `Unit listed twice: ${dup}`, { unit: dup });
  for (const u of units) {
    if (new Decimal(u.ratio).lte(0))
      throw errors.unprocessable('UNIT_RATIO_INVALID', `单位 ${u.name} 的换算率必须大于 0`, `Unit ${u.name} needs a ratio above 0`, { unit: u.name });
  }
  const existing = await db
    .select()
    .from(productUnits)
    .where(and(eq(productUnits.companyId, companyId), eq(productUnits.productId, productId)));
  for (const [i, u] of units.entries()) {
    // A unit named by id is one of this product's (another product's would be moved over).
    if (u.id && !existing.some((e) => e.id === u.id)) throw referenceNotFound({ path: `units.${i}.id`, target: TARGETS.productUnit });
  }
  const keep: string[] = [];
  for (const [i, u] of units.entries()) {
    const match = existing.find((e) => (u.id && e.id === u.id) || e.name === u.name);
    // Prices the input does not carry (an Excel cell has none) are left as they are.
    const prices: Record<string, string | null> = {};
    if (seePrices) for (const k of ['purchasePrice', 'wholesalePrice', 'retailPrice'] as const) if (u[k] !== undefined) prices[k] = u[k] ?? null;
    if (match) {
      await db
        .update(productUnits)
        .set({ name: u.name, ratio: u.ratio, barcode: u.barcode ?? null, ...prices, sortOrder: i, active: true, updatedAt: new Date() })
        .where(and(eq(productUnits.companyId, companyId), eq(productUnits.id, match.id)));
      keep.push(match.id);
    } else {
      const [row] = await db
        .insert(productUnits)
        .values({ companyId, productId, name: u.name, ratio: u.ratio, barcode: u.barcode ?? null, ...prices, sortOrder: i })
        .returning({ id: productUnits.id });
      keep.push(row.id);
    }
  }
  const stale = and(eq(productUnits.companyId, companyId), eq(productUnits.productId, productId), eq(productUnits.active, true));
  await db
    .update(productUnits)
    .set({ active: false, updatedAt: new Date() })
    .where(keep.length ? and(stale, notInArray(productUnits.id, keep)) : stale);
}

/** "箱=12|6901234567890; 包=6" ⇄ units, for the Excel column 辅助单位. */
export function unitsToCell(units: Record<string, unknown>[] | undefined): string {
  return (units ?? []).map((u) => `${u.name}=${new Decimal(u.ratio as string).toString()}${u.barcode ? `|${u.barcode}` : ''}`).join('; ');
}

export function unitsFromCell(cell: string): { units: UnitInput[] } | { error: { zh: string; en: string } } {
  const units: UnitInput[] = [];
  for (const part of cell
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=|]+)=([^|]+)(?:\|(.+))?$/.exec(part);
    const ratio = m?.[2].trim() ?? '';
    if (!m || !checkDecimal(ratio, 'ratio').ok || new Decimal(ratio).lte(0)) {
      return { error: { zh: `辅助单位格式应为“箱=12”或“箱=12|条码”：${part}`, en: `units must look like "box=12" or "box=12|barcode": ${part}` } };
    }
    units.push({ name: m[1].trim(), ratio, barcode: m[3]?.trim() || null });
  }
  return { units };
}
