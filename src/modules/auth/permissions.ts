// Permissions are `resource:action`. Resources are the API's nouns; actions are what a
// clerk can do to them. Built-in roles follow SPEC's 岗位 list; companies may edit them.
export const ACTIONS = ['view', 'create', 'edit', 'delete', 'audit', 'approve', 'price', 'import', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

export const RESOURCES = {
  products: { zh: '商品', en: 'Products', module: 'masterdata' },
  'product-categories': { zh: '商品类别', en: 'Product categories', module: 'masterdata' },
  suppliers: { zh: '供应商', en: 'Suppliers', module: 'masterdata' },
  customers: { zh: '客户', en: 'Customers', module: 'masterdata' },
  employees: { zh: '职员', en: 'Employees', module: 'masterdata' },
  departments: { zh: '部门', en: 'Departments', module: 'masterdata' },
  warehouses: { zh: '仓库', en: 'Warehouses', module: 'masterdata' },
  accounts: { zh: '结算账户', en: 'Settlement accounts', module: 'masterdata' },
  'purchase-orders': { zh: '进货订单', en: 'Purchase orders', module: 'purchasing' },
  'purchase-bills': { zh: '进货单', en: 'Purchase bills', module: 'purchasing' },
  'purchase-returns': { zh: '进货退回', en: 'Purchase returns', module: 'purchasing' },
  'purchase-settlements': { zh: '进货结算', en: 'Purchase settlements', module: 'purchasing' },
  prepayments: { zh: '预付款', en: 'Prepayments', module: 'purchasing' },
  'sales-orders': { zh: '销售订单', en: 'Sales orders', module: 'sales' },
  'sales-deliveries': { zh: '发货单', en: 'Delivery notes', module: 'sales' },
  'sales-returns': { zh: '销售退货', en: 'Sales returns', module: 'sales' },
  receipts: { zh: '收款单', en: 'Receipts', module: 'sales' },
  'advance-receipts': { zh: '预收款', en: 'Advance receipts', module: 'sales' },
  complaints: { zh: '客户投诉', en: 'Complaints', module: 'sales' },
  'dealer-authorizations': { zh: '经销商授权书', en: 'Dealer authorisations', module: 'sales' },
  stock: { zh: '库存', en: 'Stock', module: 'warehouse' },
  reports: { zh: '报表', en: 'Reports', module: 'reports' },
  users: { zh: '用户', en: 'Users', module: 'system' },
  roles: { zh: '角色', en: 'Roles', module: 'system' },
  'audit-log': { zh: '操作日志', en: 'Audit log', module: 'system' },
  settings: { zh: '账套参数', en: 'Company settings', module: 'system' },
} as const;
export type Resource = keyof typeof RESOURCES;

export type Permission = `${Resource}:${Action}`;

export const ALL_PERMISSIONS: Permission[] = Object.keys(RESOURCES).flatMap((r) => ACTIONS.map((a) => `${r as Resource}:${a}` as Permission));

export function isPermission(p: string): p is Permission {
  return (ALL_PERMISSIONS as string[]).includes(p);
}

const grant = (resources: Resource[], actions: readonly Action[]): Permission[] => resources.flatMap((r) => actions.map((a) => `${r}:${a}` as Permission));

const PURCHASE_DOCS: Resource[] = ['purchase-orders', 'purchase-bills', 'purchase-returns'];
const PURCHASE_MONEY: Resource[] = ['purchase-settlements', 'prepayments'];
const SALES_DOCS: Resource[] = ['sales-orders', 'sales-deliveries', 'sales-returns'];
const SALES_MONEY: Resource[] = ['receipts', 'advance-receipts'];
const EDIT: Action[] = ['view', 'create', 'edit', 'delete', 'export'];
const READ: Action[] = ['view', 'export'];

export interface BuiltinRole {
  code: string;
  name: string;
  permissions: Permission[];
}

export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'admin', name: '系统管理员', permissions: ALL_PERMISSIONS },
  {
    code: 'gm',
    name: '总经理/副总经理',
    permissions: [
      ...grant(Object.keys(RESOURCES) as Resource[], ['view', 'export', 'price']),
      ...grant([...PURCHASE_DOCS, ...PURCHASE_MONEY, ...SALES_DOCS, ...SALES_MONEY], ['audit', 'approve']),
    ],
  },
  {
    code: 'purchasing_manager',
    name: '采购部经理',
    permissions: [
      ...grant([...PURCHASE_DOCS, 'suppliers', 'products', 'product-categories'], [...EDIT, 'audit', 'approve', 'price', 'import']),
      ...grant(PURCHASE_MONEY, [...READ, 'price']),
      ...grant(['stock', 'warehouses', 'reports', 'employees', 'departments'], READ),
      'stock:price',
      'reports:price',
    ],
  },
  {
    code: 'buyer',
    name: '采购员',
    permissions: [
      ...grant(PURCHASE_DOCS, [...EDIT, 'price']),
      ...grant(['suppliers', 'products'], ['view', 'create', 'edit', 'export', 'price']),
      ...grant(['product-categories', 'employees', 'departments', 'warehouses', 'stock'], READ),
      'employees:create',
      'prepayments:view',
      'stock:price',
    ],
  },
  {
    code: 'warehouse_keeper',
    name: '库管员',
    permissions: [
      ...grant(['stock'], ['view', 'create', 'edit', 'export', 'audit']),
      ...grant(['products', 'product-categories', 'warehouses', 'suppliers', 'customers'], READ),
      ...grant(['purchase-bills', 'purchase-returns', 'sales-deliveries', 'sales-returns'], READ),
    ],
  },
  {
    code: 'order_clerk',
    name: '跟单员/跟单文员',
    permissions: [
      ...grant(['sales-orders', 'complaints'], [...EDIT, 'price']),
      ...grant(['dealer-authorizations'], READ),
      ...grant(['customers'], ['view', 'create', 'edit', 'export', 'price']),
      ...grant(
        ['products', 'product-categories', 'stock', 'sales-deliveries', 'sales-returns', 'receipts', 'reports', 'employees', 'warehouses'],
        [...READ, 'price'],
      ),
    ],
  },
  {
    code: 'billing_clerk',
    name: '制单员/开单文员',
    permissions: [
      ...grant(['sales-deliveries', 'sales-returns', 'sales-orders'], [...EDIT, 'price']),
      ...grant(['customers', 'products', 'stock', 'warehouses', 'employees'], [...READ, 'price']),
    ],
  },
  {
    code: 'finance',
    name: '财务/出纳',
    permissions: [
      ...grant([...PURCHASE_MONEY, ...SALES_MONEY, 'accounts'], [...EDIT, 'audit', 'price', 'import']),
      ...grant([...PURCHASE_DOCS, ...SALES_DOCS, 'suppliers', 'customers', 'products', 'stock', 'reports', 'employees', 'departments'], [...READ, 'price']),
      ...grant(['purchase-bills', 'sales-deliveries'], ['audit']),
    ],
  },
  {
    code: 'sales_manager',
    name: '业务经理/区域经理',
    permissions: [
      ...grant([...SALES_DOCS, 'customers', 'complaints', 'dealer-authorizations'], [...EDIT, 'approve', 'audit', 'price']),
      ...grant([...SALES_MONEY, 'products', 'stock', 'reports', 'employees'], [...READ, 'price']),
    ],
  },
  {
    code: 'cs_supervisor',
    name: '客服主管',
    permissions: [
      ...grant(['complaints'], [...EDIT, 'approve']),
      ...grant(['customers', 'sales-orders', 'sales-deliveries', 'sales-returns', 'products'], READ),
    ],
  },
  {
    code: 'pmc',
    name: 'PMC/生产计划',
    permissions: grant(['sales-orders', 'products', 'stock', 'purchase-orders', 'complaints'], READ),
  },
  { code: 'pattern_room', name: '板房', permissions: grant(['products', 'product-categories'], READ) },
  { code: 'driver', name: '司机', permissions: grant(['sales-deliveries', 'customers'], ['view']) },
];
