// The posting engine: the only code that writes ledgers and balances. Inside the
// caller's transaction it locks the balance rows it touches — stock by (product,
// warehouse), then partners by (partner, account), then cash by account, each sorted, so
// two postings never deadlock — checks the rules, appends ledger rows and updates the
// balances, all in a handful of set-based statements however many lines a document has.
import { sql } from 'drizzle-orm';
import { Decimal } from '../core/decimal.js';
import { errors } from '../core/errors.js';
import { type Executor, executePrepared } from '../db/database.js';
import { issue, receive, reverse, type StockState } from './costing.js';

export type PartnerAccount = 'payable' | 'prepaid' | 'receivable' | 'advance';

export interface StockLine {
  lineId: string | null;
  productId: string;
  warehouseId: string;
  /** Base-unit quantity, signed: positive in, negative out. */
  qty: Decimal;
  /** In: the total cost received. Out: a fixed cost (original-bill return); else average. */
  cost?: Decimal;
}

export interface PartnerLine {
  partnerId: string;
  account: PartnerAccount;
  amount: Decimal;
}

export interface CashLine {
  accountId: string;
  amount: Decimal;
}

export interface Posting {
  stock: StockLine[];
  partner: PartnerLine[];
  cash: CashLine[];
}

export interface PostOptions {
  allowNegativeStock: boolean;
}

export interface PostResult {
  /** Signed cost per document line (sum over its moves). */
  lineCosts: Map<string, Decimal>;
}

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(p: Promise<unknown>) => ((await p) as Rows<T>).rows;
const arr = (values: unknown[]) => sql.param(values);
const stockKey = (p: string, w: string) => `${p}|${w}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface LockedStock extends StockState {
  productId: string;
  warehouseId: string;
}

async function lockStock(tx: Executor, companyId: string, keys: { productId: string; warehouseId: string }[]) {
  const uniq = [...new Map(keys.map((k) => [stockKey(k.productId, k.warehouseId), k])).values()].sort(
    (a, b) => byText(a.productId, b.productId) || byText(a.warehouseId, b.warehouseId),
  );
  const products = uniq.map((k) => k.productId);
  const warehouses = uniq.map((k) => k.warehouseId);
  // One statement creates missing balance rows and locks all of them, in key order (a
  // unique-index wait is a lock too), returning what is on hand.
  const rows = await rowsOf<{ product_id: string; warehouse_id: string; qty: string; value: string; avg_cost: string }>(
    executePrepared(tx, 'erp_stock_lock', sql`
      INSERT INTO stock_balances (company_id, product_id, warehouse_id)
      SELECT ${companyId}::uuid, p, w FROM unnest(${arr(products)}::uuid[], ${arr(warehouses)}::uuid[]) AS k(p, w)
      ORDER BY p, w
      ON CONFLICT (company_id, product_id, warehouse_id) DO UPDATE SET updated_at = stock_balances.updated_at
      RETURNING product_id, warehouse_id, qty::text, value::text, avg_cost::text`),
  );
  return new Map<string, LockedStock>(
    rows.map((r) => [
      stockKey(r.product_id, r.warehouse_id),
      {
        productId: r.product_id,
        warehouseId: r.warehouse_id,
        qty: new Decimal(r.qty),
        value: new Decimal(r.value),
        avgCost: new Decimal(r.avg_cost),
      },
    ]),
  );
}

interface MoveRow {
  lineId: string | null;
  productId: string;
  warehouseId: string;
  qty: Decimal;
  cost: Decimal;
  after: StockState;
  reversesId: string | null;
}

/**
 * Appends the moves, sets the balances and records each line's cost, in one statement.
 * `clearCosts`: un-audit, the document's lines no longer carry a posted cost.
 */
async function writeStock(tx: Executor, companyId: string, documentId: string, moves: MoveRow[], finals: Map<string, LockedStock>, clearCosts = false) {
  if (moves.length === 0) return;
  const f = [...finals.values()];
  const costs = new Map<string, Decimal>();
  for (const m of moves) if (m.lineId) costs.set(m.lineId, (costs.get(m.lineId) ?? new Decimal(0)).plus(m.cost));
  const lineIds = [...costs.keys()];
  await executePrepared(tx, 'erp_stock_write', sql`
    WITH balances AS (
      UPDATE stock_balances b SET qty = v.q, value = v.val, avg_cost = v.a, updated_at = now()
      FROM unnest(${arr(f.map((x) => x.productId))}::uuid[], ${arr(f.map((x) => x.warehouseId))}::uuid[],
                  ${arr(f.map((x) => x.qty.toFixed()))}::numeric[], ${arr(f.map((x) => x.value.toFixed(2)))}::numeric[],
                  ${arr(f.map((x) => x.avgCost.toFixed(6)))}::numeric[]) AS v(p, w, q, val, a)
      WHERE b.company_id = ${companyId} AND b.product_id = v.p AND b.warehouse_id = v.w
      RETURNING 1
    ), line_costs AS (
      UPDATE document_lines l SET cost_amount = CASE WHEN ${clearCosts} THEN NULL ELSE abs(v.c) END
      FROM unnest(${arr(lineIds)}::uuid[], ${arr(lineIds.map((id) => (costs.get(id) as Decimal).toFixed(2)))}::numeric[]) AS v(id, c)
      WHERE l.company_id = ${companyId} AND l.id = v.id
      RETURNING 1
    )
    INSERT INTO stock_moves (company_id, document_id, line_id, product_id, warehouse_id, qty, cost_amount, balance_qty, balance_value, reverses_id)
    SELECT ${companyId}::uuid, ${documentId}::uuid, l, p, w, q, c, bq, bv, r
    FROM unnest(${arr(moves.map((m) => m.lineId))}::uuid[], ${arr(moves.map((m) => m.productId))}::uuid[], ${arr(moves.map((m) => m.warehouseId))}::uuid[],
                ${arr(moves.map((m) => m.qty.toFixed()))}::numeric[], ${arr(moves.map((m) => m.cost.toFixed(2)))}::numeric[],
                ${arr(moves.map((m) => m.after.qty.toFixed()))}::numeric[], ${arr(moves.map((m) => m.after.value.toFixed(2)))}::numeric[],
                ${arr(moves.map((m) => m.reversesId))}::bigint[])
         WITH ORDINALITY AS v(l, p, w, q, c, bq, bv, r, n)
    ORDER BY n`);
}

async function describeShortage(tx: Executor, companyId: string, productId: string, warehouseId: string, available: Decimal, wanted: Decimal) {
  const [info] = await rowsOf<{ code: string; name: string; wh: string }>(
    tx.execute(sql`
      SELECT p.code, p.name, w.name AS wh FROM products p, warehouses w
      WHERE p.company_id = ${companyId} AND p.id = ${productId} AND w.company_id = ${companyId} AND w.id = ${warehouseId}`),
  );
  return errors.conflict(
    'STOCK_INSUFFICIENT',
    `库存不足：${info?.code ?? ''} ${info?.name ?? ''} 在 ${info?.wh ?? ''} 现有 ${available.toFixed()}，需要 ${wanted.toFixed()}`,
    `Not enough stock: ${info?.code ?? productId} in ${info?.wh ?? warehouseId} has ${available.toFixed()}, needs ${wanted.toFixed()}`,
    { productId, warehouseId, productCode: info?.code, available: available.toFixed(), required: wanted.toFixed() },
  );
}

async function postStock(tx: Executor, companyId: string, documentId: string, lines: StockLine[], opts: PostOptions, lineCosts: Map<string, Decimal>) {
  if (lines.length === 0) return;
  const locked = await lockStock(tx, companyId, lines);
  const moves: MoveRow[] = [];
  for (const line of lines) {
    const key = stockKey(line.productId, line.warehouseId);
    const state = locked.get(key) as LockedStock;
    const res = line.qty.gte(0) ? receive(state, line.qty, line.cost ?? new Decimal(0)) : issue(state, line.qty.negated(), line.cost);
    if (line.qty.lt(0) && res.after.qty.lt(0) && !opts.allowNegativeStock) {
      throw await describeShortage(tx, companyId, line.productId, line.warehouseId, state.qty, line.qty.negated());
    }
    locked.set(key, { ...state, ...res.after });
    moves.push({ lineId: line.lineId, productId: line.productId, warehouseId: line.warehouseId, qty: line.qty, cost: res.cost, after: res.after, reversesId: null });
    if (line.lineId) lineCosts.set(line.lineId, (lineCosts.get(line.lineId) ?? new Decimal(0)).plus(res.cost));
  }
  await writeStock(tx, companyId, documentId, moves, locked);
}

interface SimpleEntry {
  key: string;
  amount: Decimal;
  reversesId: string | null;
}

/**
 * Partner or cash entries in one statement: the balance rows are created or locked in
 * key order and moved by each key's total (ON CONFLICT … DO UPDATE), and each entry is
 * appended with the running balance after it. Posting money last, in one round trip,
 * keeps a busy partner's balance row locked for as short a time as possible.
 */
async function postMoney(
  tx: Executor,
  companyId: string,
  documentId: string,
  kind: 'partner' | 'cash',
  entries: (SimpleEntry & { partnerId?: string; account?: string; accountId?: string })[],
) {
  if (entries.length === 0) return;
  const amounts = arr(entries.map((e) => e.amount.toFixed(2)));
  const reverses = arr(entries.map((e) => e.reversesId));
  // balance_after of an entry = the new balance minus the later entries of its key.
  if (kind === 'partner') {
    await executePrepared(tx, 'erp_partner_post', sql`
      WITH v AS (
        SELECT * FROM unnest(${arr(entries.map((e) => e.partnerId))}::uuid[], ${arr(entries.map((e) => e.account))}::text[], ${amounts}::numeric[], ${reverses}::bigint[])
          WITH ORDINALITY AS v(p, a, amt, r, n)
      ), b AS (
        INSERT INTO partner_balances (company_id, partner_id, account, balance)
        SELECT ${companyId}::uuid, p, a, sum(amt) FROM v GROUP BY p, a ORDER BY p, a
        ON CONFLICT (company_id, partner_id, account) DO UPDATE SET balance = partner_balances.balance + excluded.balance, updated_at = now()
        RETURNING partner_id, account, balance
      )
      INSERT INTO partner_entries (company_id, document_id, partner_id, account, amount, balance_after, reverses_id)
      SELECT ${companyId}::uuid, ${documentId}::uuid, v.p, v.a, v.amt,
             b.balance - coalesce(sum(v.amt) OVER (PARTITION BY v.p, v.a ORDER BY v.n ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0), v.r
      FROM v JOIN b ON b.partner_id = v.p AND b.account = v.a
      ORDER BY v.n`);
  } else {
    // A cash balance starts at the account's opening balance.
    await executePrepared(tx, 'erp_cash_post', sql`
      WITH v AS (
        SELECT * FROM unnest(${arr(entries.map((e) => e.accountId))}::uuid[], ${amounts}::numeric[], ${reverses}::bigint[]) WITH ORDINALITY AS v(a, amt, r, n)
      ), b AS (
        INSERT INTO cash_balances (company_id, account_id, balance)
        SELECT ${companyId}::uuid, t.a, acc.opening_balance + t.delta
        FROM (SELECT a, sum(amt) AS delta FROM v GROUP BY a) t
        JOIN accounts acc ON acc.company_id = ${companyId} AND acc.id = t.a
        ORDER BY t.a
        ON CONFLICT (company_id, account_id) DO UPDATE
          SET balance = cash_balances.balance + excluded.balance
                        - (SELECT x.opening_balance FROM accounts x WHERE x.company_id = excluded.company_id AND x.id = excluded.account_id),
              updated_at = now()
        RETURNING account_id, balance
      )
      INSERT INTO cash_entries (company_id, document_id, account_id, amount, balance_after, reverses_id)
      SELECT ${companyId}::uuid, ${documentId}::uuid, v.a, v.amt,
             b.balance - coalesce(sum(v.amt) OVER (PARTITION BY v.a ORDER BY v.n ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0), v.r
      FROM v JOIN b ON b.account_id = v.a
      ORDER BY v.n`);
  }
}

/** Posts a document's entries. Call inside the transaction that flips its status. */
export async function post(tx: Executor, companyId: string, documentId: string, posting: Posting, opts: PostOptions): Promise<PostResult> {
  const lineCosts = new Map<string, Decimal>();
  await postStock(tx, companyId, documentId, posting.stock, opts, lineCosts);
  const partner = posting.partner.filter((p) => !p.amount.isZero());
  await postMoney(
    tx,
    companyId,
    documentId,
    'partner',
    partner.map((p) => ({ key: `${p.partnerId}|${p.account}`, partnerId: p.partnerId, account: p.account, amount: p.amount, reversesId: null })),
  );
  const cash = posting.cash.filter((c) => !c.amount.isZero());
  await postMoney(tx, companyId, documentId, 'cash', cash.map((c) => ({ key: c.accountId, accountId: c.accountId, amount: c.amount, reversesId: null })));
  return { lineCosts };
}

/**
 * Reverses every entry of the document that is not yet reversed (反审核): new rows with
 * the opposite amounts, never an UPDATE or DELETE. Refused when it would push stock
 * below zero and the company forbids negative stock.
 */
export async function unpost(tx: Executor, companyId: string, documentId: string, opts: PostOptions): Promise<void> {
  const moves = await rowsOf<{ id: string; line_id: string | null; product_id: string; warehouse_id: string; qty: string; cost_amount: string }>(
    tx.execute(sql`
      SELECT m.id::text AS id, m.line_id, m.product_id, m.warehouse_id, m.qty, m.cost_amount FROM stock_moves m
      WHERE m.company_id = ${companyId} AND m.document_id = ${documentId} AND m.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM stock_moves r WHERE r.company_id = m.company_id AND r.document_id = m.document_id AND r.reverses_id = m.id)
      ORDER BY m.id`),
  );
  if (moves.length) {
    const locked = await lockStock(tx, companyId, moves.map((m) => ({ productId: m.product_id, warehouseId: m.warehouse_id })));
    const rows: MoveRow[] = [];
    for (const m of moves.reverse()) {
      const key = stockKey(m.product_id, m.warehouse_id);
      const state = locked.get(key) as LockedStock;
      const qty = new Decimal(m.qty);
      const res = reverse(state, qty, new Decimal(m.cost_amount));
      if (qty.gt(0) && res.after.qty.lt(0) && !opts.allowNegativeStock) {
        const err = await describeShortage(tx, companyId, m.product_id, m.warehouse_id, state.qty, qty);
        throw errors.conflict(
          'UNAUDIT_STOCK_NEGATIVE',
          `反审核会使库存为负，已拒绝。${err.messageZh}`,
          `Un-audit refused: stock would go negative. ${err.messageEn}`,
          err.details,
        );
      }
      locked.set(key, { ...state, ...res.after });
      rows.push({ lineId: m.line_id, productId: m.product_id, warehouseId: m.warehouse_id, qty: qty.negated(), cost: res.cost, after: res.after, reversesId: m.id });
    }
    await writeStock(tx, companyId, documentId, rows, locked, true);
  }
  const partner = await rowsOf<{ id: string; partner_id: string; account: string; amount: string }>(
    tx.execute(sql`
      SELECT e.id::text AS id, e.partner_id, e.account, e.amount FROM partner_entries e
      WHERE e.company_id = ${companyId} AND e.document_id = ${documentId} AND e.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM partner_entries r WHERE r.company_id = e.company_id AND r.document_id = e.document_id AND r.reverses_id = e.id)
      ORDER BY e.id`),
  );
  await postMoney(
    tx,
    companyId,
    documentId,
    'partner',
    partner.map((e) => ({ key: `${e.partner_id}|${e.account}`, partnerId: e.partner_id, account: e.account, amount: new Decimal(e.amount).negated(), reversesId: e.id })),
  );
  const cash = await rowsOf<{ id: string; account_id: string; amount: string }>(
    tx.execute(sql`
      SELECT e.id::text AS id, e.account_id, e.amount FROM cash_entries e
      WHERE e.company_id = ${companyId} AND e.document_id = ${documentId} AND e.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM cash_entries r WHERE r.company_id = e.company_id AND r.document_id = e.document_id AND r.reverses_id = e.id)
      ORDER BY e.id`),
  );
  await postMoney(tx, companyId, documentId, 'cash', cash.map((e) => ({ key: e.account_id, accountId: e.account_id, amount: new Decimal(e.amount).negated(), reversesId: e.id })));
}
