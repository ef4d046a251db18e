// The words of this kind: its name, its list title and what only its pages say.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const messagesZh = {
  'page.salesReturns': '销售退货',
  'kind.sales_return': '销售退货单',
  'return.inspection': '验货情况',
  'return.inspectionPlaceholder': '到货验货：外观、数量、是否可再销售等（验收数量请改在明细行）',
  'return.inspectionHint': '验货后把各行数量改为实收数量',
} as const;

export const messagesEn: Record<keyof typeof messagesZh, string> = {
  'page.salesReturns': 'Sales returns',
  'kind.sales_return': 'Sales return',
  'return.inspection': 'Inspection',
  'return.inspectionPlaceholder': 'Goods checked on arrival: condition, count, resaleable? (put the accepted qty on the lines)',
  'return.inspectionHint': 'After checking, set each line to the accepted qty',
};
