// The soak's random commands (fast-check) and how a client runs one against the server.
// The trade commands are the model tests' own (test/helpers/trade-commands.ts), played on
// either side of the trade; the soak adds orders and bills pulled from them, edits of
// saved bills (If-Match: audit × edit), and master data with text of every script.
// A command picks its documents among those the model knows, which other clients may be
// changing at that moment: a refusal with a code is a fine answer, only 2xx is recorded.
import fc from 'fast-check';
import { Decimal } from '../../src/core/decimal.js';
import { lineArb, pick, type TradeCmd, tradeCommandArb } from '../helpers/trade-commands.js';
import type { Answer, SoakClient } from './http.js';
import { type DocRec, type LineRec, type Registry, type Role, SIDES, type Side, standsAudited } from './model.js';

type Line = { product: number; qty: number; cents: number };

export type SoakCmd =
  | { t: 'trade'; side: Side; shift: number; cmd: TradeCmd }
  | { t: 'order'; side: Side; shift: number; partner: number; lines: Line[] }
  | { t: 'auditOrder'; side: Side; pick: number }
  | { t: 'unauditOrder'; side: Side; pick: number }
  | { t: 'fromOrder'; side: Side; pick: number; pct: number }
  | { t: 'edit'; side: Side; pick: number; shift: number; lines: Line[] }
  | { t: 'product'; name: string }
  | { t: 'partner'; side: Side; name: string };

/** Text of every kind a clerk may type: stored and read back byte for byte (10.1). */
const oddText = fc.constantFrom(
  '办公桌😀',
  'مكتب خشبي',
  'e\u0301 ñ combining',
  '𠀀𠀁𪚥 four-byte CJK',
  '\u202eRTL override\u202c',
  'plain name',
  '«»‹›„“ quotes',
);
const side = fc.constantFrom<Side>('purchase', 'sales');
const lines = fc.array(lineArb, { minLength: 1, maxLength: 3 });

export const soakCommandArb: fc.Arbitrary<SoakCmd> = fc.oneof(
  { weight: 24, arbitrary: fc.record({ t: fc.constant('trade' as const), side, shift: fc.nat(), cmd: tradeCommandArb }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('order' as const), side, shift: fc.nat(), partner: fc.nat(), lines }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('auditOrder' as const), side, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unauditOrder' as const), side, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('fromOrder' as const), side, pick: fc.nat(), pct: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('edit' as const), side, pick: fc.nat(), shift: fc.nat(), lines }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('product' as const), name: oddText }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('partner' as const), side, name: oddText }) },
);

export const SOAK_DATE = '2026-11-26';
const d = (v: string | number | Decimal) => new Decimal(v);

export interface World {
  warehouseId: string;
  accountId: string;
}

/** One of the eight clients: its own user, its own keys. */
export interface Actor {
  index: number;
  client: SoakClient;
  /** Another client's session: approvals need someone other than the maker. */
  peer: () => SoakClient;
  tag: string;
  seq: number;
}

const linesOf = (body: { lines: { id: string; productId: string; baseQty: string }[] }): LineRec[] =>
  body.lines.map((l) => ({ id: l.id, productId: l.productId, baseQty: d(l.baseQty) }));

export class Runner {
  constructor(
    readonly reg: Registry,
    readonly world: World,
  ) {}

  private nextKey(a: Actor) {
    a.seq++;
    return `${a.tag}-c${a.index}-${a.seq}`;
  }

  /** A write with a fresh key; its definitive answer is kept for the replay check. */
  private async keyed(a: Actor, method: string, path: string, body: unknown, ifMatch?: number): Promise<Answer> {
    const key = this.nextKey(a);
    this.reg.operations++;
    const r = await a.client.send(method, path, body, { key, ifMatch });
    if (r.status >= 200 && r.status < 300) this.reg.acknowledged++;
    // A status of 0 or 5xx has no definitive answer to replay; those are violations of their own.
    if (r.status > 0 && r.status < 500 && r.body?.error?.code !== 'IDEMPOTENCY_IN_PROGRESS') {
      this.reg.keyed.push({ key, cookie: a.client.cookie, method, path, body, ifMatch, status: r.status, id: r.body?.id, code: r.body?.error?.code });
    }
    return r;
  }

  private seen(doc: DocRec, body: { version?: number } | undefined) {
    if (typeof body?.version === 'number' && body.version > doc.seenVersion) doc.seenVersion = body.version;
  }

  private async create(a: Actor, side: Side, role: Role, body: Record<string, unknown>, extra: Partial<DocRec> = {}): Promise<DocRec | undefined> {
    const tag = `${a.tag}-c${a.index}-d${a.seq + 1}`;
    const resource = SIDES[side].resources[role];
    const full = { ...body, remark: tag };
    const r = await this.keyed(a, 'POST', `/${resource}`, full);
    if (r.status !== 201) return undefined;
    const doc: DocRec = {
      side,
      role,
      resource,
      id: r.body.id,
      number: r.body.number,
      tag,
      partnerId: r.body.partnerId,
      body: full,
      createdVersion: r.body.version,
      seenVersion: r.body.version,
      contentVersion: r.body.version,
      total: d(r.body.total),
      lines: role === 'settle' || role === 'advance' ? [] : linesOf(r.body),
      edits: 0,
      audits: 0,
      unaudits: 0,
      uncertainTotals: [],
      ...extra,
    };
    this.reg.add(doc);
    return doc;
  }

  private async transition(a: Actor, doc: DocRec | undefined, action: 'audit' | 'unaudit', withVersion = false): Promise<boolean> {
    if (!doc) return false;
    const r = await this.keyed(a, 'POST', `/${doc.resource}/${doc.id}/${action}`, undefined, withVersion ? doc.seenVersion : undefined);
    if (r.status !== 200) return false;
    if (action === 'audit') doc.audits++;
    else doc.unaudits++;
    this.seen(doc, r.body);
    return true;
  }

  private goodsLines(shift: number, ls: Line[]) {
    const products = this.reg.products();
    return ls.map((l) => ({
      productId: (pick(products, l.product + shift) as { id: string }).id,
      qty: String(l.qty),
      price: d(l.cents).div(100).toFixed(2),
    }));
  }

  private partner(side: Side, n: number): string {
    return (pick(this.reg.partners(side), n) as { id: string }).id;
  }

  async run(a: Actor, c: SoakCmd): Promise<void> {
    switch (c.t) {
      case 'trade':
        return this.trade(a, c.side, c.shift, c.cmd);
      case 'order': {
        await this.create(a, c.side, 'order', {
          [SIDES[c.side].partner]: this.partner(c.side, c.partner + c.shift),
          warehouseId: this.world.warehouseId,
          date: SOAK_DATE,
          lines: this.goodsLines(c.shift, c.lines),
        });
        return;
      }
      case 'auditOrder':
        await this.transition(a, pick(this.reg.list(c.side, 'order'), c.pick), 'audit');
        return;
      case 'unauditOrder':
        await this.transition(a, pick(this.reg.list(c.side, 'order'), c.pick), 'unaudit');
        return;
      case 'fromOrder': {
        const orders = this.reg.list(c.side, 'order').filter((o) => standsAudited(o));
        const o = pick(orders, c.pick);
        if (!o) return;
        await this.create(a, c.side, 'bill', {
          [SIDES[c.side].partner]: o.partnerId,
          warehouseId: this.world.warehouseId,
          date: SOAK_DATE,
          lines: o.lines.slice(0, 2).map((l) => ({ productId: l.productId, orderLineId: l.id, qty: l.baseQty.times(c.pct).div(100).ceil().toFixed() })),
        });
        return;
      }
      case 'edit': {
        const saved = this.reg.list(c.side, 'bill').filter((b) => standsAudited(b) === false && !(b.body.lines as { orderLineId?: string }[])[0]?.orderLineId);
        const b = pick(saved, c.pick);
        if (!b) return;
        const body = { ...b.body, lines: this.goodsLines(c.shift, c.lines) };
        this.reg.operations++;
        // An edit takes no Idempotency-Key: If-Match makes a blind retry safe (a second
        // try of an edit that went through is refused 412), so a lost answer is not retried.
        const r = await a.client.send('PATCH', `/${b.resource}/${b.id}`, body, { ifMatch: b.seenVersion });
        if (r.status === 200) {
          this.reg.acknowledged++;
          b.edits++;
          this.seen(b, r.body);
          if (r.body.version > b.contentVersion) {
            b.contentVersion = r.body.version;
            b.total = d(r.body.total);
            b.lines = linesOf(r.body);
            b.body = body;
          }
        } else if (r.lostOnce) {
          b.uncertainTotals.push(body.lines.reduce((s, l) => s.plus(d(l.price).times(l.qty)), d(0)));
        }
        return;
      }
      case 'product': {
        const code = `${a.tag}-P${a.index}-${a.seq + 1}`;
        const name = `${c.name} ${a.seq + 1}`;
        const r = await this.keyed(a, 'POST', '/products', { code, name, baseUnit: '件' });
        if (r.status === 201) this.reg.master.push({ resource: 'products', id: r.body.id, code, name });
        return;
      }
      case 'partner': {
        const resource = SIDES[c.side].partners;
        const code = `${a.tag}-${resource === 'suppliers' ? 'S' : 'C'}${a.index}-${a.seq + 1}`;
        const name = `${c.name} ${a.seq + 1}`;
        // Credit customers with a limit that never refuses: the payment rule has its own tests.
        const body = resource === 'customers' ? { code, name, paymentTerm: 'credit', creditLimit: '99999999.00' } : { code, name };
        const r = await this.keyed(a, 'POST', `/${resource}`, body);
        if (r.status === 201) this.reg.master.push({ resource, id: r.body.id, code, name });
        return;
      }
    }
  }

  private async trade(a: Actor, side: Side, shift: number, c: TradeCmd): Promise<void> {
    const S = SIDES[side];
    switch (c.t) {
      case 'bill':
        await this.create(a, side, 'bill', {
          [S.partner]: this.partner(side, c.supplier + shift),
          warehouseId: this.world.warehouseId,
          date: SOAK_DATE,
          lines: this.goodsLines(shift, c.lines),
        });
        return;
      case 'auditBill':
        // Half the audits say which version they saw, as the web app does.
        await this.transition(a, pick(this.reg.list(side, 'bill'), c.pick), 'audit', c.pick % 2 === 0);
        return;
      case 'unauditBill':
        await this.transition(a, pick(this.reg.list(side, 'bill'), c.pick), 'unaudit');
        return;
      case 'return': {
        const b = pick(
          this.reg.list(side, 'bill').filter((x) => standsAudited(x)),
          c.pick,
        );
        if (!b || b.lines.length === 0) return;
        const line = b.lines[c.pick % b.lines.length];
        const qty = line.baseQty.times(c.pct).div(100).ceil();
        await this.create(a, side, 'return', {
          [S.partner]: b.partnerId,
          warehouseId: this.world.warehouseId,
          date: SOAK_DATE,
          [S.sourceField]: b.id,
          lines: [{ productId: line.productId, qty: qty.toFixed(), [S.sourceLineField]: line.id }],
        });
        return;
      }
      case 'auditReturn': {
        const rt = pick(this.reg.list(side, 'return'), c.pick);
        if (!rt) return;
        if (side === 'sales' && !rt.approved && standsAudited(rt) === false) {
          this.reg.operations++;
          const ok = await a.peer().send('POST', `/sales-returns/${rt.id}/approval`, { reason: '浸泡测试审批 soak approval' }, { retryLost: true });
          if (ok.status === 200) {
            this.reg.acknowledged++;
            rt.approved = true;
          }
        }
        await this.transition(a, rt, 'audit');
        return;
      }
      case 'unauditReturn':
        await this.transition(a, pick(this.reg.list(side, 'return'), c.pick), 'unaudit');
        return;
      case 'prepay': {
        const amount = d(c.cents).div(100);
        const doc = await this.create(
          a,
          side,
          'advance',
          { [S.partner]: this.partner(side, c.supplier + shift), accountId: this.world.accountId, date: SOAK_DATE, amount: amount.toFixed(2) },
          { amount },
        );
        await this.transition(a, doc, 'audit');
        return;
      }
      case 'settle': {
        const partnerId = this.partner(side, c.supplier + shift);
        const settledOn = (id: string) =>
          this.reg
            .list(side, 'settle')
            .filter((s) => standsAudited(s) !== false)
            .flatMap((s) => s.allocations ?? [])
            .filter((x) => x.documentId === id)
            .reduce((s, x) => s.plus(x.amount), d(0));
        const allocations: { documentId: string; amount: Decimal; signed: Decimal }[] = [];
        for (const b of this.reg.list(side, 'bill')) {
          if (b.partnerId !== partnerId || !standsAudited(b)) continue;
          const open = b.total.minus(settledOn(b.id));
          const amount = open.times(c.pct).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          if (amount.gt(0)) allocations.push({ documentId: b.id, amount, signed: amount });
        }
        for (const rt of this.reg.list(side, 'return')) {
          if (rt.partnerId !== partnerId || !standsAudited(rt)) continue;
          const open = rt.total.minus(settledOn(rt.id));
          if (open.gt(0)) allocations.push({ documentId: rt.id, amount: open, signed: open.negated() });
        }
        // A handful of open items per settlement, as a clerk would pick them.
        const chosen = allocations.slice(-5);
        const settled = chosen.reduce((s, x) => s.plus(x.signed), d(0));
        if (chosen.length === 0 || settled.lte(0)) return;
        const pay = settled.plus(d(c.extraCents).div(100));
        const doc = await this.create(
          a,
          side,
          'settle',
          {
            [S.partner]: partnerId,
            accountId: this.world.accountId,
            date: SOAK_DATE,
            [S.totalField]: pay.toFixed(2),
            [S.usedField]: '0',
            allocations: chosen.map((x) => ({ documentId: x.documentId, amount: x.amount.toFixed(2) })),
          },
          { pay, allocations: chosen.map((x) => ({ documentId: x.documentId, amount: x.amount })) },
        );
        await this.transition(a, doc, 'audit');
        return;
      }
      case 'unauditSettlement':
        await this.transition(a, pick(this.reg.list(side, 'settle'), c.pick), 'unaudit');
        return;
    }
  }
}
