// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.purchaseOrders': '进货订单',
  'kind.purchase_order': '进货订单',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.purchaseOrders': 'Purchase orders',
  'kind.purchase_order': 'Purchase order',
};
