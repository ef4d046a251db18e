-- Append-only tables refuse UPDATE and DELETE in the database itself, so no code path
-- (ours, a script, a console) can rewrite history. Corrections are new rows.
CREATE OR REPLACE FUNCTION erp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001', HINT = 'APPEND_ONLY';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION erp_refuse_change();
--> statement-breakpoint
ALTER TABLE suppliers ADD CONSTRAINT suppliers_status_ck CHECK (status IN ('candidate','qualified','probation','eliminated'));
--> statement-breakpoint
ALTER TABLE customers ADD CONSTRAINT customers_grade_ck CHECK (grade IN ('A','B','C','D'));
--> statement-breakpoint
ALTER TABLE customers ADD CONSTRAINT customers_price_level_ck CHECK (price_level IN ('retail','wholesale','price1','price2','price3'));
--> statement-breakpoint
ALTER TABLE customers ADD CONSTRAINT customers_payment_term_ck CHECK (payment_term IN ('cash','credit'));
--> statement-breakpoint
ALTER TABLE customers ADD CONSTRAINT customers_credit_limit_ck CHECK (credit_limit >= 0);
--> statement-breakpoint
ALTER TABLE accounts ADD CONSTRAINT accounts_type_ck CHECK (type IN ('cash','bank'));
--> statement-breakpoint
ALTER TABLE product_units ADD CONSTRAINT product_units_ratio_ck CHECK (ratio > 0);
