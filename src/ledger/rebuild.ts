// Balances rebuilt from the ledgers alone: the proof that balances are only a cache of
// the append-only history. `npm run rebuild` compares (and with --write restores) them.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';

export interface BalanceDifference {
  table: 'stock_balances' | 'partner_balances' | 'cash_balances';
  key: Record<string, string>;
  live: Record<string, string | null>;
  rebuilt: Record<string, string | null>;
}

type Rows<T> = { rows: T[] };
const rows = async <T>(db: Executor, q: SQL) => ((await db.execute(q)) as unknown as Rows<T>).rows;

// Stock: qty and value are sums of moves; the average is value / qty where qty > 0, and
// otherwise the live average is kept (it is the last known unit cost, not derivable).
const rebuiltStock = sql`
  SELECT company_id, product_id, warehouse_id, sum(qty) AS qty, sum(cost_amount) AS value
  FROM stock_moves GROUP BY 1, 2, 3`;
const rebuiltPartner = sql`SELECT company_id, partner_id, account, sum(amount) AS balance FROM partner_entries GROUP BY 1, 2, 3`;
const rebuiltCash = sql`
  SELECT a.company_id, a.id AS account_id, a.opening_balance + coalesce(sum(e.amount), 0) AS balance
  FROM accounts a LEFT JOIN cash_entries e ON e.company_id = a.company_id AND e.account_id = a.id
  GROUP BY a.company_id, a.id, a.opening_balance`;

export async function compareBalances(db: Executor): Promise<BalanceDifference[]> {
  const out: BalanceDifference[] = [];
  for (const r of await rows<Record<string, string | null>>(
    db,
    sql`SELECT coalesce(b.company_id, m.company_id)::text AS company_id, coalesce(b.product_id, m.product_id)::text AS product_id,
               coalesce(b.warehouse_id, m.warehouse_id)::text AS warehouse_id,
               b.qty::text AS live_qty, b.value::text AS live_value, b.avg_cost::text AS live_avg,
               coalesce(m.qty, 0)::text AS qty, coalesce(m.value, 0)::text AS value,
               CASE WHEN coalesce(m.qty, 0) > 0 THEN round(m.value / m.qty, 6)::text ELSE b.avg_cost::text END AS avg
        FROM stock_balances b FULL JOIN (${rebuiltStock}) m
          ON m.company_id = b.company_id AND m.product_id = b.product_id AND m.warehouse_id = b.warehouse_id
        WHERE b.qty IS DISTINCT FROM coalesce(m.qty, 0) OR b.value IS DISTINCT FROM coalesce(m.value, 0)
           OR (coalesce(m.qty, 0) > 0 AND b.avg_cost IS DISTINCT FROM round(m.value / m.qty, 6))`,
  )) {
    out.push({
      table: 'stock_balances',
      key: { companyId: r.company_id as string, productId: r.product_id as string, warehouseId: r.warehouse_id as string },
      live: { qty: r.live_qty, value: r.live_value, avgCost: r.live_avg },
      rebuilt: { qty: r.qty, value: r.value, avgCost: r.avg },
    });
  }
  for (const r of await rows<Record<string, string | null>>(
    db,
    sql`SELECT coalesce(b.company_id, e.company_id)::text AS company_id, coalesce(b.partner_id, e.partner_id)::text AS partner_id,
               coalesce(b.account, e.account) AS account, b.balance::text AS live, coalesce(e.balance, 0)::text AS rebuilt
        FROM partner_balances b FULL JOIN (${rebuiltPartner}) e
          ON e.company_id = b.company_id AND e.partner_id = b.partner_id AND e.account = b.account
        WHERE b.balance IS DISTINCT FROM coalesce(e.balance, 0)`,
  )) {
    out.push({
      table: 'partner_balances',
      key: { companyId: r.company_id as string, partnerId: r.partner_id as string, account: r.account as string },
      live: { balance: r.live },
      rebuilt: { balance: r.rebuilt },
    });
  }
  for (const r of await rows<Record<string, string | null>>(
    db,
    sql`SELECT e.company_id::text AS company_id, e.account_id::text AS account_id, b.balance::text AS live, e.balance::text AS rebuilt
        FROM (${rebuiltCash}) e LEFT JOIN cash_balances b ON b.company_id = e.company_id AND b.account_id = e.account_id
        WHERE (b.balance IS NULL AND EXISTS (SELECT 1 FROM cash_entries x WHERE x.company_id = e.company_id AND x.account_id = e.account_id))
           OR b.balance <> e.balance`,
  )) {
    out.push({
      table: 'cash_balances',
      key: { companyId: r.company_id as string, accountId: r.account_id as string },
      live: { balance: r.live },
      rebuilt: { balance: r.rebuilt },
    });
  }
  return out;
}

/** Overwrites every balance with what its ledger says, in one transaction. */
export async function restoreBalances(db: Executor): Promise<number> {
  const before = await compareBalances(db);
  if (before.length === 0) return 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE stock_balances, partner_balances, cash_balances IN EXCLUSIVE MODE`);
    await tx.execute(sql`
      INSERT INTO stock_balances (company_id, product_id, warehouse_id, qty, value, avg_cost)
      SELECT company_id, product_id, warehouse_id, qty, value, CASE WHEN qty > 0 THEN round(value / qty, 6) ELSE 0 END FROM (${rebuiltStock}) m
      ON CONFLICT (company_id, product_id, warehouse_id) DO UPDATE
        SET qty = excluded.qty, value = excluded.value,
            avg_cost = CASE WHEN excluded.qty > 0 THEN excluded.avg_cost ELSE stock_balances.avg_cost END, updated_at = now()`);
    await tx.execute(sql`
      UPDATE stock_balances b SET qty = 0, value = 0, updated_at = now()
      WHERE NOT EXISTS (SELECT 1 FROM stock_moves m WHERE m.company_id = b.company_id AND m.product_id = b.product_id AND m.warehouse_id = b.warehouse_id)
        AND (b.qty <> 0 OR b.value <> 0)`);
    await tx.execute(sql`
      INSERT INTO partner_balances (company_id, partner_id, account, balance) SELECT company_id, partner_id, account, balance FROM (${rebuiltPartner}) e
      ON CONFLICT (company_id, partner_id, account) DO UPDATE SET balance = excluded.balance, updated_at = now()`);
    await tx.execute(sql`
      UPDATE partner_balances b SET balance = 0, updated_at = now()
      WHERE NOT EXISTS (SELECT 1 FROM partner_entries e WHERE e.company_id = b.company_id AND e.partner_id = b.partner_id AND e.account = b.account) AND b.balance <> 0`);
    await tx.execute(sql`
      UPDATE cash_balances b SET balance = e.balance, updated_at = now() FROM (${rebuiltCash}) e
      WHERE e.company_id = b.company_id AND e.account_id = b.account_id AND b.balance <> e.balance`);
  });
  return before.length;
}
