// A document kind (进货单, 进货退回, …) declares what is particular to it; the documents
// service does numbering, storage, status, sign-off, listing and the audit log for all.
import type { z } from '@hono/zod-openapi';
import type { Executor } from '../../db/database.js';
import type { documentLines, documents } from '../../db/schema.js';
import type { PostOptions } from '../../ledger/engine.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Resource } from '../auth/permissions.js';
import type { CompanySettings } from '../settings/settings.service.js';
import type { CustomerTerms } from './flip-status.js';

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
  /** Goods documents being audited: the stock rows locked with the status flip. */
  lockedStock?: PostOptions['lockedStock'];
  /** Customer documents: the customer's name and credit terms, read with the status flip. */
  customer: CustomerTerms | null;
}

/** What the engine needs to know of the document it posts. */
export const postOptions = (doc: PostingDocument): PostOptions => ({ allowNegativeStock: doc.settings.allowNegativeStock, lockedStock: doc.lockedStock });

export interface BuiltDocument {
  header: HeaderValues;
  lines: LineValues[];
}

/**
 * What may depend on an audited document of a kind and so blocks its 反审核 (P6), by the
 * shared reference each dependant holds: the kinds that may hold it. The blockers module
 * follows these for every kind alike, and on through the dependants' own declarations.
 */
export interface Dependants {
  /** Kinds whose lines were pulled from this one's lines (`order_line_id`): bills and deliveries from an order. */
  pulledBy?: string[];
  /** Kinds returning against this one's lines (`bill_line_id`): returns against a bill or delivery. */
  returnedBy?: string[];
  /** Money kinds allocating to this one's open item (`ref_document_id`): settlements and receipts. */
  settledBy?: string[];
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
  /**
   * Goods documents (stock moves of each line's product in the header's warehouse): the
   * audit locks those stock rows with the status flip, so every goods audit takes its
   * locks in one order — stock, then source lines, then partner, then cash.
   */
  goods?: boolean;
  createSchema: z.ZodType;
  /** A2: how its approvals survive an edit (approvals.rules.ts `lapses`); any change of total, partner or lines by default. */
  approvalLapse?: 'any-change' | 'total-grows';
  /** Validates the body against the database and builds the rows to store. */
  build(tx: Executor, ctx: RequestContext, body: Record<string, unknown>, existing?: LoadedDocument): Promise<BuiltDocument>;
  /** Posts the audited document (status already flipped to audited). */
  audit(tx: Executor, ctx: RequestContext, doc: PostingDocument): Promise<void>;
  /** What depends on it: un-audit is refused, naming them all, while any does (blockers.ts). */
  dependants?: Dependants;
  /** Reverses it (status already flipped back to saved; its dependants already checked). */
  unaudit(tx: Executor, ctx: RequestContext, doc: PostingDocument): Promise<void>;
  /** Refuses deleting an unaudited document that others name (an order with its deposits). */
  beforeDelete?(tx: Executor, ctx: RequestContext, doc: LoadedDocument): Promise<void>;
  /** Extra fields for the API view of one document. */
  describe?(db: Executor, ctx: RequestContext, doc: LoadedDocument): Promise<Record<string, unknown>>;
}
