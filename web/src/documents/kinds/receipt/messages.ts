// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.receipts': '收款单',
  'kind.receipt': '收款单',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.receipts': 'Receipts',
  'kind.receipt': 'Receipt',
};
