import type { DocKind } from '../types';

/** 发货单 (篇二 S5/S6): goods delivered to a customer, owed until received; 派车代收. */
export const salesDelivery: DocKind = {
  resource: 'sales-deliveries',
  kind: 'sales_delivery',
  base: '/sales/deliveries',
  title: 'page.deliveries',
  name: 'kind.sales_delivery',
  menu: { module: 'sales', order: 20 },
  layout: 'goods',
  partner: 'customer',
  settles: true,
  source: { from: 'order', resource: 'sales-orders', openWord: 'line.undelivered' },
  returnedBy: 'sales-returns',
  lines: ['product', 'source', 'specs', 'unit', 'qty', 'returned', 'price', 'discount', 'taxRate', 'amount', 'taxAmount', 'total', 'stock', 'remark'],
  stock: 'available',
  ownApproval: true,
  print: { copies: ['print.warehouseCopy', 'print.customerCopy'], shipTo: true, signatures: ['customer', 'receivedBy'] },
  ui: () => import('./ui'),
};
