// Bad input on the purchasing documents never gets a 500 and never writes anything.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApi, testApi } from '../helpers/api.js';

let api: TestApi;
let a: Client;
let supplierId: string;
let warehouseId: string;
let accountId: string;
let productId: string;
let auditedBill: { id: string; lineId: string };

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S', name: '供应商' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W', name: '仓' })).body.id;
  accountId = (await a.post('/accounts', { code: 'A', name: '现金', type: 'cash' })).body.id;
  productId = (await a.post('/products', { code: 'P', name: '商品', baseUnit: '件' })).body.id;
  const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '3', price: '5.00' }] });
  await a.post(`/purchase-bills/${bill.body.id}/audit`);
  auditedBill = { id: bill.body.id, lineId: bill.body.lines[0].id };
});
afterAll(() => api.close());

async function counts() {
  const r = (await api.db.orm.execute(sql`
    SELECT (SELECT count(*) FROM documents)::int AS d, (SELECT count(*) FROM document_lines)::int AS l, (SELECT count(*) FROM stock_moves)::int AS m,
           (SELECT count(*) FROM partner_entries)::int AS p, (SELECT count(*) FROM cash_entries)::int AS c, (SELECT count(*) FROM open_items)::int AS o,
           (SELECT count(*) FROM audit_log)::int AS a`)) as unknown as { rows: Record<string, number>[] };
  return r.rows[0];
}

const weird = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant('0'),
  fc.constant('-1'),
  fc.constant('1e9'),
  fc.constant('12.34567'),
  fc.constant('99999999999999999999'),
  fc.constant("'; DROP TABLE documents; --"),
  fc.constant('not-a-uuid'),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.constant('2026-13-45'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 30 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

const validLine = () => ({ productId, qty: '1', price: '2.00' });
const validBody = () => ({ supplierId, warehouseId, date: '2026-11-26', lines: [validLine()] });

/** A valid body with one field (header or line) replaced by something wrong. */
const badBody = fc
  .tuple(
    fc.constantFrom(
      'supplierId',
      'warehouseId',
      'date',
      'lines',
      'remark',
      'orderId',
      'line.productId',
      'line.qty',
      'line.price',
      'line.taxRate',
      'line.unitId',
      'line.orderLineId',
    ),
    weird,
  )
  .map(([field, value]) => {
    const body: Record<string, unknown> = validBody();
    if (field.startsWith('line.')) (body.lines as Record<string, unknown>[])[0][field.slice(5)] = value;
    else body[field] = value;
    return { field, value, body };
  })
  .filter(({ field, value }) => !(field === 'remark' && (typeof value === 'string' || value === null)) && !(field === 'orderId' && value === null));

describe('purchasing documents refuse bad input with a 4xx and write nothing', () => {
  it('P2 P7 P8 P9 a few hundred wrong bodies on every document route', async () => {
    const before = await counts();
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(badBody, fc.constantFrom('/purchase-orders', '/purchase-bills', '/purchase-returns'), async ({ body }, path) => {
        const r = await a.post(path, body);
        requests++;
        // A few replacements are still valid (e.g. price "0"); those are created and checked below.
        if (r.status === 201) return;
        expect(r.status, JSON.stringify({ body, reply: r.body })).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(typeof r.body.error.code).toBe('string');
        expect(r.body.error.message.length).toBeGreaterThan(0);
        expect(r.body.error.messageEn.length).toBeGreaterThan(0);
        expect(r.body.error.messageEn, 'English without Chinese (X5)').not.toMatch(/\p{Script=Han}/u);
      }),
      { numRuns: 150 },
    );
    const settlementBad = fc.record({
      supplierId: fc.oneof(fc.constant(supplierId), weird),
      accountId: fc.oneof(fc.constant(accountId), weird),
      date: fc.oneof(fc.constant('2026-11-26'), weird),
      paymentTotal: fc.oneof(fc.constant('10.00'), weird),
      prepaymentUsed: fc.oneof(fc.constant('0'), weird, fc.constant('99999.00')),
      allocations: fc.oneof(
        fc.constant([{ documentId: auditedBill.id, amount: '16.00' }]),
        fc.constant([{ documentId: auditedBill.id, amount: '-1.00' }]),
        fc.constant([
          { documentId: auditedBill.id, amount: '1.00' },
          { documentId: auditedBill.id, amount: '1.00' },
        ]),
        fc.array(fc.record({ documentId: weird, amount: weird }), { maxLength: 2 }),
        weird,
      ),
    });
    await fc.assert(
      fc.asyncProperty(settlementBad, async (body) => {
        const r = await a.post('/purchase-settlements', body);
        requests++;
        if (r.status === 201) return;
        expect(r.status, JSON.stringify({ body, reply: r.body })).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
    const texts = ['{', '[]', 'null', '"x"', '{"lines": [}', '\u0000'];
    for (const path of ['/purchase-orders', '/purchase-bills', '/purchase-returns', '/purchase-settlements', '/prepayments']) {
      for (const t of texts) {
        const r = await a.post(path, t, { 'content-type': 'application/json' });
        requests++;
        expect(r.status, `${path} ${t}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }
    }
    expect(requests).toBeGreaterThanOrEqual(300);
    // Whatever was accepted as valid is a saved document only: nothing posted.
    const after = await counts();
    expect(after.m).toBe(before.m);
    expect(after.p).toBe(before.p);
    expect(after.c).toBe(before.c);
    expect(after.o).toBe(before.o);
    const created = after.d - before.d;
    expect(after.a - before.a).toBe(created);
  });

  it('P2 a line whose quantity × price is too large to record names the line, not a database error', async () => {
    const bill = (lines: { qty: string; price: string }[]) =>
      a.post('/purchase-bills', { supplierId, warehouseId, date: '2026-11-26', lines: lines.map((l) => ({ productId, ...l })) });
    // each figure fits its own column; the product does not
    const line = await bill([
      { qty: '1', price: '1.00' },
      { qty: '99999999999999', price: '2600.00' },
    ]);
    expect(line.status).toBe(422);
    expect(line.body.error).toMatchObject({ code: 'AMOUNT_TOO_LARGE', details: { field: 'lines.1.qty' } });
    expect(line.body.error.message).toContain('第 2 行');
    // lines that fit one by one, a total that does not
    const total = await bill(Array.from({ length: 2 }, () => ({ qty: '9000000000', price: '1000000.00' })));
    expect(total.status).toBe(422);
    expect(total.body.error).toMatchObject({ code: 'AMOUNT_TOO_LARGE', details: { field: 'lines' } });
    // quantities that fit one by one, a document total quantity that does not
    const qty = await bill(Array.from({ length: 2 }, () => ({ qty: '99999999999999', price: '0' })));
    expect(qty.body.error).toMatchObject({ code: 'AMOUNT_TOO_LARGE', details: { field: 'lines' } });
    // the largest amount that fits is taken
    expect((await bill([{ qty: '9999999999', price: '999999.99' }])).status).toBe(201);
  });

  it('P8 S8 a settlement or receipt with nothing paid and nothing to settle is refused', async () => {
    const customerId = (await a.post('/customers', { code: 'EMPTY-C', name: '空单客户' })).body.id;
    const settlement = await a.post('/purchase-settlements', { supplierId, accountId, date: '2026-11-26', paymentTotal: '0', allocations: [] });
    expect(settlement.status).toBe(422);
    expect(settlement.body.error).toMatchObject({ code: 'SETTLEMENT_EMPTY', details: { field: 'paymentTotal' } });
    expect(settlement.body.error.message).toBe('没有付款总额，也没有要结算的单据');
    const receipt = await a.post('/receipts', { customerId, accountId, date: '2026-11-26', receiptTotal: '0', allocations: [] });
    expect(receipt.body.error).toMatchObject({ code: 'SETTLEMENT_EMPTY', details: { field: 'receiptTotal' } });
    expect(receipt.body.error.message).toBe('没有收款总额，也没有要结算的单据');
  });

  it('P7 原单退回 never at more than the bill paid for the goods, whatever the unit; less is the clerk’s call', async () => {
    const p = await a.post('/products', { code: 'RP', name: '退价', baseUnit: '件', units: [{ name: '箱', ratio: '12' }] });
    const box = p.body.units[0].id;
    const bill = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date: '2026-11-26',
      lines: [{ productId: p.body.id, unitId: box, qty: '2', price: '120.00' }],
    });
    expect((await a.post(`/purchase-bills/${bill.body.id}/audit`)).status).toBe(200);
    const billLineId = bill.body.lines[0].id;
    const ret = (line: Record<string, unknown>) =>
      a.post('/purchase-returns', {
        supplierId,
        warehouseId,
        date: '2026-11-26',
        billId: bill.body.id,
        lines: [{ productId: p.body.id, billLineId, ...line }],
      });
    const dearer = await ret({ unitId: null, qty: '1', price: '10.01' });
    expect(dearer.status).toBe(422);
    expect(dearer.body.error).toMatchObject({ code: 'RETURN_PRICE_ABOVE_SOURCE', details: { field: 'lines.0.price' } });
    expect(dearer.body.error.message).toContain('第 1 行：退货金额 10.01 高于按原进货单');
    expect(dearer.body.error.details).toMatchObject({ price: '10.00', limit: '10.00' });
    expect((await ret({ qty: '1', price: '121.00' })).body.error.code).toBe('RETURN_PRICE_ABOVE_SOURCE');
    expect((await ret({ qty: '1', price: '120.00', taxRate: '13' })).body.error.code).toBe('RETURN_PRICE_ABOVE_SOURCE');
    // 10.00 a piece is 120.00 a box; the bill's own price by default; an allowance below it
    for (const ok of [{ unitId: null, qty: '1', price: '10.00' }, { qty: '1' }, { qty: '1', price: '100.00' }]) {
      const r = await ret(ok);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    // in 件 with no price: the box price per piece
    const piece = await ret({ unitId: null, qty: '3' });
    expect(piece.body.lines[0]).toMatchObject({ price: '10.0000', total: '30.00' });
    // bought by the piece at 8.3333 (12 for 100.00): a box back at 100.00 costs the same
    const byPiece = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date: '2026-11-26',
      lines: [{ productId: p.body.id, qty: '12', price: '8.3333' }],
    });
    expect(byPiece.body.total).toBe('100.00');
    await a.post(`/purchase-bills/${byPiece.body.id}/audit`);
    const boxBack = await a.post('/purchase-returns', {
      supplierId,
      warehouseId,
      date: '2026-11-26',
      billId: byPiece.body.id,
      lines: [{ productId: p.body.id, billLineId: byPiece.body.lines[0].id, unitId: box, qty: '1', price: '100.00' }],
    });
    expect(boxBack.status, JSON.stringify(boxBack.body)).toBe(201);
  });

  it('P2 P3 a bill line pulled from an order in another unit is priced per piece from the order’s box price', async () => {
    const p = await a.post('/products', { code: 'UP', name: '换单位', baseUnit: '件', units: [{ name: '箱', ratio: '12' }] });
    const order = await a.post('/purchase-orders', {
      supplierId,
      warehouseId,
      date: '2026-11-26',
      lines: [{ productId: p.body.id, unitId: p.body.units[0].id, qty: '2', price: '120.00', taxRate: '13' }],
    });
    await a.post(`/purchase-orders/${order.body.id}/audit`);
    const bill = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date: '2026-11-26',
      lines: [{ productId: p.body.id, unitId: null, qty: '12', orderLineId: order.body.lines[0].id }],
    });
    expect(bill.status, JSON.stringify(bill.body)).toBe(201);
    // 12 pieces are one box: 120.00 + 13 % tax, not twelve boxes' worth
    expect(bill.body.lines[0]).toMatchObject({ price: '10.0000', taxRate: '13.0000', amount: '120.00', total: '135.60' });
  });

  it('P7 returning more than received, P10 auditing twice, editing audited, unknown ids: 4xx and nothing written', async () => {
    const before = await counts();
    const over = await a.post('/purchase-returns', {
      supplierId,
      warehouseId,
      date: '2026-11-26',
      billId: auditedBill.id,
      lines: [{ productId, qty: '4', billLineId: auditedBill.lineId }],
    });
    expect(over.status).toBe(409);
    expect((await a.post(`/purchase-bills/${auditedBill.id}/audit`)).status).toBe(409);
    expect((await a.patch(`/purchase-bills/${auditedBill.id}`, validBody())).status).toBe(409);
    expect((await a.post('/purchase-bills/00000000-0000-0000-0000-000000000000/audit')).status).toBe(404);
    expect((await a.post('/purchase-bills/not-a-uuid/audit')).status).toBe(400);
    expect((await a.post(`/purchase-orders/${auditedBill.id}/audit`)).status).toBe(404);
    const zero = await a.post('/purchase-bills', { ...validBody(), lines: [{ productId, qty: '0', price: '1' }] });
    expect(zero.status).toBe(422);
    expect(zero.body.error.code).toBe('QTY_NOT_POSITIVE');
    const negative = await a.post('/purchase-bills', { ...validBody(), lines: [{ productId, qty: '-2', price: '1' }] });
    expect(negative.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
