import type { MsgKey } from '../i18n';

/**
 * Whose document a kind is. What differs between a supplier's and a customer's document
 * (the form field, the reference list, the words, the default-price endpoint) is looked
 * up here, so the shared pages never ask which kind they draw.
 */
export type Party = 'supplier' | 'customer';

export interface PartyDecl {
  /** form field and body key */
  field: 'supplierId' | 'customerId';
  /** reference resource of the select */
  resource: 'suppliers' | 'customers';
  label: MsgKey;
  /** "pick the partner first" before lines are pulled from its orders */
  first: MsgKey;
  /** the partner may be created from the document (+ beside the select) */
  inlineCreate: boolean;
  /** the default price of a product for this partner (P4) */
  defaultPrice: string;
  /** without the partner there is no default price (a customer's price list); a supplier's falls back to the catalogue */
  priceNeedsPartner: boolean;
  /** status words: 部分发货 instead of 部分入库 */
  shipsOut: boolean;
  /** list search box */
  searchPlaceholder: { zh: string; en: string };
}

export const PARTIES: Record<Party, PartyDecl> = {
  supplier: {
    field: 'supplierId',
    resource: 'suppliers',
    label: 'doc.supplier',
    first: 'doc.supplierFirst',
    inlineCreate: true,
    defaultPrice: '/purchase-prices/default',
    priceNeedsPartner: false,
    shipsOut: false,
    searchPlaceholder: { zh: '单号 / 供应商 / 备注 (按 / 聚焦)', en: 'No. / supplier / remark (press /)' },
  },
  customer: {
    field: 'customerId',
    resource: 'customers',
    label: 'doc.customer',
    first: 'doc.customerFirst',
    inlineCreate: false,
    defaultPrice: '/sales-prices/default',
    priceNeedsPartner: true,
    shipsOut: true,
    searchPlaceholder: { zh: '单号 / 客户 / 备注 (按 / 聚焦)', en: 'No. / customer / remark (press /)' },
  },
};

export const partyOf = (k: { partner: Party }): PartyDecl => PARTIES[k.partner];
