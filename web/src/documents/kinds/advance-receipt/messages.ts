// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.advanceReceipts': '预收款',
  'kind.advance_receipt': '预收款单',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.advanceReceipts': 'Advance receipts',
  'kind.advance_receipt': 'Advance receipt',
};
