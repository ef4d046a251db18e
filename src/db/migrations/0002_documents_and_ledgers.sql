CREATE TABLE "cash_balances" (
	"company_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"balance" numeric(18, 2) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_balances_company_id_account_id_pk" PRIMARY KEY("company_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "cash_entries" (
	"company_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "cash_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"balance_after" numeric(18, 2) NOT NULL,
	"reverses_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_entries_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "document_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid,
	"unit_id" uuid,
	"unit_name" varchar(20),
	"unit_ratio" numeric(18, 4) DEFAULT '1' NOT NULL,
	"qty" numeric(18, 4) DEFAULT '0' NOT NULL,
	"base_qty" numeric(18, 4) DEFAULT '0' NOT NULL,
	"price" numeric(18, 4) DEFAULT '0' NOT NULL,
	"tax_rate" numeric(6, 4) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tax_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"cost_amount" numeric(18, 2),
	"promised_date" date,
	"order_line_id" uuid,
	"bill_line_id" uuid,
	"ref_document_id" uuid,
	"received_qty" numeric(18, 4) DEFAULT '0' NOT NULL,
	"returned_qty" numeric(18, 4) DEFAULT '0' NOT NULL,
	"remark" varchar(200),
	CONSTRAINT "document_lines_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" varchar(32) NOT NULL,
	"number" varchar(32) NOT NULL,
	"date" date NOT NULL,
	"status" varchar(16) DEFAULT 'saved' NOT NULL,
	"partner_id" uuid,
	"warehouse_id" uuid,
	"account_id" uuid,
	"employee_id" uuid,
	"source_id" uuid,
	"remark" varchar(500),
	"total_qty" numeric(18, 4) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tax_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"payment_total" numeric(18, 2),
	"prepayment_used" numeric(18, 2),
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"audited_by" uuid,
	"audited_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "documents_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"company_id" uuid NOT NULL,
	"key" varchar(200) NOT NULL,
	"request_hash" varchar(64) NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_company_id_key_pk" PRIMARY KEY("company_id","key")
);
--> statement-breakpoint
CREATE TABLE "open_items" (
	"company_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"account" varchar(16) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"settled" numeric(18, 2) DEFAULT '0' NOT NULL,
	"due_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open_items_company_id_document_id_pk" PRIMARY KEY("company_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "partner_balances" (
	"company_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"account" varchar(16) NOT NULL,
	"balance" numeric(18, 2) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_balances_company_id_partner_id_account_pk" PRIMARY KEY("company_id","partner_id","account")
);
--> statement-breakpoint
CREATE TABLE "partner_entries" (
	"company_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "partner_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"account" varchar(16) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"balance_after" numeric(18, 2) NOT NULL,
	"reverses_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_entries_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"qty" numeric(18, 4) DEFAULT '0' NOT NULL,
	"value" numeric(18, 2) DEFAULT '0' NOT NULL,
	"avg_cost" numeric(20, 6) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_balances_company_id_product_id_warehouse_id_pk" PRIMARY KEY("company_id","product_id","warehouse_id")
);
--> statement-breakpoint
CREATE TABLE "stock_moves" (
	"company_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "stock_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" uuid NOT NULL,
	"line_id" uuid,
	"product_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"qty" numeric(18, 4) NOT NULL,
	"cost_amount" numeric(18, 2) NOT NULL,
	"balance_qty" numeric(18, 4) NOT NULL,
	"balance_value" numeric(18, 2) NOT NULL,
	"reverses_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_moves_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE INDEX "cash_entries_account_idx" ON "cash_entries" USING btree ("company_id","account_id","id");--> statement-breakpoint
CREATE INDEX "cash_entries_document_idx" ON "cash_entries" USING btree ("company_id","document_id");--> statement-breakpoint
CREATE INDEX "document_lines_doc_idx" ON "document_lines" USING btree ("company_id","document_id","line_no");--> statement-breakpoint
CREATE INDEX "document_lines_order_line_idx" ON "document_lines" USING btree ("company_id","order_line_id");--> statement-breakpoint
CREATE INDEX "document_lines_bill_line_idx" ON "document_lines" USING btree ("company_id","bill_line_id");--> statement-breakpoint
CREATE INDEX "document_lines_ref_doc_idx" ON "document_lines" USING btree ("company_id","ref_document_id");--> statement-breakpoint
CREATE INDEX "document_lines_product_idx" ON "document_lines" USING btree ("company_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_uq" ON "documents" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "documents_kind_date_idx" ON "documents" USING btree ("company_id","kind","date");--> statement-breakpoint
CREATE INDEX "documents_partner_idx" ON "documents" USING btree ("company_id","partner_id","kind");--> statement-breakpoint
CREATE INDEX "documents_source_idx" ON "documents" USING btree ("company_id","source_id");--> statement-breakpoint
CREATE INDEX "open_items_partner_idx" ON "open_items" USING btree ("company_id","partner_id","account");--> statement-breakpoint
CREATE INDEX "partner_entries_partner_idx" ON "partner_entries" USING btree ("company_id","partner_id","account","id");--> statement-breakpoint
CREATE INDEX "partner_entries_document_idx" ON "partner_entries" USING btree ("company_id","document_id");--> statement-breakpoint
CREATE INDEX "stock_moves_product_idx" ON "stock_moves" USING btree ("company_id","product_id","warehouse_id","id");--> statement-breakpoint
CREATE INDEX "stock_moves_document_idx" ON "stock_moves" USING btree ("company_id","document_id");