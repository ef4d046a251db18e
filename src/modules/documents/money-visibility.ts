// Who sees a document's goods need not see its money: a warehouse keeper receives a bill
// by quantity, a driver delivers by address, PMC plans by order lines. Without
// `<resource>:price`, a goods document's prices, amounts, costs, margins, what is left to
// settle and the partner's balances read as null, as master-data prices do without
// `products:price`. Money documents (settlements, receipts) are nothing but money: whoever
// may view one sees it.
//
// What a sale cost us is a stock price, not a sales price: a customer document's cost of
// goods and gross profit need `stock:price` as well (a salesperson may quote prices without
// learning the cost). A supplier document's cost is its own price.
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
  'paymentTotal',
  'prepaymentUsed',
] as const;
const LINE_MONEY = ['price', 'amount', 'taxAmount', 'total', 'costAmount'] as const;
/**
 * The records kept beside a document carry money too: finance's confirmations of an order
 * (`production.depositConfirmed.amount`, `received`, `onDelivery`, the advance receipts'
 * amounts), the balance asked of the customer, the driver's amount to collect (`cod`), the
 * total an approval was given for. They are hidden wherever they sit in the view.
 */
const TRACKING_MONEY = ['received', 'onDelivery', 'amountToCollect', 'amountCollected'] as const;
const MONEY = new Set<string>([...HEADER_MONEY, ...LINE_MONEY, ...TRACKING_MONEY]);
const COST = new Set<string>(['costAmount', 'costOfGoods', 'grossProfit']);

export function seesMoney(ctx: RequestContext, kind: DocumentKind): boolean {
  return !(kind.goods || kind.isOrder) || ctx.permissions.has(`${kind.resource}:price` as Permission);
}

/** Cost of goods and margins: the document's prices, and for a customer document stock costs too. */
export function seesCost(ctx: RequestContext, kind: DocumentKind): boolean {
  return seesMoney(ctx, kind) && (kind.partner === 'supplier' || ctx.permissions.has('stock:price'));
}

const plain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** The value with every key of `keys` read as null, at any depth. */
function without<T>(value: T, keys: Set<string>): T {
  if (Array.isArray(value)) return value.map((v) => without(v, keys)) as T;
  if (!plain(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.has(k) ? null : without(v, keys)])) as T;
}

/** A document (or a list row) with its money read as null. */
export const withoutMoney = <T extends object>(view: T): T => without(view, MONEY);

/** The document as this caller may see it. */
export function forCaller<T extends object>(ctx: RequestContext, kind: DocumentKind, view: T): T {
  if (!seesMoney(ctx, kind)) return withoutMoney(view);
  return seesCost(ctx, kind) ? view : without(view, COST);
}
