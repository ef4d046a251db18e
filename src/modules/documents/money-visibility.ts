// Who sees a document's goods need not see its money: a warehouse keeper receives a bill
// by quantity, a driver delivers by address, PMC plans by order lines. Without
// `<resource>:price`, a goods document's prices, amounts, costs, margins, what is left to
// settle and the partner's balances read as null, as master-data prices do without
// `products:price`. Money documents (settlements, receipts) are nothing but money: whoever
// may view one sees it.
import type { RequestContext } from '../auth/auth.service.js';
import type { Permission } from '../auth/permissions.js';
import type { DocumentKind } from './documents.types.js';

const HEADER_MONEY = [
  'amount',
  'taxAmount',
  'total',
  'settledAmount',
  'openAmount',
  'costOfGoods',
  'grossProfit',
  'depositRequired',
  'customerReceivable',
  'customerAdvance',
  'totalToPay',
  'depositReceived',
  'depositReceipts',
  'depositPaid',
  'depositPayments',
  'balanceToPay',
  'paidAhead',
  'amountDue',
] as const;
const LINE_MONEY = ['price', 'amount', 'taxAmount', 'total', 'costAmount'] as const;

export function seesMoney(ctx: RequestContext, kind: DocumentKind): boolean {
  return !(kind.goods || kind.isOrder) || ctx.permissions.has(`${kind.resource}:price` as Permission);
}

/** A document (or a list row) with its money read as null. */
export function withoutMoney<T extends object>(view: T): T {
  const out = { ...view } as Record<string, unknown>;
  for (const k of HEADER_MONEY) if (k in out) out[k] = null;
  if (Array.isArray(out.lines)) {
    out.lines = out.lines.map((line: Record<string, unknown>) => {
      const l = { ...line };
      for (const k of LINE_MONEY) if (k in l) l[k] = null;
      return l;
    });
  }
  return out as T;
}

/** The document as this caller may see it. */
export const forCaller = <T extends object>(ctx: RequestContext, kind: DocumentKind, view: T): T => (seesMoney(ctx, kind) ? view : withoutMoney(view));
