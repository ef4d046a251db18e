// A few weeks of the demo company's documents, so a newcomer's lists, stock, balances
// and reports are not empty: purchase orders in each state, bills received from them
// and without one, a settlement and a prepayment, a sales order delivered in part and a
// receipt. Made and audited through the document services, so everything posts through
// the engine exactly as the clerks' own documents do.
//
// They keep clear of what the browser tests walk through on the demo company (suppliers
// GYS001/GYS002, customers KH003/KH004, the chair CY-08-HS, the bed C-1800-BS and the
// shirt FZ-TX-ZQ-M) and are dated before today, so those tests' figures stay theirs.
import { and, eq, inArray } from 'drizzle-orm';
import { officeToday } from '../../core/office-day.js';
import type { Database } from '../../db/database.js';
import { accounts, customers, products, suppliers, users, warehouses } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import { auditDocument, createDocument } from '../documents/documents.service.js';
import type { DocumentKind } from '../documents/documents.types.js';
import { prepaymentKind } from '../purchasing/prepayment.kind.js';
import { purchaseBillKind } from '../purchasing/purchase-bill.kind.js';
import { purchaseOrderKind } from '../purchasing/purchase-order.kind.js';
import { purchaseSettlementKind } from '../purchasing/purchase-settlement.kind.js';
import { receiptKind } from '../sales/receipt.kind.js';
import { salesDeliveryKind } from '../sales/sales-delivery.kind.js';
import { salesOrderKind } from '../sales/sales-order.kind.js';

type Body = Record<string, unknown>;
type Line = { id: string; productId: string };

/** The office's date `days` before today. */
function daysAgo(days: number): string {
  const d = new Date(`${officeToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function idsByCode(
  db: Database,
  companyId: string,
  table: typeof products | typeof suppliers | typeof customers | typeof warehouses | typeof accounts,
  codes: string[],
) {
  const rows = await db.orm
    .select({ id: table.id, code: table.code })
    .from(table)
    .where(and(eq(table.companyId, companyId), inArray(table.code, codes)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function loadDemoDocuments(db: Database, companyId: string, ctx: RequestContext): Promise<void> {
  // Signed off by the administrator, as a company's opening documents are.
  const [admin] = await db.orm.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  const as: RequestContext = admin ? { ...ctx, userId: admin.id, username: 'admin' } : ctx;
  const productCodes = ['WJ-JL-35', 'WJ-LS-40', 'SF-1001-HS', 'SF-2002-HS', 'SF-1001-MS', 'FZ-TX-BS-L'];
  const p = await idsByCode(db, companyId, products, productCodes);
  const s = await idsByCode(db, companyId, suppliers, ['GYS003', 'GYS004', 'GYS005']);
  const c = await idsByCode(db, companyId, customers, ['KH001', 'KH007']);
  const w = await idsByCode(db, companyId, warehouses, ['CK01']);
  const a = await idsByCode(db, companyId, accounts, ['YH01']);
  const warehouseId = w.get('CK01');
  const accountId = a.get('YH01');
  if (!warehouseId || !accountId || p.size < productCodes.length || s.size < 3 || c.size < 2) return; // the master data is not the demo's

  const make = async (kind: DocumentKind, body: Body, audit = true) => {
    const doc = (await createDocument(as, kind, body)) as { id: string; lines: Line[] };
    if (audit) await auditDocument(as, kind, doc.id);
    return doc;
  };
  const line = (code: string, qty: string, price?: string) => ({ productId: p.get(code), qty, ...(price ? { price } : {}) });

  // 五金: ordered, then received in part (the order stays 部分入库), part of it paid.
  const hardware = await make(purchaseOrderKind, {
    supplierId: s.get('GYS004'),
    warehouseId,
    date: daysAgo(20),
    remark: '月度五金备料',
    lines: [
      { ...line('WJ-JL-35', '200', '1.20'), promisedDate: daysAgo(12) },
      { ...line('WJ-LS-40', '500', '0.35'), promisedDate: daysAgo(12) },
    ],
  });
  const received = await make(purchaseBillKind, {
    supplierId: s.get('GYS004'),
    warehouseId,
    date: daysAgo(13),
    orderId: hardware.id,
    lines: [
      { ...line('WJ-JL-35', '200'), orderLineId: hardware.lines[0].id },
      { ...line('WJ-LS-40', '300'), orderLineId: hardware.lines[1].id },
    ],
  });
  await make(purchaseSettlementKind, {
    supplierId: s.get('GYS004'),
    accountId,
    date: daysAgo(6),
    paymentTotal: '200.00',
    allocations: [{ documentId: received.id, amount: '200.00' }],
  });

  // 沙发: bought without an order, in stock for the sales below.
  await make(purchaseBillKind, {
    supplierId: s.get('GYS005'),
    warehouseId,
    date: daysAgo(16),
    remark: '现货采购',
    lines: [line('SF-1001-HS', '10', '2600.00'), line('SF-2002-HS', '6', '3100.00'), line('FZ-TX-BS-L', '50', '45.00')],
  });

  // 布艺: a deposit paid ahead, and an order still being checked (未审核).
  await make(prepaymentKind, { supplierId: s.get('GYS003'), accountId, date: daysAgo(9), amount: '3000.00', remark: '面料订金' });
  await make(purchaseOrderKind, { supplierId: s.get('GYS003'), warehouseId, date: daysAgo(2), lines: [line('SF-1001-MS', '8', '2650.00')] }, false);

  // A credit customer's order, delivered in part and paid in part.
  const order = await make(salesOrderKind, {
    customerId: c.get('KH001'),
    warehouseId,
    date: daysAgo(8),
    source: 'phone',
    lines: [line('SF-1001-HS', '4'), line('SF-2002-HS', '2')],
  });
  const delivery = await make(salesDeliveryKind, {
    customerId: c.get('KH001'),
    warehouseId,
    date: daysAgo(4),
    orderId: order.id,
    lines: [
      { ...line('SF-1001-HS', '2'), orderLineId: order.lines[0].id },
      { ...line('SF-2002-HS', '2'), orderLineId: order.lines[1].id },
    ],
  });
  await make(receiptKind, {
    customerId: c.get('KH001'),
    accountId,
    date: daysAgo(1),
    receiptTotal: '5000.00',
    allocations: [{ documentId: delivery.id, amount: '5000.00' }],
  });
  // Another customer's order, just taken (未审核).
  await make(salesOrderKind, { customerId: c.get('KH007'), warehouseId, date: daysAgo(1), source: 'fax', lines: [line('SF-1001-HS', '3')] }, false);
}
