// After the load: the server against the model of what it acknowledged. Every acknowledged
// document is there exactly once, with the acknowledged status and total; nothing the soak
// sent exists without an acknowledgement; stock, partner balances and cash are what the
// acknowledged documents make them; every key replays its first answer.
import { Decimal } from '../../src/core/decimal.js';
import type { SoakClient } from './http.js';
import { type DocRec, expectedBooks, type Registry, SIDES, type Side, standsAudited } from './model.js';

export interface Findings {
  /** Acknowledged but not on the server. */
  lost: string[];
  /** On the server more than once. */
  duplicated: string[];
  /** On the server without an acknowledgement (a refusal or a lost request that wrote). */
  ghosts: string[];
  /** There, but not as acknowledged (status, total, version, partner, name). */
  mismatched: string[];
  /** Stock, balances or cash other than the acknowledged documents make them. */
  books: string[];
  /** A key that did not replay its first answer. */
  replays: string[];
  replayed: number;
}

export const emptyFindings = (): Findings => ({ lost: [], duplicated: [], ghosts: [], mismatched: [], books: [], replays: [], replayed: 0 });

const d = (v: string | number | Decimal) => new Decimal(v);
const AUDITED_FAMILY = new Set(['audited', 'partial', 'completed']);

/** Runs `fn` over `items`, `width` at a time. */
export async function inParallel<T>(items: readonly T[], width: number, fn: (item: T, lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async (_, lane) => {
      while (next < items.length) await fn(items[next++], lane);
    }),
  );
}

async function listAll(c: SoakClient, path: string): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  for (let page = 1; ; page++) {
    const r = await c.send('GET', `${path}${path.includes('?') ? '&' : '?'}pageSize=500&page=${page}`);
    if (r.status !== 200) throw new Error(`soak: GET ${path} answered ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    out.push(...r.body.items);
    if (r.body.items.length < 500) return out;
  }
}

async function checkDocuments(reg: Registry, clients: SoakClient[], tagPrefix: string, f: Findings) {
  await inParallel(reg.docs, clients.length, async (doc, lane) => {
    const r = await clients[lane].send('GET', `/${doc.resource}/${doc.id}`);
    if (r.status === 404) return void f.lost.push(`${doc.resource} ${doc.number} (${doc.id})`);
    if (r.status !== 200) return void f.mismatched.push(`${doc.resource} ${doc.number}: GET answered ${r.status}`);
    const v = r.body;
    const audited = standsAudited(doc);
    const what = `${doc.resource} ${doc.number}`;
    if (audited === null) f.mismatched.push(`${what}: ${doc.audits} audits and ${doc.unaudits} un-audits were acknowledged`);
    else if (AUDITED_FAMILY.has(v.status) !== audited)
      f.mismatched.push(`${what}: ${v.status}, but the acknowledged answers make it ${audited ? 'audited' : 'saved'}`);
    if (v.partnerId !== doc.partnerId) f.mismatched.push(`${what}: partner ${v.partnerId}, acknowledged ${doc.partnerId}`);
    const total = d(v.total);
    if (!total.eq(doc.total) && !doc.uncertainTotals.some((t) => t.eq(total)))
      f.mismatched.push(`${what}: total ${v.total}, acknowledged ${doc.total.toFixed(2)}`);
    // Every change bumps the version once: creation, each edit, audit and un-audit. (An
    // order's status also moves with the bills pulled from it.)
    if (doc.role !== 'order') {
      const expected = doc.createdVersion + doc.edits + doc.audits + doc.unaudits;
      if (v.version < expected || v.version > expected + doc.uncertainTotals.length)
        f.mismatched.push(`${what}: version ${v.version}, the acknowledged changes make it ${expected}`);
    }
  });
  const known = new Map(reg.docs.map((x) => [x.tag, x]));
  const resources = new Set(Object.values(SIDES).flatMap((s) => Object.values(s.resources)));
  for (const resource of resources) {
    const counts = new Map<string, number>();
    for (const row of await listAll(clients[0], `/${resource}`)) {
      const tag = row.remark as string | null;
      if (!tag?.startsWith(tagPrefix)) continue;
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
      if (!known.has(tag)) f.ghosts.push(`${resource} ${row.number} (${tag}, ${row.status}): never acknowledged`);
    }
    for (const [tag, n] of counts) if (n > 1) f.duplicated.push(`${resource} ${tag}: ${n} documents`);
  }
}

async function checkMaster(reg: Registry, clients: SoakClient[], tagPrefix: string, f: Findings) {
  await inParallel(reg.master, clients.length, async (m, lane) => {
    const r = await clients[lane].send('GET', `/${m.resource}/${m.id}`);
    if (r.status === 404) return void f.lost.push(`${m.resource} ${m.code}`);
    if (r.status !== 200) return void f.mismatched.push(`${m.resource} ${m.code}: GET answered ${r.status}`);
    // Text is stored as sent, byte for byte (10.1).
    if (r.body.code !== m.code || r.body.name !== m.name)
      f.mismatched.push(`${m.resource} ${m.code}: ${JSON.stringify([r.body.code, r.body.name])} ≠ ${JSON.stringify([m.code, m.name])}`);
  });
  const known = new Set(reg.master.map((m) => `${m.resource}:${m.code}`));
  for (const resource of ['products', 'suppliers', 'customers']) {
    const counts = new Map<string, number>();
    for (const row of await listAll(clients[0], `/${resource}`)) {
      if (!(row.code as string).startsWith(tagPrefix)) continue;
      counts.set(row.code, (counts.get(row.code) ?? 0) + 1);
      if (!known.has(`${resource}:${row.code}`)) f.ghosts.push(`${resource} ${row.code}: never acknowledged`);
    }
    for (const [code, n] of counts) if (n > 1) f.duplicated.push(`${resource} ${code}: ${n} rows`);
  }
}

async function checkBooks(reg: Registry, c: SoakClient, openingCash: Decimal, accountId: string, f: Findings) {
  const b = expectedBooks(reg, openingCash);
  const zero = d(0);
  const stock = new Map<string, Decimal>();
  for (const row of await listAll(c, '/stock')) stock.set(row.productId, (stock.get(row.productId) ?? zero).plus(row.qty));
  for (const p of reg.products()) {
    const got = stock.get(p.id) ?? zero;
    const want = b.stock.get(p.id) ?? zero;
    if (!got.eq(want)) f.books.push(`stock of ${p.code}: ${got.toFixed()} on the server, ${want.toFixed()} by the acknowledged documents`);
  }
  for (const side of ['purchase', 'sales'] as Side[]) {
    for (const p of reg.partners(side)) {
      const r = await c.send('GET', `/${p.resource}/${p.id}/balance`);
      const [owed, ahead] = side === 'purchase' ? [r.body.payable, r.body.prepaid] : [r.body.receivable, r.body.advance];
      const wantOwed = b.owed.get(p.id) ?? zero;
      const wantAhead = b.ahead.get(p.id) ?? zero;
      if (!d(owed).eq(wantOwed)) f.books.push(`${p.resource} ${p.code} owes ${owed}, ${wantOwed.toFixed(2)} by the acknowledged documents`);
      if (!d(ahead).eq(wantAhead)) f.books.push(`${p.resource} ${p.code} paid ahead ${ahead}, ${wantAhead.toFixed(2)} by the acknowledged documents`);
    }
  }
  const cash = (await c.send('GET', '/cash/balances')).body.items.find((x: { id: string }) => x.id === accountId);
  if (!d(cash.balance).eq(b.cash)) f.books.push(`cash ${cash.balance}, ${b.cash.toFixed(2)} by the acknowledged documents`);
}

/** Every definitive answer given to a key comes back for the same request with that key. */
async function checkReplays(reg: Registry, clients: SoakClient[], f: Findings) {
  await inParallel(reg.keyed, clients.length, async (k, lane) => {
    const r = await clients[lane].send(k.method, k.path, k.body, { key: k.key, ifMatch: k.ifMatch, cookie: k.cookie });
    f.replayed++;
    const what = `${k.method} ${k.path} [${k.key}]`;
    if (r.status !== k.status) return void f.replays.push(`${what}: first ${k.status} ${k.code ?? ''}, replay ${r.status} ${r.body?.error?.code ?? ''}`);
    if (!r.replayed) f.replays.push(`${what}: answered again without Idempotency-Replayed`);
    if (k.id !== undefined && r.body?.id !== k.id) f.replays.push(`${what}: first id ${k.id}, replay ${r.body?.id}`);
    if (k.code !== undefined && r.body?.error?.code !== k.code) f.replays.push(`${what}: first ${k.code}, replay ${r.body?.error?.code}`);
  });
}

export async function verify(reg: Registry, clients: SoakClient[], tagPrefix: string, openingCash: Decimal, accountId: string): Promise<Findings> {
  const f = emptyFindings();
  await checkDocuments(reg, clients, tagPrefix, f);
  await checkMaster(reg, clients, tagPrefix, f);
  await checkBooks(reg, clients[0], openingCash, accountId, f);
  await checkReplays(reg, clients, f);
  return f;
}

export type { DocRec };
