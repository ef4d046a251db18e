import type { DocKind } from '../types';

/** 采购订单 (篇三 i): ordered from a supplier, received by bills. */
export const purchaseOrder: DocKind = {
  resource: 'purchase-orders',
  kind: 'purchase_order',
  base: '/purchasing/orders',
  title: 'page.purchaseOrders',
  name: 'kind.purchase_order',
  menu: { module: 'purchasing', order: 10 },
  layout: 'goods',
  partner: 'supplier',
  isOrder: true,
  next: { resource: 'purchase-bills', label: 'doc.toBill' },
  lines: ['product', 'specs', 'unit', 'qty', 'progress', 'price', 'taxRate', 'amount', 'taxAmount', 'total', 'stock', 'promisedDate', 'remark'],
  progress: { done: 'line.received', open: 'line.open' },
  stock: 'onHand',
};
