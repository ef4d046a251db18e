// The posting engine: the only code that writes ledgers and balances. Inside the
// caller's transaction it locks the balance rows it touches — stock by (product,
// warehouse), then partners by (partner, account), then cash by account, each sorted, so
// two postings never deadlock — checks the rules, appends ledger rows and updates the
// balances, all in a handful of set-based statements however many lines a document has.
import { sql } from 'drizzle-orm';
import { Decimal, type DecimalKind, fits } from '../core/decimal.js';
import { errors } from '../core/errors.js';
import { largest } from '../core/limits.js';
import { defineStatement, type Executor } from '../db/database.js';
import { atCommit } from '../db/transaction.js';
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

/** The open item (往来单据) an audited bill or return leaves to settle. */
export interface OpenItemLine {
  partnerId: string;
  account: PartnerAccount;
  amount: Decimal;
  /** The document date; the due date adds the partner's terms when `dueDaysFrom` says whose. */
  date: string;
  dueDaysFrom?: 'supplier' | 'customer';
}

export interface Posting {
  stock: StockLine[];
  partner: PartnerLine[];
  cash: CashLine[];
  openItems?: OpenItemLine[];
}

export interface PostOptions {
  allowNegativeStock: boolean;
  /**
   * Stock rows the caller already locked in this transaction (a goods document locks them
   * with its status flip): costed from these instead of locking again.
   */
  lockedStock?: { productId: string; warehouseId: string; qty: string; value: string; avgCost: string }[];
}

export interface PostResult {
  /**
   * The balances of every account of each partner posted to, after posting (the posted
   * ones are locked until commit): a credit check needs no second read.
   */
  partnerBalances: Map<string, Map<string, Decimal>>;
}

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(p: Promise<unknown>) => ((await p) as Rows<T>).rows;
const stockKey = (p: string, w: string) => `${p}|${w}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface LockedStock extends StockState {
  productId: string;
  warehouseId: string;
}

// One statement creates missing balance rows and locks all of them, in key order (a
// unique-index wait is a lock too), returning what is on hand.
const stockLockStatement = defineStatement<{ companyId: string; products: string[]; warehouses: string[] }>(
  'erp_stock_lock',
  (arg) => sql`
    INSERT INTO stock_balances (company_id, product_id, warehouse_id)
    SELECT ${arg('companyId')}::uuid, p, w FROM unnest(${arg('products')}::uuid[], ${arg('warehouses')}::uuid[]) AS k(p, w)
    ORDER BY p, w
    ON CONFLICT (company_id, product_id, warehouse_id) DO UPDATE SET updated_at = stock_balances.updated_at
    RETURNING product_id, warehouse_id, qty::text, value::text, avg_cost::text`,
);

async function lockStock(tx: Executor, companyId: string, keys: { productId: string; warehouseId: string }[]) {
  const uniq = [...new Map(keys.map((k) => [stockKey(k.productId, k.warehouseId), k])).values()].sort(
    (a, b) => byText(a.productId, b.productId) || byText(a.warehouseId, b.warehouseId),
  );
  const products = uniq.map((k) => k.productId);
  const warehouses = uniq.map((k) => k.warehouseId);
  const { rows } = await stockLockStatement<{ product_id: string; warehouse_id: string; qty: string; value: string; avg_cost: string }>(tx, {
    companyId,
    products,
    warehouses,
  });
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

interface MoneyEntry {
  amount: Decimal;
  reversesId: string | null;
}

/** Everything one posting (or its reversal) writes, computed before the one statement that writes it. */
interface Writes {
  moves: MoveRow[];
  finals: LockedStock[];
  /** Un-audit: the document's lines no longer carry a posted cost. */
  clearCosts: boolean;
  partner: (MoneyEntry & { partnerId: string; account: string })[];
  cash: (MoneyEntry & { accountId: string })[];
  openItems: OpenItemLine[];
}

/** One array per column the posting statement unnests (decimals as exact text). */
type Column = (string | null)[];

interface PostArgs extends Record<string, unknown> {
  companyId: string;
  documentId: string;
  stockProduct: Column;
  stockWarehouse: Column;
  stockQty: Column;
  stockValue: Column;
  stockAvgCost: Column;
  clearCosts: boolean;
  costLine: Column;
  costAmount: Column;
  moveLine: Column;
  moveProduct: Column;
  moveWarehouse: Column;
  moveQty: Column;
  moveCost: Column;
  moveBalanceQty: Column;
  moveBalanceValue: Column;
  moveReverses: Column;
  partnerId: Column;
  partnerAccount: Column;
  partnerAmount: Column;
  partnerReverses: Column;
  cashAccount: Column;
  cashAmount: Column;
  cashReverses: Column;
  itemPartner: Column;
  itemAccount: Column;
  itemAmount: Column;
  itemDate: Column;
  itemDueFrom: Column;
  balancePartners: Column;
}

const postStatement = defineStatement<PostArgs>(
  'erp_post',
  (arg) => sql`
  WITH balances AS (
    UPDATE stock_balances b SET qty = v.q, value = v.val, avg_cost = v.a, updated_at = now()
    FROM unnest(${arg('stockProduct')}::uuid[], ${arg('stockWarehouse')}::uuid[],
                ${arg('stockQty')}::numeric[], ${arg('stockValue')}::numeric[],
                ${arg('stockAvgCost')}::numeric[]) AS v(p, w, q, val, a)
    WHERE b.company_id = ${arg('companyId')} AND b.product_id = v.p AND b.warehouse_id = v.w
    RETURNING 1
  ), line_costs AS (
    UPDATE document_lines l SET cost_amount = CASE WHEN ${arg('clearCosts')} THEN NULL ELSE abs(v.c) END
    FROM unnest(${arg('costLine')}::uuid[], ${arg('costAmount')}::numeric[]) AS v(id, c)
    WHERE l.company_id = ${arg('companyId')} AND l.id = v.id
    RETURNING 1
  ), moves AS (
    INSERT INTO stock_moves (company_id, document_id, line_id, product_id, warehouse_id, qty, cost_amount, balance_qty, balance_value, reverses_id)
    SELECT ${arg('companyId')}::uuid, ${arg('documentId')}::uuid, l, p, w, q, c, bq, bv, r
    FROM unnest(${arg('moveLine')}::uuid[], ${arg('moveProduct')}::uuid[], ${arg('moveWarehouse')}::uuid[],
                ${arg('moveQty')}::numeric[], ${arg('moveCost')}::numeric[],
                ${arg('moveBalanceQty')}::numeric[], ${arg('moveBalanceValue')}::numeric[],
                ${arg('moveReverses')}::bigint[])
         WITH ORDINALITY AS v(l, p, w, q, c, bq, bv, r, n)
    ORDER BY n
    RETURNING 1
  ), pv AS (
    SELECT * FROM unnest(${arg('partnerId')}::uuid[], ${arg('partnerAccount')}::text[],
                         ${arg('partnerAmount')}::numeric[], ${arg('partnerReverses')}::bigint[])
      WITH ORDINALITY AS v(p, a, amt, r, n)
  ), pb AS (
    INSERT INTO partner_balances (company_id, partner_id, account, balance)
    SELECT ${arg('companyId')}::uuid, p, a, sum(amt) FROM pv GROUP BY p, a ORDER BY p, a
    ON CONFLICT (company_id, partner_id, account) DO UPDATE SET balance = partner_balances.balance + excluded.balance, updated_at = now()
    RETURNING partner_id, account, balance
  ), pe AS (
    INSERT INTO partner_entries (company_id, document_id, partner_id, account, amount, balance_after, reverses_id)
    SELECT ${arg('companyId')}::uuid, ${arg('documentId')}::uuid, pv.p, pv.a, pv.amt,
           pb.balance - coalesce(sum(pv.amt) OVER (PARTITION BY pv.p, pv.a ORDER BY pv.n ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0), pv.r
    FROM pv JOIN pb ON pb.partner_id = pv.p AND pb.account = pv.a
    ORDER BY pv.n
    RETURNING 1
  ), cv AS (
    SELECT * FROM unnest(${arg('cashAccount')}::uuid[], ${arg('cashAmount')}::numeric[],
                         ${arg('cashReverses')}::bigint[]) WITH ORDINALITY AS v(a, amt, r, n)
  ), cb AS (
    -- A cash balance starts at the account's opening balance.
    INSERT INTO cash_balances (company_id, account_id, balance)
    SELECT ${arg('companyId')}::uuid, t.a, acc.opening_balance + t.delta
    FROM (SELECT a, sum(amt) AS delta FROM cv GROUP BY a) t
    JOIN accounts acc ON acc.company_id = ${arg('companyId')} AND acc.id = t.a
    -- Reading pb first makes the partner rows locked before any cash row, whatever order
    -- PostgreSQL runs the statement's other parts in.
    CROSS JOIN (SELECT count(*) FROM pb) AS partners_first
    ORDER BY t.a
    ON CONFLICT (company_id, account_id) DO UPDATE
      SET balance = cash_balances.balance + excluded.balance
                    - (SELECT x.opening_balance FROM accounts x WHERE x.company_id = excluded.company_id AND x.id = excluded.account_id),
          updated_at = now()
    RETURNING account_id, balance
  ), ce AS (
    INSERT INTO cash_entries (company_id, document_id, account_id, amount, balance_after, reverses_id)
    SELECT ${arg('companyId')}::uuid, ${arg('documentId')}::uuid, cv.a, cv.amt,
           cb.balance - coalesce(sum(cv.amt) OVER (PARTITION BY cv.a ORDER BY cv.n ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0), cv.r
    FROM cv JOIN cb ON cb.account_id = cv.a
    ORDER BY cv.n
    RETURNING 1
  ), items AS (
    INSERT INTO open_items (company_id, document_id, partner_id, account, amount, due_date)
    SELECT ${arg('companyId')}::uuid, ${arg('documentId')}::uuid, v.p, v.a, v.amt,
           v.d + CASE v.t
                   WHEN 'supplier' THEN coalesce((SELECT s.payment_days FROM suppliers s WHERE s.company_id = ${arg('companyId')} AND s.id = v.p), 0)
                   WHEN 'customer' THEN coalesce((SELECT c.credit_days FROM customers c WHERE c.company_id = ${arg('companyId')} AND c.id = v.p), 0)
                   ELSE 0 END
    FROM unnest(${arg('itemPartner')}::uuid[], ${arg('itemAccount')}::text[],
                ${arg('itemAmount')}::numeric[], ${arg('itemDate')}::date[],
                ${arg('itemDueFrom')}::text[]) AS v(p, a, amt, d, t)
    RETURNING 1
  )
  -- The partner rows are locked while this answers; the cash rows after, with the
  -- statement's other unreferenced writes.
  SELECT partner_id::text AS partner_id, account::text AS account, balance::text AS balance FROM pb
  UNION ALL
  SELECT b.partner_id::text, b.account::text, b.balance::text FROM partner_balances b
  WHERE b.company_id = ${arg('companyId')} AND b.partner_id = ANY(${arg('balancePartners')}::uuid[])
    AND NOT EXISTS (SELECT 1 FROM pv WHERE pv.p = b.partner_id AND pv.a = b.account)`,
);

/**
 * What the posting statement writes, as its arguments (built before anything is sent, so
 * a mistake here can never leave half a transaction to commit). The statement writes a
 * posting in one go: stock moves and balances and each line's cost,
 * partner and cash entries with their balances, and the open item. The stock rows are
 * already locked (lockStock); partner then cash balance rows are created or locked here
 * in key order, last, so a busy partner's row is held only until commit. Every posting
 * runs this same statement, so all lock in the same order. balance_after of an entry is
 * the new balance minus the later entries of its key.
 */
function postArgs(companyId: string, documentId: string, w: Writes): PostArgs {
  const costs = new Map<string, Decimal>();
  for (const m of w.moves) if (m.lineId) costs.set(m.lineId, (costs.get(m.lineId) ?? new Decimal(0)).plus(m.cost));
  const lineIds = [...costs.keys()];
  const f = w.finals;
  const partners = [...new Set(w.partner.map((e) => e.partnerId))];
  return {
    companyId,
    documentId,
    stockProduct: f.map((x) => x.productId),
    stockWarehouse: f.map((x) => x.warehouseId),
    stockQty: f.map((x) => x.qty.toFixed()),
    stockValue: f.map((x) => x.value.toFixed(2)),
    stockAvgCost: f.map((x) => x.avgCost.toFixed(6)),
    clearCosts: w.clearCosts,
    costLine: lineIds,
    costAmount: lineIds.map((id) => (costs.get(id) as Decimal).toFixed(2)),
    moveLine: w.moves.map((m) => m.lineId),
    moveProduct: w.moves.map((m) => m.productId),
    moveWarehouse: w.moves.map((m) => m.warehouseId),
    moveQty: w.moves.map((m) => m.qty.toFixed()),
    moveCost: w.moves.map((m) => m.cost.toFixed(2)),
    moveBalanceQty: w.moves.map((m) => m.after.qty.toFixed()),
    moveBalanceValue: w.moves.map((m) => m.after.value.toFixed(2)),
    moveReverses: w.moves.map((m) => m.reversesId),
    partnerId: w.partner.map((e) => e.partnerId),
    partnerAccount: w.partner.map((e) => e.account),
    partnerAmount: w.partner.map((e) => e.amount.toFixed(2)),
    partnerReverses: w.partner.map((e) => e.reversesId),
    cashAccount: w.cash.map((e) => e.accountId),
    cashAmount: w.cash.map((e) => e.amount.toFixed(2)),
    cashReverses: w.cash.map((e) => e.reversesId),
    itemPartner: w.openItems.map((o) => o.partnerId),
    itemAccount: w.openItems.map((o) => o.account),
    itemAmount: w.openItems.map((o) => o.amount.toFixed(2)),
    itemDate: w.openItems.map((o) => o.date),
    itemDueFrom: w.openItems.map((o) => o.dueDaysFrom ?? ''),
    balancePartners: partners,
  };
}

type PostedBalance = { partner_id: string; account: string; balance: string };

async function apply(tx: Executor, companyId: string, documentId: string, w: Writes): Promise<PostResult['partnerBalances']> {
  const res = await postStatement<PostedBalance>(tx, postArgs(companyId, documentId, w));
  const balances: PostResult['partnerBalances'] = new Map();
  for (const r of res.rows) {
    const of = balances.get(r.partner_id) ?? new Map<string, Decimal>();
    of.set(r.account, new Decimal(r.balance));
    balances.set(r.partner_id, of);
  }
  return balances;
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

/** The first figure of a costed move its column cannot hold: the stock row's quantity, value or average, or the move's cost. */
function stockOverflow(res: { cost: Decimal; after: StockState }) {
  const figures: [Decimal, DecimalKind, string, string][] = [
    [res.after.qty, 'qty', '库存数量', 'stock quantity'],
    [res.after.value, 'money', '库存金额', 'stock value'],
    [res.after.avgCost, 'unitCost', '平均成本', 'average cost'],
    [res.cost, 'money', '成本金额', 'cost'],
  ];
  return figures.find(([v, kind]) => !fits(v, kind));
}

/**
 * A posting whose figures each fit can still carry a stock row past what its columns
 * hold (two bills of the largest amount into one warehouse): refused naming the product,
 * the warehouse and the limit, before anything is written.
 */
async function refuseStockOverflow(tx: Executor, companyId: string, productId: string, warehouseId: string, over: [Decimal, DecimalKind, string, string]) {
  const [value, kind, zh, en] = over;
  const [info] = await rowsOf<{ code: string; wh: string }>(
    tx.execute(sql`
      SELECT p.code, w.name AS wh FROM products p, warehouses w
      WHERE p.company_id = ${companyId} AND p.id = ${productId} AND w.company_id = ${companyId} AND w.id = ${warehouseId}`),
  );
  const shown = value.toDecimalPlaces(6).toFixed();
  return errors.unprocessable(
    'AMOUNT_TOO_LARGE',
    `${info?.code ?? productId} 在 ${info?.wh ?? warehouseId} 的${zh}将为 ${shown}，超出可记录的范围（最大 ${largest(kind)}）`,
    `The ${en} of ${info?.code ?? productId} in ${info?.wh ?? warehouseId} would be ${shown}, too large to record (at most ${largest(kind)})`,
    { field: 'stock', productId, warehouseId, productCode: info?.code, limit: largest(kind) },
  );
}

/** Locks the stock rows (unless the caller has) and costs each line (moving average), refusing forbidden negative stock. */
async function planStock(tx: Executor, companyId: string, lines: StockLine[], opts: PostOptions) {
  if (lines.length === 0) return { moves: [], finals: [] };
  const locked = new Map<string, LockedStock>(
    (opts.lockedStock ?? []).map((r) => [
      stockKey(r.productId, r.warehouseId),
      { productId: r.productId, warehouseId: r.warehouseId, qty: new Decimal(r.qty), value: new Decimal(r.value), avgCost: new Decimal(r.avgCost) },
    ]),
  );
  const missing = lines.filter((l) => !locked.has(stockKey(l.productId, l.warehouseId)));
  if (missing.length) for (const [key, row] of await lockStock(tx, companyId, missing)) locked.set(key, row);
  const moves: MoveRow[] = [];
  for (const line of lines) {
    const key = stockKey(line.productId, line.warehouseId);
    const state = locked.get(key) as LockedStock;
    const res = line.qty.gte(0) ? receive(state, line.qty, line.cost ?? new Decimal(0)) : issue(state, line.qty.negated(), line.cost);
    if (line.qty.lt(0) && res.after.qty.lt(0) && !opts.allowNegativeStock) {
      throw await describeShortage(tx, companyId, line.productId, line.warehouseId, state.qty, line.qty.negated());
    }
    const over = stockOverflow(res);
    if (over) throw await refuseStockOverflow(tx, companyId, line.productId, line.warehouseId, over);
    locked.set(key, { ...state, ...res.after });
    moves.push({
      lineId: line.lineId,
      productId: line.productId,
      warehouseId: line.warehouseId,
      qty: line.qty,
      cost: res.cost,
      after: res.after,
      reversesId: null,
    });
  }
  return { moves, finals: [...locked.values()] };
}

/**
 * Locks a partner's balance rows (in the order every posting locks them: by account) and
 * answers them: a rule that spends a balance — a settlement using the prepaid balance —
 * must read it under the lock, or two such documents racing both spend it.
 */
export async function lockPartnerBalances(tx: Executor, companyId: string, partnerId: string): Promise<Map<string, Decimal>> {
  const rows = await rowsOf<{ account: string; balance: string }>(
    tx.execute(sql`
      SELECT account::text AS account, balance::text AS balance FROM partner_balances
      WHERE company_id = ${companyId} AND partner_id = ${partnerId}
      ORDER BY account FOR UPDATE`),
  );
  return new Map(rows.map((r) => [r.account, new Decimal(r.balance)]));
}

async function planPosting(tx: Executor, companyId: string, posting: Posting, opts: PostOptions): Promise<Writes> {
  const { moves, finals } = await planStock(tx, companyId, posting.stock, opts);
  return {
    moves,
    finals,
    clearCosts: false,
    partner: posting.partner.filter((p) => !p.amount.isZero()).map((p) => ({ partnerId: p.partnerId, account: p.account, amount: p.amount, reversesId: null })),
    cash: posting.cash.filter((c) => !c.amount.isZero()).map((c) => ({ accountId: c.accountId, amount: c.amount, reversesId: null })),
    openItems: posting.openItems ?? [],
  };
}

/** Posts a document's entries and answers the partners' balances after. Call inside the transaction that flips its status. */
export async function post(tx: Executor, companyId: string, documentId: string, posting: Posting, opts: PostOptions): Promise<PostResult> {
  return { partnerBalances: await apply(tx, companyId, documentId, await planPosting(tx, companyId, posting, opts)) };
}

/**
 * Posts a document's entries as the last thing its transaction does: the writes leave
 * with the COMMIT (atCommit). Refusals (stock, the rules) come before, from planning.
 */
export async function postLast(tx: Executor, companyId: string, documentId: string, posting: Posting, opts: PostOptions): Promise<void> {
  const args = postArgs(companyId, documentId, await planPosting(tx, companyId, posting, opts));
  await atCommit(tx, () => postStatement(tx, args));
}

/**
 * The reversal (反审核) of every entry of the document that is not yet reversed: new rows
 * with the opposite amounts, never an UPDATE or DELETE. Planning locks the stock rows and
 * refuses when stock would go below zero and the company forbids it; applying writes it
 * all in one statement. Between the two the caller takes back what the document did to
 * its source documents, so an un-audit locks in the audit's order: stock, source lines,
 * partner, cash. (The open item is the caller's: closeOpenItem refuses while anything
 * settled it.)
 */
export interface Reversal {
  writes: Writes;
}

export async function planReversal(tx: Executor, companyId: string, documentId: string, opts: PostOptions): Promise<Reversal> {
  const entries = await rowsOf<{
    ledger: 'stock' | 'partner' | 'cash';
    id: string;
    line_id: string | null;
    key1: string;
    key2: string | null;
    qty: string | null;
    amount: string;
  }>(
    tx.execute(sql`
      SELECT 'stock' AS ledger, m.id::text AS id, m.line_id, m.product_id AS key1, m.warehouse_id::text AS key2, m.qty::text AS qty, m.cost_amount::text AS amount FROM stock_moves m
      WHERE m.company_id = ${companyId} AND m.document_id = ${documentId} AND m.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM stock_moves r WHERE r.company_id = m.company_id AND r.document_id = m.document_id AND r.reverses_id = m.id)
      UNION ALL
      SELECT 'partner', e.id::text, NULL, e.partner_id, e.account::text, NULL, e.amount::text FROM partner_entries e
      WHERE e.company_id = ${companyId} AND e.document_id = ${documentId} AND e.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM partner_entries r WHERE r.company_id = e.company_id AND r.document_id = e.document_id AND r.reverses_id = e.id)
      UNION ALL
      SELECT 'cash', e.id::text, NULL, e.account_id, NULL::text, NULL, e.amount::text FROM cash_entries e
      WHERE e.company_id = ${companyId} AND e.document_id = ${documentId} AND e.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM cash_entries r WHERE r.company_id = e.company_id AND r.document_id = e.document_id AND r.reverses_id = e.id)`),
  );
  // Ids are bigints as text: order them as numbers, newest move reversed first.
  const byId = (a: { id: string }, b: { id: string }) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);
  const moves = entries.filter((e) => e.ledger === 'stock').sort(byId);
  const rows: MoveRow[] = [];
  let finals: LockedStock[] = [];
  if (moves.length) {
    const locked = await lockStock(
      tx,
      companyId,
      moves.map((m) => ({ productId: m.key1, warehouseId: m.key2 as string })),
    );
    for (const m of moves.reverse()) {
      const key = stockKey(m.key1, m.key2 as string);
      const state = locked.get(key) as LockedStock;
      const qty = new Decimal(m.qty as string);
      const res = reverse(state, qty, new Decimal(m.amount));
      if (qty.gt(0) && res.after.qty.lt(0) && !opts.allowNegativeStock) {
        const err = await describeShortage(tx, companyId, m.key1, m.key2 as string, state.qty, qty);
        throw errors.conflict(
          'UNAUDIT_STOCK_NEGATIVE',
          `反审核会使库存为负，已拒绝。${err.messageZh}`,
          `Un-audit refused: stock would go negative. ${err.messageEn}`,
          err.details,
        );
      }
      const over = stockOverflow(res);
      if (over) throw await refuseStockOverflow(tx, companyId, m.key1, m.key2 as string, over);
      locked.set(key, { ...state, ...res.after });
      rows.push({
        lineId: m.line_id,
        productId: m.key1,
        warehouseId: m.key2 as string,
        qty: qty.negated(),
        cost: res.cost,
        after: res.after,
        reversesId: m.id,
      });
    }
    finals = [...locked.values()];
  }
  return {
    writes: {
      moves: rows,
      finals,
      clearCosts: true,
      partner: entries
        .filter((e) => e.ledger === 'partner')
        .sort(byId)
        .map((e) => ({ partnerId: e.key1, account: e.key2 as string, amount: new Decimal(e.amount).negated(), reversesId: e.id })),
      cash: entries
        .filter((e) => e.ledger === 'cash')
        .sort(byId)
        .map((e) => ({ accountId: e.key1, amount: new Decimal(e.amount).negated(), reversesId: e.id })),
      openItems: [],
    },
  };
}

/** Writes a planned reversal as the last thing its transaction does: with the COMMIT (atCommit). */
export async function applyReversal(tx: Executor, companyId: string, documentId: string, reversal: Reversal): Promise<void> {
  const args = postArgs(companyId, documentId, reversal.writes);
  await atCommit(tx, () => postStatement(tx, args));
}

/** Plans and applies the reversal at once: for documents that changed no source document. */
export async function unpost(tx: Executor, companyId: string, documentId: string, opts: PostOptions): Promise<void> {
  await applyReversal(tx, companyId, documentId, await planReversal(tx, companyId, documentId, opts));
}
