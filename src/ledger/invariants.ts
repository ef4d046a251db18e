// What must never happen, proved in SQL over the whole database (or one company):
// - every balance equals the sum of its ledger (stock qty and value, partner, cash);
// - every audited document's entries net to its lines, every unaudited one to zero;
// - open items agree with partner balances and with the settlements that settled them;
// - order and bill lines' received / returned quantities agree with the documents;
// - an advance paid for an order names an order of its partner; what an order was paid
//   ahead stays within its total and covers what finance confirmed on it (S4);
// - no negative stock where the company forbids it.
// Used by `npm run check` and after every database test file.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';

export interface Violation {
  rule: string;
  detail: Record<string, unknown>;
}

interface Check {
  rule: string;
  query: (scope: (alias: string, isExpression?: boolean) => SQL) => SQL;
}

const CHECKS: Check[] = [
  {
    rule: 'stock balance = sum of stock moves',
    query: (c) => sql`
      SELECT b.company_id, b.product_id, b.warehouse_id, b.qty::text, b.value::text, coalesce(m.qty, 0)::text AS ledger_qty, coalesce(m.value, 0)::text AS ledger_value
      FROM stock_balances b
      LEFT JOIN (SELECT company_id, product_id, warehouse_id, sum(qty) AS qty, sum(cost_amount) AS value FROM stock_moves GROUP BY 1, 2, 3) m
        ON m.company_id = b.company_id AND m.product_id = b.product_id AND m.warehouse_id = b.warehouse_id
      WHERE ${c('b')} AND (b.qty <> coalesce(m.qty, 0) OR b.value <> coalesce(m.value, 0))`,
  },
  {
    rule: 'every stock move has a balance row, and the last move’s running balance is the balance',
    query: (c) => sql`
      SELECT m.company_id, m.product_id, m.warehouse_id, m.balance_qty::text, m.balance_value::text, b.qty::text AS balance_qty_now, b.value::text AS balance_value_now
      FROM (SELECT DISTINCT ON (company_id, product_id, warehouse_id) * FROM stock_moves ORDER BY company_id, product_id, warehouse_id, id DESC) m
      LEFT JOIN stock_balances b ON b.company_id = m.company_id AND b.product_id = m.product_id AND b.warehouse_id = m.warehouse_id
      WHERE ${c('m')} AND (b.qty IS NULL OR b.qty <> m.balance_qty OR b.value <> m.balance_value)`,
  },
  {
    rule: 'partner balance = sum of partner entries',
    query: (c) => sql`
      SELECT b.company_id, b.partner_id, b.account, b.balance::text, coalesce(e.total, 0)::text AS ledger
      FROM partner_balances b
      LEFT JOIN (SELECT company_id, partner_id, account, sum(amount) AS total FROM partner_entries GROUP BY 1, 2, 3) e
        ON e.company_id = b.company_id AND e.partner_id = b.partner_id AND e.account = b.account
      WHERE ${c('b')} AND b.balance <> coalesce(e.total, 0)`,
  },
  {
    rule: 'the last partner entry’s running balance is the balance, and each running balance follows the one before',
    query: (c) => sql`
      SELECT e.company_id, e.partner_id, e.account, e.id::text, e.balance_after::text, e.expected::text
      FROM (SELECT x.*, sum(x.amount) OVER (PARTITION BY x.company_id, x.partner_id, x.account ORDER BY x.id) AS expected FROM partner_entries x) e
      WHERE ${c('e')} AND e.balance_after <> e.expected`,
  },
  {
    rule: 'every partner entry has a balance row',
    query: (c) => sql`
      SELECT DISTINCT e.company_id, e.partner_id, e.account FROM partner_entries e
      WHERE ${c('e')} AND NOT EXISTS (SELECT 1 FROM partner_balances b WHERE b.company_id = e.company_id AND b.partner_id = e.partner_id AND b.account = e.account)`,
  },
  {
    rule: 'cash balance = opening balance + sum of cash entries',
    query: (c) => sql`
      SELECT b.company_id, b.account_id, b.balance::text, (a.opening_balance + coalesce(e.total, 0))::text AS expected
      FROM cash_balances b
      JOIN accounts a ON a.company_id = b.company_id AND a.id = b.account_id
      LEFT JOIN (SELECT company_id, account_id, sum(amount) AS total FROM cash_entries GROUP BY 1, 2) e ON e.company_id = b.company_id AND e.account_id = b.account_id
      WHERE ${c('b')} AND b.balance <> a.opening_balance + coalesce(e.total, 0)`,
  },
  {
    rule: 'each cash entry’s running balance = opening balance + the entries up to it',
    query: (c) => sql`
      SELECT e.company_id, e.account_id, e.id::text, e.balance_after::text, (a.opening_balance + e.running)::text AS expected
      FROM (SELECT x.*, sum(x.amount) OVER (PARTITION BY x.company_id, x.account_id ORDER BY x.id) AS running FROM cash_entries x) e
      JOIN accounts a ON a.company_id = e.company_id AND a.id = e.account_id
      WHERE ${c('e')} AND e.balance_after <> a.opening_balance + e.running`,
  },
  {
    rule: 'every cash entry has a balance row',
    query: (c) => sql`
      SELECT DISTINCT e.company_id, e.account_id FROM cash_entries e
      WHERE ${c('e')} AND NOT EXISTS (SELECT 1 FROM cash_balances b WHERE b.company_id = e.company_id AND b.account_id = e.account_id)`,
  },
  {
    rule: 'an unaudited document’s entries net to zero',
    query: (c) => sql`
      SELECT d.company_id, d.number, d.status, s.qty::text, s.value::text, p.amount::text AS partner, k.amount::text AS cash
      FROM documents d
      LEFT JOIN (SELECT company_id, document_id, sum(qty) AS qty, sum(cost_amount) AS value FROM stock_moves GROUP BY 1, 2) s ON s.company_id = d.company_id AND s.document_id = d.id
      LEFT JOIN (SELECT company_id, document_id, account, sum(amount) AS amount FROM partner_entries GROUP BY 1, 2, 3) p ON p.company_id = d.company_id AND p.document_id = d.id
      LEFT JOIN (SELECT company_id, document_id, account_id, sum(amount) AS amount FROM cash_entries GROUP BY 1, 2, 3) k ON k.company_id = d.company_id AND k.document_id = d.id
      WHERE ${c('d')} AND d.status IN ('saved', 'deleted')
        AND (coalesce(s.qty, 0) <> 0 OR coalesce(s.value, 0) <> 0 OR coalesce(p.amount, 0) <> 0 OR coalesce(k.amount, 0) <> 0)`,
  },
  {
    rule: 'an audited goods document moved exactly its lines’ quantities',
    query: (c) => sql`
      SELECT d.company_id, d.number, d.kind, l.line_no, l.base_qty::text, coalesce(m.qty, 0)::text AS moved
      FROM documents d
      JOIN document_lines l ON l.company_id = d.company_id AND l.document_id = d.id
      LEFT JOIN (SELECT company_id, line_id, sum(qty) AS qty FROM stock_moves GROUP BY 1, 2) m ON m.company_id = l.company_id AND m.line_id = l.id
      WHERE ${c('d')} AND d.status = 'audited' AND d.kind IN ('purchase_bill', 'purchase_return', 'sales_delivery', 'sales_return')
        AND coalesce(m.qty, 0) <> CASE WHEN d.kind IN ('purchase_bill', 'sales_return') THEN l.base_qty ELSE -l.base_qty END`,
  },
  {
    rule: 'an audited document’s partner and cash entries net to its totals',
    query: (c) => sql`
      WITH p AS (SELECT company_id, document_id,
                   coalesce(sum(amount) FILTER (WHERE account IN ('payable', 'receivable')), 0) AS payable,
                   coalesce(sum(amount) FILTER (WHERE account IN ('prepaid', 'advance')), 0) AS prepaid
                 FROM partner_entries GROUP BY 1, 2),
           k AS (SELECT company_id, document_id, sum(amount) AS cash FROM cash_entries GROUP BY 1, 2)
      SELECT d.company_id, d.number, d.kind, d.total::text, coalesce(p.payable, 0)::text AS payable, coalesce(p.prepaid, 0)::text AS prepaid, coalesce(k.cash, 0)::text AS cash
      FROM documents d
      LEFT JOIN p ON p.company_id = d.company_id AND p.document_id = d.id
      LEFT JOIN k ON k.company_id = d.company_id AND k.document_id = d.id
      WHERE ${c('d')} AND d.status = 'audited' AND NOT (
        CASE d.kind
          WHEN 'purchase_bill' THEN coalesce(p.payable, 0) = d.total AND coalesce(p.prepaid, 0) = 0 AND coalesce(k.cash, 0) = 0
          WHEN 'purchase_return' THEN coalesce(p.payable, 0) = -d.total AND coalesce(p.prepaid, 0) = 0 AND coalesce(k.cash, 0) = 0
          WHEN 'purchase_settlement' THEN coalesce(p.payable, 0) = -d.total AND coalesce(k.cash, 0) = -d.payment_total
                                          AND coalesce(p.prepaid, 0) = d.payment_total - d.total
          WHEN 'prepayment' THEN coalesce(p.prepaid, 0) = d.total AND coalesce(k.cash, 0) = -d.total AND coalesce(p.payable, 0) = 0
          WHEN 'sales_delivery' THEN coalesce(p.payable, 0) = d.total AND coalesce(p.prepaid, 0) = 0 AND coalesce(k.cash, 0) = 0
          WHEN 'sales_return' THEN coalesce(p.payable, 0) = -d.total AND coalesce(p.prepaid, 0) = 0 AND coalesce(k.cash, 0) = 0
          WHEN 'receipt' THEN coalesce(p.payable, 0) = -d.total AND coalesce(k.cash, 0) = d.payment_total
                              AND coalesce(p.prepaid, 0) = d.payment_total - d.total
          WHEN 'advance_receipt' THEN coalesce(p.prepaid, 0) = d.total AND coalesce(k.cash, 0) = d.total AND coalesce(p.payable, 0) = 0
          ELSE coalesce(p.payable, 0) = 0 AND coalesce(p.prepaid, 0) = 0 AND coalesce(k.cash, 0) = 0
        END)`,
  },
  {
    rule: 'open items exist exactly for audited bills and returns, for their totals',
    query: (c) => sql`
      SELECT d.company_id, d.number, d.kind, d.status, d.total::text, o.amount::text AS item
      FROM documents d
      LEFT JOIN open_items o ON o.company_id = d.company_id AND o.document_id = d.id
      WHERE ${c('d')} AND d.kind IN ('purchase_bill', 'purchase_return', 'sales_delivery', 'sales_return')
        AND ((d.status = 'audited' AND (o.amount IS NULL OR o.amount <> CASE WHEN d.kind IN ('purchase_bill', 'sales_delivery') THEN d.total ELSE -d.total END))
          OR (d.status <> 'audited' AND o.amount IS NOT NULL))`,
  },
  {
    rule: 'open items (amount − settled) per partner = payable / receivable balance',
    query: (c) => sql`
      SELECT coalesce(o.company_id, b.company_id) AS company_id, coalesce(o.partner_id, b.partner_id) AS partner_id, coalesce(o.account, b.account) AS account,
             coalesce(o.open, 0)::text AS open_items, coalesce(b.balance, 0)::text AS balance
      FROM (SELECT company_id, partner_id, account, sum(amount - settled) AS open FROM open_items GROUP BY 1, 2, 3) o
      FULL JOIN (SELECT company_id, partner_id, account, balance FROM partner_balances WHERE account IN ('payable', 'receivable')) b
        ON b.company_id = o.company_id AND b.partner_id = o.partner_id AND b.account = o.account
      WHERE ${c('coalesce(o.company_id, b.company_id)', true)} AND coalesce(o.open, 0) <> coalesce(b.balance, 0)`,
  },
  {
    rule: 'an item’s settled amount = what audited settlements allocated to it',
    query: (c) => sql`
      SELECT o.company_id, o.document_id, o.settled::text, coalesce(s.total, 0)::text AS allocated
      FROM open_items o
      LEFT JOIN (SELECT l.company_id, l.ref_document_id, sum(l.amount) AS total FROM document_lines l
                 JOIN documents d ON d.company_id = l.company_id AND d.id = l.document_id
                 WHERE d.kind IN ('purchase_settlement', 'receipt') AND d.status = 'audited' GROUP BY 1, 2) s
        ON s.company_id = o.company_id AND s.ref_document_id = o.document_id
      WHERE ${c('o')} AND o.settled <> coalesce(s.total, 0)`,
  },
  {
    rule: 'order lines: received/delivered = audited bills’/deliveries’ quantities; bill/delivery lines: returned = audited returns’',
    query: (c) => sql`
      SELECT l.company_id, d.number, l.line_no, l.received_qty::text, l.returned_qty::text, coalesce(r.qty, 0)::text AS received, coalesce(t.qty, 0)::text AS returned
      FROM document_lines l
      JOIN documents d ON d.company_id = l.company_id AND d.id = l.document_id
      LEFT JOIN (SELECT bl.company_id, bl.order_line_id, sum(bl.base_qty) AS qty FROM document_lines bl JOIN documents bd ON bd.company_id = bl.company_id AND bd.id = bl.document_id
                 WHERE bd.kind IN ('purchase_bill', 'sales_delivery') AND bd.status = 'audited' AND bl.order_line_id IS NOT NULL GROUP BY 1, 2) r
        ON r.company_id = l.company_id AND r.order_line_id = l.id
      LEFT JOIN (SELECT x.company_id, x.target, sum(x.qty) AS qty FROM (
                   SELECT rl.company_id, rl.bill_line_id AS target, rl.base_qty AS qty FROM document_lines rl JOIN documents rd ON rd.company_id = rl.company_id AND rd.id = rl.document_id
                   WHERE rd.kind IN ('purchase_return', 'sales_return') AND rd.status = 'audited' AND rl.bill_line_id IS NOT NULL
                   UNION ALL
                   SELECT rl.company_id, bl.order_line_id, rl.base_qty FROM document_lines rl JOIN documents rd ON rd.company_id = rl.company_id AND rd.id = rl.document_id
                   JOIN document_lines bl ON bl.company_id = rl.company_id AND bl.id = rl.bill_line_id
                   WHERE rd.kind IN ('purchase_return', 'sales_return') AND rd.status = 'audited' AND bl.order_line_id IS NOT NULL) x GROUP BY 1, 2) t
        ON t.company_id = l.company_id AND t.target = l.id
      WHERE ${c('l')} AND d.kind IN ('purchase_order', 'purchase_bill', 'sales_order', 'sales_delivery')
        AND (l.received_qty <> CASE WHEN d.kind IN ('purchase_order', 'sales_order') THEN coalesce(r.qty, 0) ELSE 0 END OR l.returned_qty <> coalesce(t.qty, 0))`,
  },
  {
    rule: 'an advance receipt or prepayment paid for an order names an order of its own partner',
    query: (c) => sql`
      SELECT a.company_id, a.number, a.kind, a.status, o.number AS order_number, o.kind AS order_kind, o.status AS order_status
      FROM documents a
      LEFT JOIN documents o ON o.company_id = a.company_id AND o.id = a.source_id
      WHERE ${c('a')} AND a.kind IN ('advance_receipt', 'prepayment') AND a.source_id IS NOT NULL AND a.status <> 'deleted'
        AND (o.id IS NULL OR o.status = 'deleted' OR o.partner_id IS DISTINCT FROM a.partner_id
          OR o.kind <> CASE a.kind WHEN 'advance_receipt' THEN 'sales_order' ELSE 'purchase_order' END)`,
  },
  {
    rule: 'what an order was paid ahead (its audited advance receipts / prepayments) is between 0 and its total',
    query: (c) => sql`
      SELECT o.company_id, o.number, o.total::text, p.paid::text
      FROM documents o
      JOIN (SELECT company_id, source_id, sum(total) AS paid FROM documents
            WHERE kind IN ('advance_receipt', 'prepayment') AND status = 'audited' AND source_id IS NOT NULL GROUP BY 1, 2) p
        ON p.company_id = o.company_id AND p.source_id = o.id
      WHERE ${c('o')} AND (p.paid < 0 OR p.paid > o.total)`,
  },
  {
    rule: 'money finance confirmed on a sales order (订金, 全款 less what the driver collects) = at most its audited advance receipts',
    query: (c) => sql`
      SELECT o.company_id, o.number, x.step, x.amount::text, coalesce(p.paid, 0)::text AS paid
      FROM documents o
      CROSS JOIN LATERAL (VALUES
        ('depositConfirmed', o.extra->'production'->'depositConfirmed'),
        ('paymentConfirmed', o.extra->'production'->'paymentConfirmed')) AS s(step, c)
      CROSS JOIN LATERAL (SELECT s.step, (s.c->>'amount')::numeric - coalesce((s.c->>'onDelivery')::numeric, 0) AS amount) x
      LEFT JOIN (SELECT company_id, source_id, sum(total) AS paid FROM documents
                 WHERE kind = 'advance_receipt' AND status = 'audited' AND source_id IS NOT NULL GROUP BY 1, 2) p
        ON p.company_id = o.company_id AND p.source_id = o.id
      WHERE ${c('o')} AND o.kind = 'sales_order' AND s.c ? 'received' AND x.amount > coalesce(p.paid, 0)`,
  },
  {
    rule: 'no negative stock where the company forbids it',
    query: (c) => sql`
      SELECT b.company_id, b.product_id, b.warehouse_id, b.qty::text
      FROM stock_balances b JOIN companies co ON co.id = b.company_id
      WHERE ${c('b')} AND b.qty < 0 AND coalesce((co.settings->>'allowNegativeStock')::boolean, false) = false`,
  },
];

/** Runs every check; an empty list means the books are consistent. */
export async function checkInvariants(db: Executor, companyId?: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const check of CHECKS) {
    const scope = (alias: string, isExpression = false) => {
      if (!companyId) return sql`true`;
      return isExpression ? sql`${sql.raw(alias)} = ${companyId}` : sql`${sql.raw(alias)}.company_id = ${companyId}`;
    };
    const res = (await db.execute(check.query(scope))) as unknown as { rows: Record<string, unknown>[] };
    for (const row of res.rows.slice(0, 20)) violations.push({ rule: check.rule, detail: row });
  }
  return violations;
}
