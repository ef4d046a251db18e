// Property test: random sequences of deliveries, returns, receipts and advance receipts
// through the HTTP API keep every invariant and agree with a simple in-memory model of
// the same rules (S5, S7, S8): the mirror of the purchasing model.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { createCompany } from '../../src/modules/auth/install.js';
import type { Client, TestApi } from '../helpers/api.js';
import { testApi, userWithRoles } from '../helpers/api.js';
import { assertInvariants } from '../helpers/db.js';
import { pick, type TradeCmd, tradeCommandArb } from '../helpers/trade-commands.js';

let api: TestApi;
let a: Client;
let approver: Client;
beforeAll(async () => {
  api = await testApi();
  a = api.admin;
});
afterAll(() => api.close());

const d = (v: string | number | Decimal) => new Decimal(v);
const zero = () => d(0);

interface ModelBill {
  id: string;
  supplier: number;
  status: 'saved' | 'audited';
  lines: { id: string; product: number; qty: Decimal; amount: Decimal }[];
  total: Decimal;
  returned: Decimal[];
  settled: Decimal;
}
interface ModelReturn {
  id: string;
  bill: number;
  supplier: number;
  status: 'saved' | 'audited';
  lines: { billLine: number; product: number; qty: Decimal }[];
  total: Decimal;
  settled: Decimal;
}
interface ModelSettlement {
  id: string;
  supplier: number;
  status: 'audited' | 'saved';
  pay: Decimal;
  allocations: { kind: 'bill' | 'return'; index: number; signed: Decimal }[];
}

class Model {
  stock = [d(1000), d(1000), d(1000)];
  payable = [zero(), zero()];
  prepaid = [zero(), zero()];
  cash = d('100000.00');
  bills: ModelBill[] = [];
  returns: ModelReturn[] = [];
  settlements: ModelSettlement[] = [];
}

interface World {
  products: string[];
  suppliers: string[];
  warehouse: string;
  account: string;
}

const today = '2026-11-26';

async function setupWorld(run: number): Promise<World> {
  const company = await createCompany(api.db, `SM${run}`, `销售模型${run}`);
  expect((await a.put('/session/company', { companyId: company.id })).status).toBe(200);
  // Returns need an approval by someone other than their maker, in this company.
  approver = await userWithRoles(api, `approver-${run}`, ['admin']);
  const products: string[] = [];
  for (let i = 0; i < 3; i++) products.push((await a.post('/products', { code: `P${i}`, name: `商品${i}`, baseUnit: '件' })).body.id);
  const suppliers: string[] = [];
  // Credit customers with a limit that never refuses: the payment rule has its own tests.
  for (let i = 0; i < 2; i++)
    suppliers.push((await a.post('/customers', { code: `C${i}`, name: `客户${i}`, paymentTerm: 'credit', creditLimit: '99999999.00' })).body.id);
  const warehouse = (await a.post('/warehouses', { code: 'W', name: '仓' })).body.id;
  const account = (await a.post('/accounts', { code: 'A', name: '银行', type: 'bank', openingBalance: '100000.00' })).body.id;
  const vendor = (await a.post('/suppliers', { code: 'V', name: '工厂' })).body.id;
  const stockIn = await a.post('/purchase-bills', {
    supplierId: vendor,
    warehouseId: warehouse,
    date: today,
    lines: products.map((p) => ({ productId: p, qty: '1000', price: '10.00' })),
  });
  expect((await a.post(`/purchase-bills/${stockIn.body.id}/audit`)).status).toBe(200);
  return { products, suppliers, warehouse, account };
}

async function step(w: World, m: Model, c: TradeCmd) {
  switch (c.t) {
    case 'bill': {
      const r = await a.post('/sales-deliveries', {
        customerId: w.suppliers[c.supplier],
        warehouseId: w.warehouse,
        date: today,
        lines: c.lines.map((l) => ({ productId: w.products[l.product], qty: String(l.qty), price: d(l.cents).div(100).toFixed(2) })),
      });
      expect(r.status).toBe(201);
      m.bills.push({
        id: r.body.id,
        supplier: c.supplier,
        status: 'saved',
        lines: c.lines.map((l, i) => ({ id: r.body.lines[i].id, product: l.product, qty: d(l.qty), amount: d(l.cents).div(100).times(l.qty) })),
        total: c.lines.reduce((s, l) => s.plus(d(l.cents).div(100).times(l.qty)), zero()),
        returned: c.lines.map(() => zero()),
        settled: zero(),
      });
      return;
    }
    case 'auditBill': {
      const b = pick(m.bills, c.pick);
      if (!b) return;
      const r = await a.post(`/sales-deliveries/${b.id}/audit`);
      const need = [zero(), zero(), zero()];
      for (const l of b.lines) need[l.product] = need[l.product].plus(l.qty);
      if (b.status === 'audited' || !need.every((q, p) => m.stock[p].gte(q))) return expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      b.status = 'audited';
      for (const l of b.lines) m.stock[l.product] = m.stock[l.product].minus(l.qty);
      m.payable[b.supplier] = m.payable[b.supplier].plus(b.total);
      return;
    }
    case 'unauditBill': {
      const b = pick(m.bills, c.pick);
      if (!b) return;
      const r = await a.post(`/sales-deliveries/${b.id}/unaudit`);
      const ok = b.status === 'audited' && b.returned.every((x) => x.isZero()) && b.settled.isZero();
      if (!ok) return expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      b.status = 'saved';
      for (const l of b.lines) m.stock[l.product] = m.stock[l.product].plus(l.qty);
      m.payable[b.supplier] = m.payable[b.supplier].minus(b.total);
      return;
    }
    case 'return': {
      const audited = m.bills.filter((b) => b.status === 'audited');
      const bIndex = audited.length ? m.bills.indexOf(pick(audited, c.pick) as ModelBill) : -1;
      if (bIndex < 0) return;
      const b = m.bills[bIndex];
      const li = c.pick % b.lines.length;
      const line = b.lines[li];
      const qty = line.qty.times(c.pct).div(100).ceil();
      const r = await a.post('/sales-returns', {
        customerId: w.suppliers[b.supplier],
        warehouseId: w.warehouse,
        date: today,
        deliveryId: b.id,
        lines: [{ productId: w.products[line.product], qty: qty.toFixed(), deliveryLineId: line.id }],
      });
      if (qty.gt(line.qty.minus(b.returned[li]))) return expect(r.status).toBe(409);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      m.returns.push({
        id: r.body.id,
        bill: bIndex,
        supplier: b.supplier,
        status: 'saved',
        lines: [{ billLine: li, product: line.product, qty }],
        total: d(r.body.total),
        settled: zero(),
      });
      return;
    }
    case 'auditReturn': {
      const rt = pick(m.returns, c.pick);
      if (!rt) return;
      if (rt.status === 'saved') expect((await approver.post(`/sales-returns/${rt.id}/approval`, { reason: '模型测试审批' })).status).toBe(200);
      const r = await a.post(`/sales-returns/${rt.id}/audit`);
      const b = m.bills[rt.bill];
      const ok = rt.status === 'saved' && b.status === 'audited' && rt.lines.every((l) => l.qty.lte(b.lines[l.billLine].qty.minus(b.returned[l.billLine])));
      if (!ok) return expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      rt.status = 'audited';
      for (const l of rt.lines) {
        b.returned[l.billLine] = b.returned[l.billLine].plus(l.qty);
        m.stock[l.product] = m.stock[l.product].plus(l.qty);
      }
      m.payable[rt.supplier] = m.payable[rt.supplier].minus(rt.total);
      return;
    }
    case 'unauditReturn': {
      const rt = pick(m.returns, c.pick);
      if (!rt) return;
      const r = await a.post(`/sales-returns/${rt.id}/unaudit`);
      if (rt.status !== 'audited' || !rt.settled.isZero() || !rt.lines.every((l) => m.stock[l.product].gte(l.qty))) return expect(r.status).toBe(409);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      rt.status = 'saved';
      const b = m.bills[rt.bill];
      for (const l of rt.lines) {
        b.returned[l.billLine] = b.returned[l.billLine].minus(l.qty);
        m.stock[l.product] = m.stock[l.product].minus(l.qty);
      }
      m.payable[rt.supplier] = m.payable[rt.supplier].plus(rt.total);
      return;
    }
    case 'prepay': {
      const amount = d(c.cents).div(100);
      const r = await a.post('/advance-receipts', { customerId: w.suppliers[c.supplier], accountId: w.account, date: today, amount: amount.toFixed(2) });
      expect(r.status).toBe(201);
      expect((await a.post(`/advance-receipts/${r.body.id}/audit`)).status).toBe(200);
      m.prepaid[c.supplier] = m.prepaid[c.supplier].plus(amount);
      m.cash = m.cash.plus(amount);
      return;
    }
    case 'settle': {
      const allocations: ModelSettlement['allocations'] = [];
      for (const [i, b] of m.bills.entries()) {
        const open = b.total.minus(b.settled);
        if (b.supplier === c.supplier && b.status === 'audited' && open.gt(0))
          allocations.push({ kind: 'bill', index: i, signed: open.times(c.pct).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN) });
      }
      for (const [i, rt] of m.returns.entries()) {
        const open = rt.total.minus(rt.settled);
        if (rt.supplier === c.supplier && rt.status === 'audited' && open.gt(0)) allocations.push({ kind: 'return', index: i, signed: open.negated() });
      }
      const useful = allocations.filter((x) => !x.signed.isZero());
      const settled = useful.reduce((s, x) => s.plus(x.signed), zero());
      if (useful.length === 0 || settled.lte(0)) return;
      const pay = settled.plus(d(c.extraCents).div(100));
      const r = await a.post('/receipts', {
        customerId: w.suppliers[c.supplier],
        accountId: w.account,
        date: today,
        receiptTotal: pay.toFixed(2),
        advanceUsed: '0',
        allocations: useful.map((x) => ({ documentId: x.kind === 'bill' ? m.bills[x.index].id : m.returns[x.index].id, amount: x.signed.abs().toFixed(2) })),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const audited = await a.post(`/receipts/${r.body.id}/audit`);
      expect(audited.status, JSON.stringify(audited.body)).toBe(200);
      for (const x of useful) {
        const target = x.kind === 'bill' ? m.bills[x.index] : m.returns[x.index];
        target.settled = target.settled.plus(x.signed.abs());
      }
      m.payable[c.supplier] = m.payable[c.supplier].minus(settled);
      m.prepaid[c.supplier] = m.prepaid[c.supplier].plus(pay.minus(settled));
      m.cash = m.cash.plus(pay);
      m.settlements.push({ id: r.body.id, supplier: c.supplier, status: 'audited', pay, allocations: useful });
      return;
    }
    case 'unauditSettlement': {
      const s = pick(m.settlements, c.pick);
      if (!s) return;
      const r = await a.post(`/receipts/${s.id}/unaudit`);
      if (s.status !== 'audited') return expect(r.status).toBe(409);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      s.status = 'saved';
      let settled = zero();
      for (const x of s.allocations) {
        const target = x.kind === 'bill' ? m.bills[x.index] : m.returns[x.index];
        target.settled = target.settled.minus(x.signed.abs());
        settled = settled.plus(x.signed);
      }
      m.payable[s.supplier] = m.payable[s.supplier].plus(settled);
      m.prepaid[s.supplier] = m.prepaid[s.supplier].minus(s.pay.minus(settled));
      m.cash = m.cash.minus(s.pay);
      return;
    }
  }
}

async function compare(w: World, m: Model) {
  for (const [i, p] of w.products.entries()) {
    const r = await a.get(`/stock?productId=${p}`);
    expect(d(r.body.items[0]?.qty ?? 0).eq(m.stock[i]), `stock of P${i}`).toBe(true);
  }
  for (const [i, s] of w.suppliers.entries()) {
    const b = (await a.get(`/customers/${s}/balance`)).body;
    expect(d(b.receivable).eq(m.payable[i]), `receivable of C${i}: ${b.receivable} vs ${m.payable[i]}`).toBe(true);
    expect(d(b.advance).eq(m.prepaid[i]), `advance of C${i}: ${b.advance} vs ${m.prepaid[i]}`).toBe(true);
  }
  // The bank account: what every payment and receipt moved, from its opening balance.
  const cash = (await a.get('/cash/balances')).body.items.find((x: { id: string }) => x.id === w.account);
  expect(d(cash.balance).eq(m.cash), `cash: ${cash.balance} vs ${m.cash}`).toBe(true);
}

describe('sales model', () => {
  it('S5 S7 S8 random delivery / return / receipt / advance sequences agree with the model and keep the invariants', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(tradeCommandArb, { minLength: 5, maxLength: 40 }), async (cmds) => {
        run++;
        const w = await setupWorld(run);
        const m = new Model();
        for (const c of cmds) await step(w, m, c);
        await compare(w, m);
        await assertInvariants(api.db);
      }),
      { numRuns: 15 },
    );
  });
});
