-- TRUNCATE bypasses row triggers: refuse it on append-only tables too.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION erp_refuse_change();
--> statement-breakpoint
CREATE TRIGGER stock_moves_no_truncate BEFORE TRUNCATE ON stock_moves FOR EACH STATEMENT EXECUTE FUNCTION erp_refuse_change();
--> statement-breakpoint
CREATE TRIGGER partner_entries_no_truncate BEFORE TRUNCATE ON partner_entries FOR EACH STATEMENT EXECUTE FUNCTION erp_refuse_change();
--> statement-breakpoint
CREATE TRIGGER cash_entries_no_truncate BEFORE TRUNCATE ON cash_entries FOR EACH STATEMENT EXECUTE FUNCTION erp_refuse_change();
