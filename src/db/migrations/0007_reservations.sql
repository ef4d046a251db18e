ALTER TABLE "document_lines" ADD COLUMN "reserved_qty" numeric(18, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE document_lines ADD CONSTRAINT document_lines_reserved_ck CHECK (reserved_qty >= 0);
