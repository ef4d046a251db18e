import type { DocKind } from '../types';

/** 采购退货单 (篇三 iii): goods sent back to a supplier, against a bill or free. */
export const purchaseReturn: DocKind = {
  resource: 'purchase-returns',
  kind: 'purchase_return',
  base: '/purchasing/returns',
  title: 'page.purchaseReturns',
  name: 'kind.purchase_return',
  menu: { module: 'purchasing', order: 30 },
  layout: 'goods',
  partner: 'supplier',
  settles: true,
  source: {
    from: 'bill',
    resource: 'purchase-bills',
    openWord: 'line.returnable',
    word: 'doc.bill',
    pick: 'doc.pickBill',
    idKey: 'billId',
    lineKey: 'billLineId',
  },
  lines: ['product', 'source', 'specs', 'unit', 'qty', 'price', 'taxRate', 'amount', 'taxAmount', 'total', 'stock', 'remark'],
  stock: 'onHand',
  print: { signatures: ['receivedBy'] },
};
