// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.prepayments': '预付款',
  'kind.prepayment': '预付款单',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.prepayments': 'Prepayments',
  'kind.prepayment': 'Prepayment',
};
