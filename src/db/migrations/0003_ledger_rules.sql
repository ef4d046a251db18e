-- Ledgers are append-only in the database itself: a correction is a reversal row.
CREATE TRIGGER stock_moves_append_only BEFORE UPDATE OR DELETE ON stock_moves
  FOR EACH ROW EXECUTE FUNCTION erp_refuse_change();
--> statement-breakpoint
CREATE TRIGGER partner_entries_append_only BEFORE UPDATE OR DELETE ON partner_entries
  FOR EACH ROW EXECUTE FUNCTION erp_refuse_change();
--> statement-breakpoint
CREATE TRIGGER cash_entries_append_only BEFORE UPDATE OR DELETE ON cash_entries
  FOR EACH ROW EXECUTE FUNCTION erp_refuse_change();
--> statement-breakpoint
ALTER TABLE documents ADD CONSTRAINT documents_status_ck CHECK (status IN ('saved','audited','partial','completed','closed','deleted'));
--> statement-breakpoint
ALTER TABLE partner_entries ADD CONSTRAINT partner_entries_account_ck CHECK (account IN ('payable','prepaid','receivable','advance'));
--> statement-breakpoint
ALTER TABLE partner_balances ADD CONSTRAINT partner_balances_account_ck CHECK (account IN ('payable','prepaid','receivable','advance'));
--> statement-breakpoint
ALTER TABLE open_items ADD CONSTRAINT open_items_settled_ck CHECK (abs(settled) <= abs(amount) AND (settled = 0 OR sign(settled) = sign(amount)));
--> statement-breakpoint
ALTER TABLE document_lines ADD CONSTRAINT document_lines_qty_ck CHECK (received_qty >= 0 AND returned_qty >= 0);
