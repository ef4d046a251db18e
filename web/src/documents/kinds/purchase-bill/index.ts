import type { DocKind } from '../types';

/** 进货单 (篇三 ii): goods received from a supplier, owed until settled. */
export const purchaseBill: DocKind = {
  resource: 'purchase-bills',
  kind: 'purchase_bill',
  base: '/purchasing/bills',
  title: 'page.purchaseBills',
  name: 'kind.purchase_bill',
  menu: { module: 'purchasing', order: 20 },
  layout: 'goods',
  partner: 'supplier',
  settles: true,
  source: { from: 'order', resource: 'purchase-orders', openWord: 'line.open' },
  returnedBy: 'purchase-returns',
  lines: ['product', 'source', 'specs', 'unit', 'qty', 'returned', 'price', 'taxRate', 'amount', 'taxAmount', 'total', 'stock', 'remark'],
  stock: 'onHand',
  print: { signatures: ['receivedBy'] },
};
