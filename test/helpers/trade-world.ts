// A small company with one of everything a request can name: master data of every
// kind, and documents of every kind in the states other documents reference them in
// (audited orders with open lines, audited bills and deliveries with open amounts, an
// advance receipt for an order, a confirmed complaint, a delivery with a driver).
// Built through the API, so it holds what the API would hold.
import { officeToday } from '../../src/core/office-day.js';
import type { Client } from './api.js';

type Body = Record<string, any>;

export interface TradeWorld {
  department: string;
  category: string;
  employee: string;
  warehouse: string;
  account: string;
  supplier: string;
  customer: string;
  /** Two products, each with an alternate unit 箱 = 12. */
  products: [string, string];
  units: [string, string];
  roles: string[];
  /** Audited purchase order with room left on both lines. */
  purchaseOrder: Body;
  /** Audited bill received against it (open, both lines returnable). */
  purchaseBill: Body;
  /** Audited direct bill (open). */
  purchaseBill2: Body;
  /** Audited sales order with room left on both lines. */
  salesOrder: Body;
  /** Audited deliveries: against the order; direct (open); direct with a driver assigned. */
  delivery: Body;
  delivery2: Body;
  deliveryWithDriver: Body;
  /** A saved delivery (a driver may be assigned to it). */
  savedDelivery: Body;
  /** Audited advance receipt of 100.00 naming the sales order. */
  advanceReceipt: Body;
  /** A complaint the business manager confirmed (a replacement may be made). */
  complaint: Body;
}

async function ok(r: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const res = await r;
  if (res.status !== 200 && res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Builds the world in the company `c` is logged into; `tag` keeps codes apart. */
export async function buildTradeWorld(c: Client, tag: string): Promise<TradeWorld> {
  const date = officeToday();
  const post = (path: string, body: Body) => ok(c.post(path, body), `POST ${path}`);
  const audited = async (resource: string, body: Body) => {
    const doc = await post(`/${resource}`, body);
    await ok(c.post(`/${resource}/${doc.id}/audit`), `audit ${resource}`);
    return doc;
  };

  const department = (await post('/departments', { code: `${tag}D1`, name: `${tag}部门` })).id;
  const category = (await post('/product-categories', { code: `${tag}C1`, name: `${tag}类别` })).id;
  const employee = (await post('/employees', { code: `${tag}E1`, name: `${tag}职员`, departmentId: department })).id;
  const warehouse = (await post('/warehouses', { code: `${tag}W1`, name: `${tag}仓库`, keeperId: employee })).id;
  const account = (await post('/accounts', { code: `${tag}A1`, name: `${tag}现金`, type: 'cash', openingBalance: '100000.00' })).id;
  const supplier = (await post('/suppliers', { code: `${tag}S1`, name: `${tag}供应商` })).id;
  const customer = (await post('/customers', { code: `${tag}K1`, name: `${tag}客户`, paymentTerm: 'credit', creditLimit: '10000000.00' })).id;
  const product = async (n: number) =>
    post('/products', {
      code: `${tag}P${n}`,
      name: `${tag}商品${n}`,
      baseUnit: '件',
      categoryId: category,
      purchasePrice: '10.00',
      wholesalePrice: '20.00',
      units: [{ name: '箱', ratio: '12' }],
    });
  const p1 = await product(1);
  const p2 = await product(2);
  const roles = ((await ok(c.get('/roles?pageSize=500'), 'roles')).items as Body[]).map((r) => r.id as string);

  const lines = (qty: string, price: string) => [
    { productId: p1.id, qty, price },
    { productId: p2.id, qty, price },
  ];
  const fromOrder = (order: Body, qty: string) => order.lines.map((l: Body) => ({ productId: l.productId, qty, orderLineId: l.id }));

  const purchaseOrder = await audited('purchase-orders', { supplierId: supplier, warehouseId: warehouse, date, lines: lines('100', '10.00') });
  const purchaseBill = await audited('purchase-bills', {
    supplierId: supplier,
    warehouseId: warehouse,
    date,
    orderId: purchaseOrder.id,
    lines: fromOrder(purchaseOrder, '50'),
  });
  const purchaseBill2 = await audited('purchase-bills', { supplierId: supplier, warehouseId: warehouse, date, lines: lines('50', '10.00') });
  const salesOrder = await audited('sales-orders', { customerId: customer, warehouseId: warehouse, date, lines: lines('60', '20.00') });
  const delivery = await audited('sales-deliveries', {
    customerId: customer,
    warehouseId: warehouse,
    date,
    orderId: salesOrder.id,
    lines: fromOrder(salesOrder, '24'),
  });
  const direct = { customerId: customer, warehouseId: warehouse, date, lines: [{ productId: p1.id, qty: '1', price: '20.00' }] };
  const delivery2 = await audited('sales-deliveries', direct);
  const deliveryWithDriver = await audited('sales-deliveries', direct);
  await ok(c.post(`/sales-deliveries/${deliveryWithDriver.id}/cod`, { vehicle: `${tag}-车`, driverId: employee, amountToCollect: '20.00' }), 'cod');
  const savedDelivery = await post('/sales-deliveries', direct);
  const advanceReceipt = await audited('advance-receipts', { customerId: customer, salesOrderId: salesOrder.id, accountId: account, date, amount: '100.00' });
  const complaint = await post('/complaints', { customerId: customer, description: `${tag} 抽屉松动` });
  await ok(c.post(`/complaints/${complaint.id}/confirmation`, { note: '属实' }), 'confirm complaint');

  return {
    department,
    category,
    employee,
    warehouse,
    account,
    supplier,
    customer,
    products: [p1.id, p2.id],
    units: [p1.units[0].id, p2.units[0].id],
    roles,
    purchaseOrder,
    purchaseBill,
    purchaseBill2,
    salesOrder,
    delivery,
    delivery2,
    deliveryWithDriver,
    savedDelivery,
    advanceReceipt,
    complaint,
  };
}
