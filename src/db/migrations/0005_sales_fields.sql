ALTER TABLE "document_lines" ADD COLUMN "discount" numeric(6, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "extra" jsonb DEFAULT '{}'::jsonb NOT NULL;