import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  HomeOutlined,
  MoneyCollectOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import { kindPage } from '../documents/kindPage';
import { type DocKind, KIND_LIST } from '../documents/kinds';
import type { MsgKey } from '../i18n';

/**
 * The route table: one entry per menu item. A page with `load` is code-split
 * (React.lazy); one without shows "coming soon". To add a page later, give its
 * entry a `load` and a `permission` — the menu, the router and the permission
 * check follow from this table.
 */
export interface PageRoute {
  /** absolute path, also the menu key */
  path: string;
  title: MsgKey;
  /** "resource:action" needed to see the menu item and open the page; a list needs all of them */
  permission?: string | readonly string[];
  load?: () => Promise<{ default: ComponentType }>;
  /**
   * The page owns the paths below it too (documents: `/purchasing/bills` is the list,
   * `/purchasing/bills/new` and `/purchasing/bills/:id` the form); it routes them itself.
   */
  nested?: boolean;
}

export interface ModuleRoute {
  key: string;
  title: MsgKey;
  icon: ReactNode;
  pages: PageRoute[];
  /** One page shown as a top-level menu item beside 首页 (e.g. 待审批), not a folder. */
  flat?: boolean;
}

/** A module's document kinds as menu entries, in their declared order; each page owns its /new and /:id. */
function kindPages(module: DocKind['menu']['module']): PageRoute[] {
  return KIND_LIST.filter((k) => k.menu.module === module)
    .sort((a, b) => a.menu.order - b.menu.order)
    .map((k) => ({ path: k.base, title: k.title, permission: `${k.resource}:view`, nested: true, load: kindPage(k) }));
}

export const modules: ModuleRoute[] = [
  {
    key: 'approvals',
    title: 'module.approvals',
    icon: <AuditOutlined />,
    flat: true,
    // everyone signed in has a 待审批 list (empty when they approve nothing)
    pages: [{ path: '/approvals/pending', title: 'page.pendingApprovals', load: () => import('../approvals/PendingPage') }],
  },
  {
    key: 'purchasing',
    title: 'module.purchasing',
    icon: <ShoppingCartOutlined />,
    pages: kindPages('purchasing'),
  },
  {
    key: 'sales',
    title: 'module.sales',
    icon: <ShopOutlined />,
    pages: [
      ...kindPages('sales'),
      { path: '/sales/cod', title: 'page.codOutstanding', permission: 'sales-deliveries:view', load: () => import('../pages/sales/cod-outstanding') },
      { path: '/sales/complaints', title: 'page.complaints', permission: 'complaints:view', load: () => import('../pages/sales/complaints') },
      // S1 授权书: under 销售 (the 基础资料 menu list is pinned by the master-data e2e test)
      {
        path: '/sales/dealer-authorizations',
        title: 'page.dealerAuthorizations',
        permission: 'dealer-authorizations:view',
        load: () => import('../resources/dealer-authorizations'),
      },
      { path: '/sales/allocation', title: 'page.allocation', permission: 'sales-orders:approve', load: () => import('../pages/sales/allocation') },
    ],
  },
  {
    key: 'warehouse',
    title: 'module.warehouse',
    icon: <DatabaseOutlined />,
    pages: [
      { path: '/warehouse/stock', title: 'page.stockOnHand', permission: 'stock:view', load: () => import('../pages/warehouse/stock') },
      { path: '/warehouse/moves', title: 'page.stockLedger', permission: 'stock:view', load: () => import('../pages/warehouse/moves') },
      { path: '/warehouse/transfers', title: 'page.transfers', permission: 'stock:view' },
      { path: '/warehouse/counts', title: 'page.stockCounts', permission: 'stock:view' },
      { path: '/warehouse/other', title: 'page.otherInOut', permission: 'stock:view' },
      { path: '/warehouse/samples', title: 'page.samples', permission: 'stock:view' },
    ],
  },
  {
    key: 'finance',
    title: 'module.finance',
    icon: <MoneyCollectOutlined />,
    pages: [
      // Finance pages need a money permission (finance, the general manager and the
      // purchasing manager hold purchase-settlements:view; a warehouse keeper does not).
      {
        path: '/finance/supplier-accounts',
        title: 'page.supplierAccounts',
        // the page reads /suppliers/{id}/balance, open-items and statement (suppliers:view)
        permission: ['suppliers:view', 'purchase-settlements:view'],
        load: () => import('../pages/finance/supplier-accounts'),
      },
      {
        path: '/finance/customer-accounts',
        title: 'page.customerAccounts',
        permission: ['customers:view', 'receipts:view'],
        load: () => import('../pages/finance/customer-accounts'),
      },
      { path: '/finance/overdue', title: 'page.overdue', permission: 'receipts:view', load: () => import('../pages/finance/overdue') },
      { path: '/finance/payment-requests', title: 'page.paymentRequests', permission: 'purchase-settlements:view' },
      { path: '/finance/invoices', title: 'page.invoices', permission: 'purchase-settlements:view' },
      { path: '/finance/offsets', title: 'page.offsets', permission: 'purchase-settlements:view' },
      { path: '/finance/cash', title: 'page.cashJournal', permission: 'accounts:view', load: () => import('../pages/finance/cash-journal') },
    ],
  },
  {
    key: 'reports',
    title: 'module.reports',
    icon: <BarChartOutlined />,
    pages: [
      { path: '/reports/inventory-summary', title: 'page.inventorySummary', permission: 'reports:view' },
      // R2: the same stock ledger as 仓库 › 库存流水
      { path: '/reports/stock-ledger', title: 'page.stockLedger', permission: 'stock:view', load: () => import('../pages/warehouse/moves') },
      { path: '/reports/sales', title: 'page.salesReports', permission: 'reports:view', load: () => import('../pages/reports/sales') },
      { path: '/reports/purchases', title: 'page.purchaseReports', permission: 'reports:view' },
      { path: '/reports/arap', title: 'page.arap', permission: 'reports:view' },
    ],
  },
  {
    key: 'masterdata',
    title: 'module.masterdata',
    icon: <AppstoreOutlined />,
    pages: [
      { path: '/masterdata/products', title: 'page.products', permission: 'products:view', load: () => import('../resources/products') },
      {
        path: '/masterdata/product-categories',
        title: 'page.productCategories',
        permission: 'product-categories:view',
        load: () => import('../resources/product-categories'),
      },
      { path: '/masterdata/suppliers', title: 'page.suppliers', permission: 'suppliers:view', load: () => import('../resources/suppliers') },
      { path: '/masterdata/customers', title: 'page.customers', permission: 'customers:view', load: () => import('../resources/customers') },
      { path: '/masterdata/employees', title: 'page.employees', permission: 'employees:view', load: () => import('../resources/employees') },
      {
        path: '/masterdata/departments',
        title: 'page.departments',
        permission: 'departments:view',
        load: () => import('../resources/departments'),
      },
      { path: '/masterdata/warehouses', title: 'page.warehouses', permission: 'warehouses:view', load: () => import('../resources/warehouses') },
      { path: '/masterdata/accounts', title: 'page.accounts', permission: 'accounts:view', load: () => import('../resources/accounts') },
    ],
  },
  {
    key: 'system',
    title: 'module.system',
    icon: <SettingOutlined />,
    pages: [
      { path: '/system/users', title: 'page.users', permission: 'users:view', load: () => import('../resources/users') },
      { path: '/system/roles', title: 'page.roles', permission: 'roles:view', load: () => import('../resources/roles') },
      { path: '/system/settings', title: 'page.settings', permission: 'settings:view', load: () => import('../pages/system/settings') },
    ],
  },
];

export const homeIcon = <HomeOutlined />;

const lazyCache = new Map<string, LazyExoticComponent<ComponentType>>();
/** The lazy component of a page (one chunk per page), created once. */
export function pageComponent(page: PageRoute): LazyExoticComponent<ComponentType> | null {
  if (!page.load) return null;
  let c = lazyCache.get(page.path);
  if (!c) {
    c = lazy(page.load);
    lazyCache.set(page.path, c);
  }
  return c;
}

export function findPage(pathname: string): { module: ModuleRoute; page: PageRoute } | null {
  for (const m of modules) {
    for (const p of m.pages) {
      if (p.path === pathname || (p.nested && pathname.startsWith(`${p.path}/`))) return { module: m, page: p };
    }
  }
  return null;
}
