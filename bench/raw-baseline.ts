// The raw-SQL ceiling the bench compares the application with: one database function
// per document that writes the same rows as the application's audit of a purchase bill
// (status and sign-off, stock balances and moves with running balances, line costs,
// payable entry and balance, open item, audit log), set-based, locks in sorted order.
// It exists only in the bench's own database; it is not part of the product.
import { sql } from 'drizzle-orm';
import type { Executor } from '../src/db/database.js';

export async function installRawBaseline(db: Executor) {
  await db.execute(
    sql.raw(`
CREATE OR REPLACE FUNCTION bench_raw_audit_bill(p_company uuid, p_doc uuid, p_user uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_partner uuid; v_wh uuid; v_total numeric; v_date date; v_bal numeric; v_number text;
BEGIN
  UPDATE documents SET status = 'audited', audited_by = p_user, audited_at = now(), version = version + 1
   WHERE company_id = p_company AND id = p_doc AND status = 'saved'
   RETURNING partner_id, warehouse_id, total, date, number INTO v_partner, v_wh, v_total, v_date, v_number;
  IF NOT FOUND THEN RAISE EXCEPTION 'document % is not saved', p_doc; END IF;

  INSERT INTO stock_balances (company_id, product_id, warehouse_id)
  SELECT DISTINCT p_company, product_id, v_wh FROM document_lines WHERE company_id = p_company AND document_id = p_doc
  ORDER BY 2 ON CONFLICT DO NOTHING;
  PERFORM 1 FROM stock_balances b
   WHERE b.company_id = p_company AND b.warehouse_id = v_wh
     AND b.product_id IN (SELECT product_id FROM document_lines WHERE company_id = p_company AND document_id = p_doc)
   ORDER BY b.product_id FOR UPDATE;

  WITH l AS (SELECT id, line_no, product_id, base_qty, amount FROM document_lines WHERE company_id = p_company AND document_id = p_doc)
  INSERT INTO stock_moves (company_id, document_id, line_id, product_id, warehouse_id, qty, cost_amount, balance_qty, balance_value)
  SELECT p_company, p_doc, l.id, l.product_id, v_wh, l.base_qty, l.amount,
         b.qty + sum(l.base_qty) OVER w, b.value + sum(l.amount) OVER w
    FROM l JOIN stock_balances b ON b.company_id = p_company AND b.product_id = l.product_id AND b.warehouse_id = v_wh
  WINDOW w AS (PARTITION BY l.product_id ORDER BY l.line_no)
   ORDER BY l.line_no;

  UPDATE stock_balances b
     SET qty = b.qty + s.q, value = b.value + s.v,
         avg_cost = CASE WHEN b.qty + s.q > 0 THEN round((b.value + s.v) / (b.qty + s.q), 6) ELSE b.avg_cost END, updated_at = now()
    FROM (SELECT product_id, sum(base_qty) AS q, sum(amount) AS v FROM document_lines
           WHERE company_id = p_company AND document_id = p_doc GROUP BY product_id) s
   WHERE b.company_id = p_company AND b.warehouse_id = v_wh AND b.product_id = s.product_id;

  UPDATE document_lines SET cost_amount = amount WHERE company_id = p_company AND document_id = p_doc;

  INSERT INTO partner_balances (company_id, partner_id, account) VALUES (p_company, v_partner, 'payable') ON CONFLICT DO NOTHING;
  UPDATE partner_balances SET balance = balance + v_total, updated_at = now()
   WHERE company_id = p_company AND partner_id = v_partner AND account = 'payable' RETURNING balance INTO v_bal;
  INSERT INTO partner_entries (company_id, document_id, partner_id, account, amount, balance_after)
  VALUES (p_company, p_doc, v_partner, 'payable', v_total, v_bal);
  INSERT INTO open_items (company_id, document_id, partner_id, account, amount, due_date)
  VALUES (p_company, p_doc, v_partner, 'payable', v_total, v_date);
  INSERT INTO audit_log (company_id, user_id, action, entity, entity_id, after)
  VALUES (p_company, p_user, 'audit', 'purchase-bills', p_doc::text, jsonb_build_object('number', v_number, 'status', 'audited'));
END $$`),
  );
}

export function rawAudit(db: Executor, companyId: string, documentId: string, userId: string) {
  return db.execute(sql`SELECT bench_raw_audit_bill(${companyId}::uuid, ${documentId}::uuid, ${userId}::uuid)`);
}

/**
 * The same for a delivery note: stock out at the moving average (the last unit takes what
 * value is left), receivable up, open item, status, line costs, audit log; refuses to go
 * below zero like the application.
 */
export async function installRawDelivery(db: Executor) {
  await db.execute(
    sql.raw(`
CREATE OR REPLACE FUNCTION bench_raw_audit_delivery(p_company uuid, p_doc uuid, p_user uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_partner uuid; v_wh uuid; v_total numeric; v_date date; v_bal numeric; v_number text;
BEGIN
  UPDATE documents SET status = 'audited', audited_by = p_user, audited_at = now(), version = version + 1
   WHERE company_id = p_company AND id = p_doc AND status = 'saved'
   RETURNING partner_id, warehouse_id, total, date, number INTO v_partner, v_wh, v_total, v_date, v_number;
  IF NOT FOUND THEN RAISE EXCEPTION 'document % is not saved', p_doc; END IF;
  PERFORM 1 FROM stock_balances b
   WHERE b.company_id = p_company AND b.warehouse_id = v_wh
     AND b.product_id IN (SELECT product_id FROM document_lines WHERE company_id = p_company AND document_id = p_doc)
   ORDER BY b.product_id FOR UPDATE;
  -- The balance rows are locked: every statement below reads the same values until the
  -- last one updates them.
  IF EXISTS (SELECT 1 FROM document_lines l JOIN stock_balances b ON b.company_id = p_company AND b.product_id = l.product_id AND b.warehouse_id = v_wh
             WHERE l.company_id = p_company AND l.document_id = p_doc AND b.qty < l.base_qty) THEN
    RAISE EXCEPTION 'stock insufficient' USING ERRCODE = 'P0002';
  END IF;
  INSERT INTO stock_moves (company_id, document_id, line_id, product_id, warehouse_id, qty, cost_amount, balance_qty, balance_value)
  SELECT p_company, p_doc, l.id, l.product_id, v_wh, -l.base_qty, -c.cost, b.qty - l.base_qty, b.value - c.cost
    FROM document_lines l JOIN stock_balances b ON b.company_id = p_company AND b.product_id = l.product_id AND b.warehouse_id = v_wh
    CROSS JOIN LATERAL (SELECT CASE WHEN b.qty = l.base_qty THEN b.value ELSE round(l.base_qty * b.avg_cost, 2) END AS cost) c
   WHERE l.company_id = p_company AND l.document_id = p_doc
   ORDER BY l.line_no;
  UPDATE document_lines l SET cost_amount = CASE WHEN b.qty = l.base_qty THEN b.value ELSE round(l.base_qty * b.avg_cost, 2) END
    FROM stock_balances b WHERE l.company_id = p_company AND l.document_id = p_doc AND b.company_id = p_company AND b.product_id = l.product_id AND b.warehouse_id = v_wh;
  UPDATE stock_balances b SET qty = b.qty - l.base_qty, value = b.value - l.cost_amount, updated_at = now()
    FROM document_lines l WHERE l.company_id = p_company AND l.document_id = p_doc AND b.company_id = p_company AND b.product_id = l.product_id AND b.warehouse_id = v_wh;
  INSERT INTO partner_balances (company_id, partner_id, account, balance) VALUES (p_company, v_partner, 'receivable', v_total)
  ON CONFLICT (company_id, partner_id, account) DO UPDATE SET balance = partner_balances.balance + excluded.balance RETURNING balance INTO v_bal;
  INSERT INTO partner_entries (company_id, document_id, partner_id, account, amount, balance_after) VALUES (p_company, p_doc, v_partner, 'receivable', v_total, v_bal);
  INSERT INTO open_items (company_id, document_id, partner_id, account, amount, due_date) VALUES (p_company, p_doc, v_partner, 'receivable', v_total, v_date);
  INSERT INTO audit_log (company_id, user_id, action, entity, entity_id, after)
  VALUES (p_company, p_user, 'audit', 'sales-deliveries', p_doc::text, jsonb_build_object('number', v_number, 'status', 'audited'));
END $$`),
  );
}

export function rawAuditDelivery(db: Executor, companyId: string, documentId: string, userId: string) {
  return db.execute(sql`SELECT bench_raw_audit_delivery(${companyId}::uuid, ${documentId}::uuid, ${userId}::uuid)`);
}
