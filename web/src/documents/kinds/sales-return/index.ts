import type { DocKind } from '../types';

/** 销售退货单 (篇二 S7): goods a customer sends back, approved and inspected before audit. */
export const salesReturn: DocKind = {
  resource: 'sales-returns',
  kind: 'sales_return',
  base: '/sales/returns',
  title: 'page.salesReturns',
  name: 'kind.sales_return',
  menu: { module: 'sales', order: 30 },
  layout: 'goods',
  partner: 'customer',
  settles: true,
  source: {
    from: 'bill',
    resource: 'sales-deliveries',
    openWord: 'line.returnable',
    word: 'doc.delivery',
    pick: 'doc.pickDelivery',
    idKey: 'deliveryId',
    lineKey: 'deliveryLineId',
  },
  lines: ['product', 'source', 'specs', 'unit', 'qty', 'price', 'discount', 'taxRate', 'amount', 'taxAmount', 'total', 'stock', 'remark'],
  stock: 'available',
  ownApproval: true,
  print: { title: 'print.returnConfirmation', shipTo: true, signatures: ['customer', 'receivedBy'] },
  ui: () => import('./ui'),
};
