// System pages: settings, roles and permissions, users.
// zh-CN is the source of truth; the English table must cover every key (the type checker enforces it).

export const systemZh = {
  'perm.resource': '资源',
  'perm.action.view': '查看',
  'perm.action.create': '新增',
  'perm.action.edit': '修改',
  'perm.action.delete': '停用',
  'perm.action.audit': '审核',
  'perm.action.approve': '审批',
  'perm.action.price': '看价格',
  'perm.action.import': '导入',
  'perm.action.export': '导出',

  'user.passwordEdit': '新密码（留空不修改）',
  'user.locked': '已锁定',

  'settings.defaultPurchasePrice': '进货默认单价',
  'settings.defaultSalesPrice': '销售默认单价',
  'settings.salesLevel': '客户价格等级',
  'settings.salesLast': '客户最近售价',
  'settings.productionStages': '生产工序（定制订单跟单）',
  'settings.productionStagesHelp': '按顺序填写，空格或逗号分隔，例如：备料 裁剪 缝制 包装 完工',
  'settings.last': '最近进价',
  'settings.catalogue': '进货价',
  'settings.defaultPriceHelp': '开进货单时自动带出的单价。最近进价：该商品最近一次已审核进货单的单价（优先同一供应商）；进货价：商品资料中的进货价。',
  'settings.allowNegativeStock': '允许负库存',
  'settings.negativeHelp': '关闭时，出库（如进货退回）不能使库存低于 0。',
  'settings.receiptTolerancePct': '超订单入库容差（%）',
  'settings.toleranceHelp': '按订单入库时可超过订单未入库数量的百分比；0 表示不允许超收。',
  'settings.readOnly': '您没有修改账套参数的权限。',
} as const;

export const systemEn: Record<keyof typeof systemZh, string> = {
  'perm.resource': 'Resource',
  'perm.action.view': 'View',
  'perm.action.create': 'Create',
  'perm.action.edit': 'Edit',
  'perm.action.delete': 'Deactivate',
  'perm.action.audit': 'Audit',
  'perm.action.approve': 'Approve',
  'perm.action.price': 'See prices',
  'perm.action.import': 'Import',
  'perm.action.export': 'Export',

  'user.passwordEdit': 'New password (blank = unchanged)',
  'user.locked': 'Locked',

  'settings.defaultPurchasePrice': 'Default purchase price',
  'settings.defaultSalesPrice': 'Default sales price',
  'settings.salesLevel': "The customer's price level",
  'settings.salesLast': "The customer's last price",
  'settings.productionStages': 'Production stages (made-to-order tracking)',
  'settings.productionStagesHelp': 'In order, separated by spaces or commas, e.g. 备料 裁剪 缝制 包装 完工',
  'settings.last': 'Last purchase price',
  'settings.catalogue': 'Catalogue purchase price',
  'settings.defaultPriceHelp':
    'The unit price a new purchase line starts with. Last purchase price: the price on the latest audited bill of that product (the same supplier first); catalogue: the product’s purchase price.',
  'settings.allowNegativeStock': 'Allow negative stock',
  'settings.negativeHelp': 'When off, nothing going out (e.g. a purchase return) may take stock below zero.',
  'settings.receiptTolerancePct': 'Over-receipt tolerance (%)',
  'settings.toleranceHelp': 'How far above the open PO quantity a bill may receive; 0 allows no over-receipt.',
  'settings.readOnly': 'You may not change the company settings.',
};
