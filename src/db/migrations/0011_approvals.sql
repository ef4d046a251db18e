CREATE TABLE "approvals" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"step" integer NOT NULL,
	"approver_role" varchar(32),
	"approver_user_id" uuid,
	"above_total" numeric(18, 2),
	"decision" varchar(16) DEFAULT 'pending' NOT NULL,
	"comment" varchar(300),
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot_total" numeric(18, 2) NOT NULL,
	"snapshot_partner_id" uuid,
	"snapshot_lines" varchar(64) NOT NULL,
	CONSTRAINT "approvals_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_company_id_document_id_documents_company_id_id_fk" FOREIGN KEY ("company_id","document_id") REFERENCES "public"."documents"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_step_uq" ON "approvals" USING btree ("company_id","document_id","round","step");--> statement-breakpoint
CREATE INDEX "approvals_pending_idx" ON "approvals" USING btree ("company_id","decision");--> statement-breakpoint
-- A2: the S5 / S7 approvals kept until now in documents.extra.approval become approved
-- one-step rounds of the engine. Those kinds' approvals lapse only when the total grows
-- or the customer changes, so no lines fingerprint is needed ('legacy').
INSERT INTO "approvals" ("company_id", "document_id", "round", "step", "decision", "comment", "decided_by", "decided_at", "submitted_by", "submitted_at", "snapshot_total", "snapshot_partner_id", "snapshot_lines")
SELECT d."company_id", d."id", 1, 1, 'approved', left(d."extra"->'approval'->>'reason', 300),
       (d."extra"->'approval'->>'by')::uuid, (d."extra"->'approval'->>'at')::timestamptz,
       (d."extra"->'approval'->>'by')::uuid, coalesce((d."extra"->'approval'->>'at')::timestamptz, now()),
       coalesce((d."extra"->'approval'->>'total')::numeric, d."total"), coalesce((d."extra"->'approval'->>'partnerId')::uuid, d."partner_id"), 'legacy'
FROM "documents" d
WHERE d."kind" IN ('sales_delivery', 'sales_return') AND d."extra" ? 'approval' AND jsonb_typeof(d."extra"->'approval') = 'object';
