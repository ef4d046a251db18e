import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { rowKey } from '../crud/queries';
import type { DocResource } from './kinds';

/** One line of GET /{documents}/{id} (documents.service.ts viewDocument). Decimals are strings. */
export interface DocLine {
  id: string;
  lineNo: number;
  productId: string | null;
  productCode: string | null;
  productName: string | null;
  spec: string | null;
  series?: string | null;
  packagesPerUnit?: string | null;
  colour: string | null;
  size: string | null;
  baseUnit: string | null;
  unitId: string | null;
  unitName: string | null;
  unitRatio: string;
  qty: string;
  baseQty: string;
  price: string;
  taxRate: string;
  /** sales lines: percent off */
  discount?: string;
  amount: string;
  taxAmount: string;
  total: string;
  costAmount: string | null;
  promisedDate: string | null;
  orderLineId: string | null;
  /** the number of the order / bill the line was pulled from */
  orderNumber?: string | null;
  billLineId: string | null;
  billNumber?: string | null;
  documentId: string | null;
  receivedQty: string;
  returnedQty: string;
  remark: string | null;
}

export interface DocView {
  id: string;
  kind: string;
  number: string;
  date: string;
  status: 'saved' | 'audited' | 'partial' | 'completed' | 'closed' | 'deleted';
  statusName: string;
  supplierId: string | null;
  /** sales documents */
  customerId?: string | null;
  partnerId: string | null;
  partnerName: string | null;
  partnerCode: string | null;
  warehouseId: string | null;
  warehouseName: string | null;
  accountId: string | null;
  accountName: string | null;
  employeeId: string | null;
  employeeName: string | null;
  sourceId: string | null;
  remark: string | null;
  totalQty: string | null;
  amount: string | null;
  taxAmount: string | null;
  total: string | null;
  paymentTotal: string | null;
  prepaymentUsed: string | null;
  version: number;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  auditedBy: string | null;
  auditedByName: string | null;
  auditedAt: string | null;
  closedBy: string | null;
  closedByName?: string | null;
  closedAt: string | null;
  lines: DocLine[];
  /** orders: open (not yet received) base quantity per line */
  openLines?: { lineId: string; openQty: string }[];
  /** bills and returns */
  settledAmount?: string | null;
  openAmount?: string | null;
  settlementStatus?: 'unsettled' | 'partial' | 'settled' | null;
  dueDate?: string | null;
  /** returns: 原单退回 (against billId) or 非原单退回 (no bill) */
  returnKind?: 'original' | 'free';
  billId?: string | null;
  billNumber?: string | null;
  /** sales returns: the delivery it goes back against */
  deliveryId?: string | null;
  /** sales orders (S2, S4, S8) */
  source?: string;
  contractDate?: string | null;
  depositRequired?: string | null;
  requiresProduction?: boolean;
  confirmation?: { confirmedWith: string; method: string; at: string; by: string; remark?: string | null } | null;
  production?: ProductionTrack;
  productionState?: { stage: string | null; stageIndex: number; finished: boolean; late: boolean; warnings: string[]; readyToShip: boolean } | null;
  productionStages?: string[] | null;
  customerReceivable?: string;
  customerAdvance?: string;
  totalToPay?: string;
  /** sales orders: what the order was paid ahead (audited advance receipts naming it), and what is left */
  depositReceived?: string | null;
  depositReceipts?: OrderAdvance[] | null;
  balanceToPay?: string | null;
  /** purchase orders: what was prepaid to the supplier for it (prepayments naming it) */
  depositPaid?: string | null;
  depositPayments?: OrderAdvance[] | null;
  /** deliveries (S6): what was paid ahead for its orders, and what the driver still collects */
  paidAhead?: string | null;
  amountDue?: string | null;
  /** advance receipts / prepayments: the order they are paid for */
  salesOrderId?: string | null;
  purchaseOrderId?: string | null;
  orderNumber?: string | null;
  /** deliveries and returns: an approval outside the rule (S5, S7) */
  approval?: { by: string; byName?: string | null; at: string; reason: string } | null;
  cod?: CodTrack | null;
  costOfGoods?: string | null;
  grossProfit?: string | null;
  inspection?: string | null;
  /** receipts */
  receiptTotal?: string;
  advanceUsed?: string;
  /** settlements */
  settled?: string;
  surplus?: string;
  allocations?: { documentId: string; number: string | null; amount: string; signedAmount: string }[];
}

/** A row of GET /suppliers/{id}/open-items: an audited bill (+) or return (−) not fully settled. */
export interface OpenItem {
  documentId: string;
  number: string;
  kind: string;
  date: string;
  dueDate: string | null;
  amount: string;
  settled: string;
  open: string;
  settlementStatus: 'unsettled' | 'partial' | 'settled';
}

export interface SupplierBalance {
  payable: string;
  prepaid: string;
  net: string;
}

export function fetchDoc(resource: DocResource, id: string): Promise<DocView> {
  return api<DocView>(`/${resource}/${encodeURIComponent(id)}`);
}

/** One document; cached under the same key as any row, so invalidateResource() refreshes it. */
export function useDoc(resource: DocResource, id: string | undefined) {
  return useQuery({
    queryKey: rowKey(resource, id ?? ''),
    queryFn: () => fetchDoc(resource, id as string),
    enabled: !!id,
    staleTime: 0,
  });
}

/**
 * Labels of the header references a document names itself (supplier, warehouse, account,
 * 经手人) and of the signed-in user's employee: a select shows them while its own lookup
 * is on the way, or when the user may not read that resource (a warehouse keeper and
 * employees).
 */
export function useHeaderLabels(doc: DocView | undefined): Record<string, string> {
  const { session } = useSession();
  const out: Record<string, string> = {};
  const user = session?.user;
  if (user?.employeeId && user.employeeName) out[user.employeeId] = user.employeeName;
  if (doc) {
    if (doc.partnerId && doc.partnerName) out[doc.partnerId] = [doc.partnerCode, doc.partnerName].filter(Boolean).join(' ');
    if (doc.warehouseId && doc.warehouseName) out[doc.warehouseId] = doc.warehouseName;
    if (doc.accountId && doc.accountName) out[doc.accountId] = doc.accountName;
    if (doc.employeeId && doc.employeeName) out[doc.employeeId] = doc.employeeName;
  }
  return out;
}

export interface Signed {
  by: string;
  at: string;
}

/** An advance receipt or prepayment naming an order. */
export interface OrderAdvance {
  id: string;
  number: string;
  date: string;
  status: DocView['status'];
  amount: string;
  accountId: string | null;
  accountName: string | null;
}

/** Finance's confirmation (S4): what the order was paid in all, and the receipts it rests on. */
export interface MoneyConfirmed extends Signed {
  amount: string;
  received?: string;
  advanceReceipts?: { id: string; number: string; amount: string }[];
  receiptId?: string | null;
  /** the part the driver collects on delivery */
  onDelivery?: string;
}

export interface ProductionTrack {
  depositConfirmed?: MoneyConfirmed;
  released?: Signed & { plannedShipDate: string };
  stages?: (Signed & { stage: string })[];
  balanceRequested?: Signed & { amount: string };
  paymentConfirmed?: MoneyConfirmed;
}

export type CodStep = 'waiting' | 'delivered' | 'installed' | 'collected' | 'handed_in';
export const COD_STEPS: CodStep[] = ['waiting', 'delivered', 'installed', 'collected', 'handed_in'];

export interface CodTrack {
  vehicle: string;
  driverId: string;
  driverName: string | null;
  amountToCollect: string;
  amountCollected?: string;
  status: CodStep;
  statusName?: string;
  history: (Signed & { status: CodStep })[];
  receiptId?: string;
}

/** A partner's balance, customer figures mapped onto the supplier names (receivable → payable, advance → prepaid). */
export function usePartnerBalance(partner: 'supplier' | 'customer' | undefined, id: string | null | undefined) {
  return useQuery({
    queryKey: [partner === 'customer' ? 'customer-balance' : 'supplier-balance', id],
    queryFn: async (): Promise<SupplierBalance> => {
      if (partner !== 'customer') return api<SupplierBalance>(`/suppliers/${id}/balance`);
      const b = await api<{ receivable: string; advance: string; net: string }>(`/customers/${id}/balance`);
      return { payable: b.receivable, prepaid: b.advance, net: b.net };
    },
    enabled: !!id,
    staleTime: 0,
  });
}

export const openItemsKey = (partner: 'supplier' | 'customer' | undefined, id: string | null | undefined) => ['open-items', partner ?? 'supplier', id] as const;

export function usePartnerOpenItems(partner: 'supplier' | 'customer' | undefined, id: string | null | undefined) {
  return useQuery({
    queryKey: openItemsKey(partner, id),
    queryFn: () => api<{ items: OpenItem[] }>(`/${partner === 'customer' ? 'customers' : 'suppliers'}/${id}/open-items`),
    enabled: !!id,
    staleTime: 0,
  });
}
