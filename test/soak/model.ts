// The soak's model: only what the server ACKNOWLEDGED (a 2xx answer, or the replay of a
// lost one). Eight clients race, so the model does not predict which request wins; it
// records what each answer said and, at the end, derives what the books must hold:
// a document's status from its acknowledged audits and un-audits (they can only
// alternate, so audited ⇔ one more audit than un-audits), its total from its creation or
// its last acknowledged edit, and stock and balances from the documents that stand audited.
import { Decimal } from '../../src/core/decimal.js';

export type Side = 'purchase' | 'sales';
export type Role = 'order' | 'bill' | 'return' | 'settle' | 'advance';

/** The resources and field names of each side of the trade. */
export const SIDES = {
  purchase: {
    resources: { order: 'purchase-orders', bill: 'purchase-bills', return: 'purchase-returns', settle: 'purchase-settlements', advance: 'prepayments' },
    partner: 'supplierId',
    partners: 'suppliers',
    sourceField: 'billId',
    sourceLineField: 'billLineId',
    totalField: 'paymentTotal',
    usedField: 'prepaymentUsed',
    /** Stock moved by an audited bill of this side (a return moves the other way). */
    stockSign: 1,
  },
  sales: {
    resources: { order: 'sales-orders', bill: 'sales-deliveries', return: 'sales-returns', settle: 'receipts', advance: 'advance-receipts' },
    partner: 'customerId',
    partners: 'customers',
    sourceField: 'deliveryId',
    sourceLineField: 'deliveryLineId',
    totalField: 'receiptTotal',
    usedField: 'advanceUsed',
    stockSign: -1,
  },
} as const;

export interface LineRec {
  id: string;
  productId: string;
  baseQty: Decimal;
}

export interface DocRec {
  side: Side;
  role: Role;
  resource: string;
  id: string;
  number: string;
  /** The remark every soak document carries: finds duplicates in the lists. */
  tag: string;
  partnerId: string;
  /** The body it was created with (an edit sends it again with other lines). */
  body: Record<string, unknown>;
  createdVersion: number;
  /** The newest version any answer showed (for If-Match). */
  seenVersion: number;
  /** Total and lines as of the newest acknowledged content: its creation or its last edit. */
  contentVersion: number;
  total: Decimal;
  lines: LineRec[];
  edits: number;
  audits: number;
  unaudits: number;
  /** Edits whose answer was lost (an edit takes no key): the server may hold one of these totals. */
  uncertainTotals: Decimal[];
  /** Advance documents: the amount. Settlements: what was paid and how it was allocated. */
  amount?: Decimal;
  pay?: Decimal;
  allocations?: { documentId: string; amount: Decimal }[];
  approved?: boolean;
}

export interface MasterRec {
  resource: 'products' | 'suppliers' | 'customers';
  id: string;
  code: string;
  name: string;
}

/** A request sent with an Idempotency-Key and its definitive answer: replayed at the end. */
export interface KeyedRec {
  key: string;
  cookie: string;
  method: string;
  path: string;
  body: unknown;
  ifMatch?: number;
  status: number;
  id?: string;
  code?: string;
}

export class Registry {
  docs: DocRec[] = [];
  master: MasterRec[] = [];
  keyed: KeyedRec[] = [];
  private lists = new Map<string, DocRec[]>();
  private byId = new Map<string, DocRec>();
  operations = 0;
  acknowledged = 0;

  list(side: Side, role: Role): DocRec[] {
    const k = `${side}:${role}`;
    let l = this.lists.get(k);
    if (!l) {
      l = [];
      this.lists.set(k, l);
    }
    return l;
  }
  add(doc: DocRec) {
    this.docs.push(doc);
    this.list(doc.side, doc.role).push(doc);
    this.byId.set(doc.id, doc);
  }
  get(id: string): DocRec | undefined {
    return this.byId.get(id);
  }
  partners(side: Side): MasterRec[] {
    return this.master.filter((m) => m.resource === SIDES[side].partners);
  }
  products(): MasterRec[] {
    return this.master.filter((m) => m.resource === 'products');
  }
}

/** Audited by the acknowledged answers (audits and un-audits alternate); null: impossible. */
export function standsAudited(d: DocRec): boolean | null {
  const net = d.audits - d.unaudits;
  return net === 1 ? true : net === 0 ? false : null;
}

export interface Books {
  stock: Map<string, Decimal>;
  /** Per partner: payable/prepaid (suppliers) or receivable/advance (customers). */
  owed: Map<string, Decimal>;
  ahead: Map<string, Decimal>;
  cash: Decimal;
}

/** What stock, partner balances and cash must be, from the documents that stand audited. */
export function expectedBooks(reg: Registry, openingCash: Decimal): Books {
  const b: Books = { stock: new Map(), owed: new Map(), ahead: new Map(), cash: openingCash };
  const add = (m: Map<string, Decimal>, k: string, v: Decimal) => m.set(k, (m.get(k) ?? new Decimal(0)).plus(v));
  for (const d of reg.docs) {
    if (standsAudited(d) !== true) continue;
    const sign = SIDES[d.side].stockSign;
    // Money flows out on the purchase side, in on the sales side.
    const cashSign = d.side === 'purchase' ? -1 : 1;
    switch (d.role) {
      case 'order':
        break;
      case 'bill':
        for (const l of d.lines) add(b.stock, l.productId, l.baseQty.times(sign));
        add(b.owed, d.partnerId, d.total);
        break;
      case 'return':
        for (const l of d.lines) add(b.stock, l.productId, l.baseQty.times(-sign));
        add(b.owed, d.partnerId, d.total.negated());
        break;
      case 'advance':
        add(b.ahead, d.partnerId, d.amount as Decimal);
        b.cash = b.cash.plus((d.amount as Decimal).times(cashSign));
        break;
      case 'settle': {
        let net = new Decimal(0);
        for (const a of d.allocations ?? []) net = reg.get(a.documentId)?.role === 'return' ? net.minus(a.amount) : net.plus(a.amount);
        add(b.owed, d.partnerId, net.negated());
        add(b.ahead, d.partnerId, (d.pay as Decimal).minus(net));
        b.cash = b.cash.plus((d.pay as Decimal).times(cashSign));
        break;
      }
    }
  }
  return b;
}
