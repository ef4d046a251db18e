// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.purchaseSettlements': '进货结算',
  'kind.purchase_settlement': '进货结算单',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.purchaseSettlements': 'Settlements',
  'kind.purchase_settlement': 'Purchase settlement',
};
