// A document kind (进货单, 进货退回, …) declares what is particular to it; the documents
// service does numbering, storage, status, sign-off, listing and the audit log for all.
import type { z } from '@hono/zod-openapi';
import type { Executor } from '../../db/database.js';
import type { documentLines, documents } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Resource } from '../auth/permissions.js';
import type { CompanySettings } from '../settings/settings.service.js';

export type DocumentRow = typeof documents.$inferSelect;
export type LineRow = typeof documentLines.$inferSelect;
export type HeaderValues = Omit<typeof documents.$inferInsert, 'companyId' | 'id' | 'kind' | 'number' | 'status'>;
export type LineValues = Omit<typeof documentLines.$inferInsert, 'companyId' | 'documentId' | 'lineNo'>;

export interface LoadedDocument {
  header: DocumentRow;
  lines: LineRow[];
}

/** A document being audited or un-audited, with its company's settings. */
export interface PostingDocument extends LoadedDocument {
  settings: CompanySettings;
}

export interface BuiltDocument {
  header: HeaderValues;
  lines: LineValues[];
}

export interface DocumentKind {
  kind: string;
  /** Number prefix: JH-20261126-0001. */
  prefix: string;
  /** API path and permission resource. */
  resource: Resource;
  zh: string;
  en: string;
  /** Supplier or customer documents: names the partner field in the API. */
  partner: 'supplier' | 'customer';
  /** Orders: can be closed by hand and move through partial / completed. */
  isOrder?: boolean;
  createSchema: z.ZodType;
  /** Validates the body against the database and builds the rows to store. */
  build(tx: Executor, ctx: RequestContext, body: Record<string, unknown>, existing?: LoadedDocument): Promise<BuiltDocument>;
  /** Posts the audited document (status already flipped to audited). */
  audit(tx: Executor, ctx: RequestContext, doc: PostingDocument): Promise<void>;
  /** Reverses it (status already flipped back to saved); throws when something depends on it. */
  unaudit(tx: Executor, ctx: RequestContext, doc: PostingDocument): Promise<void>;
  /** Extra fields for the API view of one document. */
  describe?(db: Executor, ctx: RequestContext, doc: LoadedDocument): Promise<Record<string, unknown>>;
}
