import type { MsgKey } from '../../i18n';
import { advanceReceipt } from './advance-receipt';
import { prepayment } from './prepayment';
import { purchaseBill } from './purchase-bill';
import { purchaseOrder } from './purchase-order';
import { purchaseReturn } from './purchase-return';
import { purchaseSettlement } from './purchase-settlement';
import { receipt } from './receipt';
import { salesDelivery } from './sales-delivery';
import { salesOrder } from './sales-order';
import { salesReturn } from './sales-return';
import type { DocKind, DocResource } from './types';

export type { AdvanceDecl, DocKind, DocResource, KindUi, LineColumn, PanelProps, SettlementDecl, SourceDecl } from './types';

/**
 * The web registry of document kinds: each is declared in its folder (./<kind>/index.ts,
 * its React pieces in ./<kind>/ui.tsx, its words in ./<kind>/messages.ts). The menu,
 * routes, reference labels and resource names are derived from this list.
 */
export const KIND_LIST: readonly DocKind[] = [
  purchaseOrder,
  purchaseBill,
  purchaseReturn,
  purchaseSettlement,
  prepayment,
  salesOrder,
  salesDelivery,
  salesReturn,
  receipt,
  advanceReceipt,
];

export const DOC_KINDS = Object.fromEntries(KIND_LIST.map((k) => [k.resource, k])) as Record<DocResource, DocKind>;

const byKind = new Map(KIND_LIST.map((k) => [k.kind, k]));

/** The document kind of a server kind code ('purchase_bill'), if the web app knows it. */
export function kindOf(code: string | null | undefined): DocKind | undefined {
  return code ? byKind.get(code) : undefined;
}

export function isDocResource(r: string | undefined): r is DocResource {
  return !!r && r in DOC_KINDS;
}

/** The i18n key of a server kind code, for ledgers and statements. */
export function kindName(code: string | null | undefined): MsgKey | undefined {
  return kindOf(code)?.name;
}

/** Where a document of a kind code opens in the app. */
export function docHref(code: string | null | undefined, id: string | null | undefined): string | undefined {
  const k = kindOf(code);
  return k && id ? `${k.base}/${id}` : undefined;
}

export const printHref = (resource: DocResource, id: string) => `/print/${resource}/${id}`;
