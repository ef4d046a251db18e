import type { DocKind } from '../types';

/** 销售订单 (篇二 S2): a customer's order, with its deposit and 跟单 steps; delivered by deliveries. */
export const salesOrder: DocKind = {
  resource: 'sales-orders',
  kind: 'sales_order',
  base: '/sales/orders',
  title: 'page.salesOrders',
  name: 'kind.sales_order',
  menu: { module: 'sales', order: 10 },
  layout: 'goods',
  partner: 'customer',
  isOrder: true,
  next: { resource: 'sales-deliveries', label: 'doc.toDelivery' },
  lines: ['product', 'specs', 'unit', 'qty', 'progress', 'price', 'discount', 'taxRate', 'amount', 'taxAmount', 'total', 'stock', 'remark'],
  progress: { done: 'line.delivered', open: 'line.undelivered' },
  stock: 'available',
  print: { title: 'print.orderConfirmation', shipTo: true, signatures: ['customer'] },
  ui: () => import('./ui'),
};
