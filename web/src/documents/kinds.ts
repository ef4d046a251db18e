import type { MsgKey } from '../i18n';

/** The purchasing document kinds (篇三 i–vi) as the web app sees them. */
export type DocResource =
  | 'purchase-orders'
  | 'purchase-bills'
  | 'purchase-returns'
  | 'purchase-settlements'
  | 'prepayments'
  | 'sales-orders'
  | 'sales-deliveries'
  | 'sales-returns'
  | 'receipts'
  | 'advance-receipts';

export interface DocKind {
  /** API path and permission resource */
  resource: DocResource;
  /** server kind code (document.kind) */
  kind: string;
  /** route of the list; the form is `${base}/new` and `${base}/:id` */
  base: string;
  /** list page title */
  title: MsgKey;
  /** the document's own name: form and print title */
  name: MsgKey;
  /** goods documents have lines; money documents have a payment */
  layout: 'goods' | 'settlement' | 'prepayment';
  /** orders: partial / completed / closed, close by hand */
  isOrder?: boolean;
  /** bills and returns: an open item with 未结 / 部分结算 / 已结清 */
  settles?: boolean;
  /** where its lines may come from: bills from orders, returns from bills */
  source?: 'order' | 'bill';
  /** whose document: a supplier's (purchasing) or a customer's (sales) */
  partner?: 'supplier' | 'customer';
}

export const DOC_KINDS: Record<DocResource, DocKind> = {
  'purchase-orders': {
    resource: 'purchase-orders',
    kind: 'purchase_order',
    base: '/purchasing/orders',
    title: 'page.purchaseOrders',
    name: 'kind.purchase_order',
    layout: 'goods',
    isOrder: true,
  },
  'purchase-bills': {
    resource: 'purchase-bills',
    kind: 'purchase_bill',
    base: '/purchasing/bills',
    title: 'page.purchaseBills',
    name: 'kind.purchase_bill',
    layout: 'goods',
    settles: true,
    source: 'order',
  },
  'purchase-returns': {
    resource: 'purchase-returns',
    kind: 'purchase_return',
    base: '/purchasing/returns',
    title: 'page.purchaseReturns',
    name: 'kind.purchase_return',
    layout: 'goods',
    settles: true,
    source: 'bill',
  },
  'purchase-settlements': {
    resource: 'purchase-settlements',
    kind: 'purchase_settlement',
    base: '/purchasing/settlements',
    title: 'page.purchaseSettlements',
    name: 'kind.purchase_settlement',
    layout: 'settlement',
  },
  prepayments: {
    resource: 'prepayments',
    kind: 'prepayment',
    base: '/purchasing/prepayments',
    title: 'page.prepayments',
    name: 'kind.prepayment',
    layout: 'prepayment',
  },
  'sales-orders': {
    resource: 'sales-orders',
    kind: 'sales_order',
    base: '/sales/orders',
    title: 'page.salesOrders',
    name: 'kind.sales_order',
    layout: 'goods',
    isOrder: true,
    partner: 'customer',
  },
  'sales-deliveries': {
    resource: 'sales-deliveries',
    kind: 'sales_delivery',
    base: '/sales/deliveries',
    title: 'page.deliveries',
    name: 'kind.sales_delivery',
    layout: 'goods',
    settles: true,
    source: 'order',
    partner: 'customer',
  },
  'sales-returns': {
    resource: 'sales-returns',
    kind: 'sales_return',
    base: '/sales/returns',
    title: 'page.salesReturns',
    name: 'kind.sales_return',
    layout: 'goods',
    settles: true,
    source: 'bill',
    partner: 'customer',
  },
  receipts: {
    resource: 'receipts',
    kind: 'receipt',
    base: '/sales/receipts',
    title: 'page.receipts',
    name: 'kind.receipt',
    layout: 'settlement',
    partner: 'customer',
  },
  'advance-receipts': {
    resource: 'advance-receipts',
    kind: 'advance_receipt',
    base: '/sales/advances',
    title: 'page.advanceReceipts',
    name: 'kind.advance_receipt',
    layout: 'prepayment',
    partner: 'customer',
  },
};

/** Sales documents name a customer, purchasing ones a supplier. */
export const isSales = (k: DocKind) => k.partner === 'customer';
/** The form field and body key of the partner: customerId | supplierId. */
export const partnerField = (k: DocKind): 'customerId' | 'supplierId' => (isSales(k) ? 'customerId' : 'supplierId');
export const partnerResource = (k: DocKind): 'customers' | 'suppliers' => (isSales(k) ? 'customers' : 'suppliers');
export const partnerLabel = (k: DocKind): MsgKey => (isSales(k) ? 'doc.customer' : 'doc.supplier');
/** The order kind a bill / delivery pulls from, and the bill kind a return goes back to. */
export const orderResource = (k: DocKind): DocResource => (isSales(k) ? 'sales-orders' : 'purchase-orders');
export const billResource = (k: DocKind): DocResource => (isSales(k) ? 'sales-deliveries' : 'purchase-bills');
export const returnResource = (k: DocKind): DocResource => (isSales(k) ? 'sales-returns' : 'purchase-returns');

const byKind = new Map(Object.values(DOC_KINDS).map((k) => [k.kind, k]));

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
