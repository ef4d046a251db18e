// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.purchaseReturns': '进货退回',
  'kind.purchase_return': '进货退回单',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.purchaseReturns': 'Purchase returns',
  'kind.purchase_return': 'Purchase return',
};
