// What a kind's build checks of the master data its body names: the partner, warehouse,
// account and employee active and of this company, and the products of its lines.
import { and, eq, inArray } from 'drizzle-orm';
import { errors } from '../../core/errors.js';
import { referenceNotFound, TARGETS } from '../../core/references.js';
import type { Executor } from '../../db/database.js';
import { accounts, employees, products, productUnits, suppliers, warehouses } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';

export interface ActivePartner {
  id: string;
  name: string;
  status?: string;
}

export async function requireSupplier(db: Executor, ctx: RequestContext, id: unknown, forNewDocument = true): Promise<ActivePartner> {
  if (typeof id !== 'string') throw errors.validation([{ path: 'supplierId', message: '必填', messageEn: 'is required' }]);
  const [s] = await db
    .select({ id: suppliers.id, name: suppliers.name, status: suppliers.status, active: suppliers.active })
    .from(suppliers)
    .where(and(eq(suppliers.companyId, ctx.companyId), eq(suppliers.id, id)));
  if (!s) throw referenceNotFound({ path: 'supplierId', target: TARGETS.supplier });
  if (!s.active) throw errors.unprocessable('REFERENCE_INACTIVE', `供应商 ${s.name} 已停用`, `Supplier ${s.name} is deactivated`, { field: 'supplierId' });
  if (forNewDocument && s.status === 'eliminated') {
    throw errors.unprocessable('SUPPLIER_ELIMINATED', `供应商 ${s.name} 已淘汰，不能再开新单据`, `Supplier ${s.name} is eliminated; no new documents`, {
      field: 'supplierId',
    });
  }
  return s;
}

export async function requireWarehouse(db: Executor, ctx: RequestContext, id: unknown) {
  if (typeof id !== 'string') throw errors.validation([{ path: 'warehouseId', message: '必填', messageEn: 'is required' }]);
  const [w] = await db
    .select({ id: warehouses.id, name: warehouses.name, active: warehouses.active })
    .from(warehouses)
    .where(and(eq(warehouses.companyId, ctx.companyId), eq(warehouses.id, id)));
  if (!w) throw referenceNotFound({ path: 'warehouseId', target: TARGETS.warehouse });
  if (!w.active) throw errors.unprocessable('REFERENCE_INACTIVE', `仓库 ${w.name} 已停用`, `Warehouse ${w.name} is deactivated`, { field: 'warehouseId' });
  return w;
}

export async function requireAccount(db: Executor, ctx: RequestContext, id: unknown) {
  if (typeof id !== 'string') throw errors.validation([{ path: 'accountId', message: '必填', messageEn: 'is required' }]);
  const [a] = await db
    .select({ id: accounts.id, name: accounts.name, active: accounts.active })
    .from(accounts)
    .where(and(eq(accounts.companyId, ctx.companyId), eq(accounts.id, id)));
  if (!a) throw referenceNotFound({ path: 'accountId', target: TARGETS.account });
  if (!a.active) throw errors.unprocessable('REFERENCE_INACTIVE', `结算账户 ${a.name} 已停用`, `Account ${a.name} is deactivated`, { field: 'accountId' });
  return a;
}

export async function requireEmployee(db: Executor, ctx: RequestContext, id: unknown) {
  if (id === undefined || id === null) return null;
  const [e] = await db
    .select({ id: employees.id, active: employees.active })
    .from(employees)
    .where(and(eq(employees.companyId, ctx.companyId), eq(employees.id, id as string)));
  if (!e) throw referenceNotFound({ path: 'employeeId', target: TARGETS.employee });
  if (!e.active) throw errors.unprocessable('REFERENCE_INACTIVE', '经手人已停用', 'Employee is deactivated', { field: 'employeeId' });
  return e.id;
}

export interface ProductForLine {
  id: string;
  code: string;
  name: string;
  purchasePrice: string | null;
  units: Map<string, { name: string; ratio: string; purchasePrice: string | null }>;
  baseUnit: string;
}

/** The active products (and their active units) named by the lines, in one query each. */
export async function productsForLines(db: Executor, ctx: RequestContext, ids: string[]): Promise<Map<string, ProductForLine>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = await db
    .select({
      id: products.id,
      code: products.code,
      name: products.name,
      active: products.active,
      purchasePrice: products.purchasePrice,
      baseUnit: products.baseUnit,
    })
    .from(products)
    .where(and(eq(products.companyId, ctx.companyId), inArray(products.id, uniq)));
  const units = await db
    .select({
      id: productUnits.id,
      productId: productUnits.productId,
      name: productUnits.name,
      ratio: productUnits.ratio,
      purchasePrice: productUnits.purchasePrice,
    })
    .from(productUnits)
    .where(and(eq(productUnits.companyId, ctx.companyId), inArray(productUnits.productId, uniq), eq(productUnits.active, true)));
  const out = new Map<string, ProductForLine>();
  for (const r of rows) {
    if (!r.active) continue;
    out.set(r.id, { ...r, units: new Map() });
  }
  for (const u of units) out.get(u.productId)?.units.set(u.id, { name: u.name, ratio: u.ratio, purchasePrice: u.purchasePrice });
  return out;
}
