CREATE TABLE "complaints" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(32) NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" uuid,
	"product_id" uuid,
	"description" varchar(2000) NOT NULL,
	"attachments" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" varchar(16) DEFAULT 'received' NOT NULL,
	"resolution" varchar(16),
	"received_by" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmation_note" varchar(500),
	"replacement_order_id" uuid,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"closing_note" varchar(500),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "dealer_authorizations" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(32) NOT NULL,
	"name" varchar(200) NOT NULL,
	"customer_id" uuid NOT NULL,
	"territory" varchar(200) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"remark" varchar(500),
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dealer_authorizations_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "dealer_authorizations" ADD CONSTRAINT "dealer_authorizations_company_id_customer_id_customers_company_id_id_fk" FOREIGN KEY ("company_id","customer_id") REFERENCES "public"."customers"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_number_uq" ON "complaints" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("company_id","customer_id");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("company_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dealer_authorizations_code_uq" ON "dealer_authorizations" USING btree ("company_id","code");--> statement-breakpoint
ALTER TABLE complaints ADD CONSTRAINT complaints_status_ck CHECK (status IN ('received','confirmed','in_progress','closed'));
--> statement-breakpoint
ALTER TABLE dealer_authorizations ADD CONSTRAINT dealer_authorizations_valid_ck CHECK (valid_to >= valid_from);
