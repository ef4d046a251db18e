import type { ComponentType } from 'react';
import type { MsgKey } from '../../i18n';
import type { DocView } from '../api';
import type { Party } from '../parties';

/** The document kinds the web app knows: their API path and permission resource. */
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

/**
 * The columns a goods document's line grid may show, in the order a kind lists them.
 * `progress` is an order's 已入库 / 退货 / 未入库 (once audited), `returned` a bill's 已退货
 * (when something went back), `stock` the on-hand or available figure while editing.
 */
export type LineColumn =
  | 'product'
  | 'source'
  | 'specs'
  | 'unit'
  | 'qty'
  | 'progress'
  | 'returned'
  | 'price'
  | 'discount'
  | 'taxRate'
  | 'amount'
  | 'taxAmount'
  | 'total'
  | 'stock'
  | 'promisedDate'
  | 'remark';

/** Where a goods document's lines may come from. */
export type SourceDecl =
  | {
      from: 'order';
      resource: DocResource;
      /** "未入库 6 把" under the source number */
      openWord: MsgKey;
    }
  | {
      from: 'bill';
      resource: DocResource;
      openWord: MsgKey;
      /** 原进货单 / 原发货单 */
      word: MsgKey;
      /** 选择原进货单 */
      pick: MsgKey;
      /** body keys of the bill and of its lines */
      idKey: 'billId' | 'deliveryId';
      lineKey: 'billLineId' | 'deliveryLineId';
    };

export interface SettlementDecl {
  /** kind codes of a positive (bill) and a negative (return) allocation */
  allocates: { positive: string; negative: string };
  words: {
    payableBalance: MsgKey;
    prepaidBalance: MsgKey;
    paymentTotal: MsgKey;
    prepaymentUsed: MsgKey;
    settledTotal: MsgKey;
    surplus: MsgKey;
    returnsNegative: MsgKey;
    confirmNoAllocation: MsgKey;
  };
  body: { paymentTotal: 'paymentTotal' | 'receiptTotal'; prepaymentUsed: 'prepaymentUsed' | 'advanceUsed' };
}

export interface AdvanceDecl {
  order: DocResource;
  orderField: 'purchaseOrderId' | 'salesOrderId';
  words: { amount: MsgKey; negativeHint: MsgKey; balance: MsgKey };
}

export interface PrintDecl {
  /** the form's title, if not the kind's name (订单确认书) */
  title?: MsgKey;
  /** several copies of each form (发货单: 仓库联, 客户联) */
  copies?: MsgKey[];
  /** the customer's 收货地址 and 收货人 in the head */
  shipTo?: boolean;
  /** signature boxes beyond 制单 / 审核 / 经手 */
  signatures?: ('customer' | 'receivedBy')[];
}

/** Plain data: what the menu, routes, lists and other pages need without loading a kind's page. */
export interface DocKind {
  resource: DocResource;
  /** server kind code (document.kind) */
  kind: string;
  /** route of the list; the form is `${base}/new` and `${base}/:id` */
  base: string;
  /** list page title and menu entry */
  title: MsgKey;
  /** the document's own name: form and print title */
  name: MsgKey;
  /** where the menu shows it, and in which place */
  menu: { module: 'purchasing' | 'sales'; order: number };
  /** goods documents have lines; money documents have a payment */
  layout: 'goods' | 'settlement' | 'prepayment';
  partner: Party;
  /** orders: partial / completed / closed, close by hand */
  isOrder?: boolean;
  /** bills and returns: an open item with 未结 / 部分结算 / 已结清 */
  settles?: boolean;
  source?: SourceDecl;
  /** an order's follow-up (生成进货单): the kind its lines go on to */
  next?: { resource: DocResource; label: MsgKey };
  /** a bill's return kind (退货) */
  returnedBy?: DocResource;
  /** goods: the columns of the line grid */
  lines?: LineColumn[];
  /** an order's progress columns: 已入库 / 已发货 and 未入库 / 未发货 */
  progress?: { done: MsgKey; open: MsgKey };
  /** goods: 库存 (on hand) or 可用 (on hand less what open orders hold) while editing */
  stock?: 'onHand' | 'available';
  /** settlements: the kind codes of what they allocate to, the words of their figures, their body keys */
  settlement?: SettlementDecl;
  /** advances: the order they may be paid for, and their words */
  advance?: AdvanceDecl;
  /** the kind keeps its own one-step approval panel instead of the generic one (S5, S7) */
  ownApproval?: boolean;
  print?: PrintDecl;
  /** the kind's React pieces, loaded with its page */
  ui?: () => Promise<{ default: KindUi }>;
}

export interface PanelProps {
  kind: DocKind;
  doc: DocView;
  onError: (e: unknown) => void;
}

/** What a kind adds to the shared pages, in its folder: form pieces, panels, print sections. */
export interface KindUi {
  /** header fields beside the shared ones (partner, warehouse, date, employee) */
  Header?: ComponentType<{ editable: boolean; partnerId: string | undefined }>;
  /** fields below the lines */
  AfterLines?: ComponentType<{ editable: boolean; doc: DocView | undefined }>;
  /** form values of those fields, new (`doc` undefined) or loaded */
  initial?: (doc: DocView | undefined) => Record<string, unknown>;
  /** names validated with the shared header */
  validate?: string[];
  /** their part of the request body */
  body?: (values: Record<string, unknown>) => Record<string, unknown>;
  /** below the form: figures, tracking, approval */
  panels?: ComponentType<PanelProps>[];
  /** print: before the figures, and after the amount in words */
  PrintBeforeFigures?: ComponentType<{ doc: DocView; money: boolean }>;
  PrintAfterWords?: ComponentType<{ doc: DocView; money: boolean }>;
}
