// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.purchaseBills': '进货单',
  'kind.purchase_bill': '进货单',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.purchaseBills': 'Purchase bills',
  'kind.purchase_bill': 'Purchase bill',
};
