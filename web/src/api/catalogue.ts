// The resource catalogue as the UI names it: GET /meta's resources (zh / en) once read,
// else the page titles. Pure (no React, no fetch), so it is unit-tested.
import { KIND_LIST } from '../documents/kinds';
import type { I18n, MsgKey } from '../i18n';
import type { Meta } from './types';

type Translator = Pick<I18n, 't' | 'pick'>;

/** Known resources → their page title, for when GET /meta has not answered (or lacks one). */
export const RESOURCE_TITLES: Record<string, MsgKey> = {
  products: 'page.products',
  'product-categories': 'page.productCategories',
  suppliers: 'page.suppliers',
  customers: 'page.customers',
  employees: 'page.employees',
  departments: 'page.departments',
  warehouses: 'page.warehouses',
  accounts: 'page.accounts',
  users: 'page.users',
  roles: 'page.roles',
  settings: 'page.settings',
  // every document kind of the registry, under its list title
  ...Object.fromEntries(KIND_LIST.map((k) => [k.resource, k.title])),
};

const catalogue = new Map<string, { zh?: string; en?: string }>();

/** Learn the server's resource names from GET /meta. */
export function rememberMeta(meta: Meta): Meta {
  for (const r of meta?.resources ?? []) if (r && typeof r.key === 'string') catalogue.set(r.key, { zh: r.zh, en: r.en });
  return meta;
}

/** "suppliers" → 供应商 / Suppliers: the server's catalogue first, then the page titles. */
export function resourceName(key: string, i18n: Translator): string {
  const c = catalogue.get(key);
  const fromMeta = c ? i18n.pick(c.zh, c.en) : '';
  if (fromMeta) return fromMeta;
  const title = RESOURCE_TITLES[key];
  return title ? i18n.t(title) : key;
}

/** "edit" → 修改 / Edit (the permission grid's action names). */
export function actionName(action: string, i18n: Pick<I18n, 't'>): string {
  const key = `perm.action.${action}` as MsgKey;
  const s = i18n.t(key);
  return s === key || !s ? action : s;
}

/** A 403's text from its details.permission ("suppliers:edit" → 您没有“供应商”的“修改”权限…). */
export function forbiddenText(permission: unknown, i18n: Translator): string {
  const perm = typeof permission === 'string' ? permission : '';
  const i = perm.lastIndexOf(':');
  if (i <= 0) return i18n.t('error.forbiddenAny');
  return i18n.t('error.forbidden', { res: resourceName(perm.slice(0, i), i18n), action: actionName(perm.slice(i + 1), i18n) });
}
