-- 10.6 Foreign keys for what requests name, each (company_id, column) → (company_id, id),
-- so another company's row is as absent as a missing one (the application checks first:
-- src/core/references.ts).
--
-- This runs on existing databases. Before 10.6 the application never checked two things:
-- the order a delivery names (documents.source_id of a sales_delivery, from its orderId)
-- and the order and product a complaint names. An id there that names no row of its
-- company, or a row of the wrong kind, claims a link that never existed: it is cleared
-- (NULL: "not made from an order" / "no order or product named" — the delivery's lines
-- keep their own order lines, the complaint its text), and each clearing is written to the
-- audit log. Every other column was always checked by the application, so its constraint
-- is added validated: a violation there would be damage a person must look at, and the
-- migration stops naming the constraint rather than hide it. (All pending migrations run
-- in one transaction, so NOT VALID followed by VALIDATE would take the same locks for
-- nothing.)
INSERT INTO "audit_log" ("company_id", "action", "entity", "entity_id", "before", "after")
SELECT d."company_id", 'migrate', 'sales-deliveries', d."id"::text, jsonb_build_object('orderId', d."source_id"), jsonb_build_object('orderId', NULL)
FROM "documents" d
WHERE d."kind" = 'sales_delivery' AND d."source_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "documents" o WHERE o."company_id" = d."company_id" AND o."id" = d."source_id" AND o."kind" = 'sales_order');--> statement-breakpoint
UPDATE "documents" d SET "source_id" = NULL
WHERE d."kind" = 'sales_delivery' AND d."source_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "documents" o WHERE o."company_id" = d."company_id" AND o."id" = d."source_id" AND o."kind" = 'sales_order');--> statement-breakpoint
INSERT INTO "audit_log" ("company_id", "action", "entity", "entity_id", "before", "after")
SELECT c."company_id", 'migrate', 'complaints', c."id"::text,
  jsonb_build_object('orderId', c."order_id", 'productId', c."product_id"),
  jsonb_build_object('orderId', CASE WHEN NOT bad_order THEN c."order_id" END, 'productId', CASE WHEN NOT bad_product THEN c."product_id" END)
FROM (
  SELECT c.*,
    (c."order_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents" o WHERE o."company_id" = c."company_id" AND o."id" = c."order_id" AND o."kind" = 'sales_order')) AS bad_order,
    (c."product_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "products" p WHERE p."company_id" = c."company_id" AND p."id" = c."product_id")) AS bad_product
  FROM "complaints" c
) c
WHERE bad_order OR bad_product;--> statement-breakpoint
UPDATE "complaints" c SET "order_id" = NULL
WHERE c."order_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "documents" o WHERE o."company_id" = c."company_id" AND o."id" = c."order_id" AND o."kind" = 'sales_order');--> statement-breakpoint
UPDATE "complaints" c SET "product_id" = NULL
WHERE c."product_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "products" p WHERE p."company_id" = c."company_id" AND p."id" = c."product_id");--> statement-breakpoint
ALTER TABLE "cash_balances" ADD CONSTRAINT "cash_balances_account_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_entries" ADD CONSTRAINT "cash_entries_document_id_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_entries" ADD CONSTRAINT "cash_entries_account_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_fk" FOREIGN KEY ("company_id","customer_id") REFERENCES "public"."customers"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_order_id_fk" FOREIGN KEY ("company_id","order_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_product_id_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_replacement_order_id_fk" FOREIGN KEY ("company_id","replacement_order_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_document_id_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_product_id_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_unit_id_fk" FOREIGN KEY ("company_id","unit_id") REFERENCES "public"."product_units"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_ref_document_id_fk" FOREIGN KEY ("company_id","ref_document_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_warehouse_id_fk" FOREIGN KEY ("company_id","warehouse_id") REFERENCES "public"."warehouses"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_account_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_employee_id_fk" FOREIGN KEY ("company_id","employee_id") REFERENCES "public"."employees"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_source_id_fk" FOREIGN KEY ("company_id","source_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_employee_id_fk" FOREIGN KEY ("company_id","employee_id") REFERENCES "public"."employees"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_items" ADD CONSTRAINT "open_items_document_id_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_entries" ADD CONSTRAINT "partner_entries_document_id_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_product_id_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_warehouse_id_fk" FOREIGN KEY ("company_id","warehouse_id") REFERENCES "public"."warehouses"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_document_id_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_product_id_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_warehouse_id_fk" FOREIGN KEY ("company_id","warehouse_id") REFERENCES "public"."warehouses"("company_id","id") ON DELETE no action ON UPDATE no action;