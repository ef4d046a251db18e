import type { Row } from '../api/types';
import { KIND_LIST } from '../documents/kinds';

/**
 * What other pages need to know about a resource without loading its page chunk:
 * how to label one of its rows in a reference select, and its permission name.
 */
export interface ResourceInfo {
  /** URL segment under /api/v1 */
  path: string;
  permission: string;
  label: (row: Row) => string;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
export const codeName = (row: Row) => [str(row.code), str(row.name)].filter(Boolean).join(' ');

const infos: Record<string, ResourceInfo> = {};
function add(path: string, label: (row: Row) => string = codeName, permission = path) {
  infos[path] = { path, permission, label };
}

add('products', (r) => [str(r.code), str(r.name), str(r.spec)].filter(Boolean).join(' '));
add('product-categories');
add('suppliers');
add('customers');
add('employees');
add('departments');
add('warehouses');
add('accounts');
add('users', (r) => (r.displayName ? `${str(r.username)} ${str(r.displayName)}` : str(r.username)));
add('roles');
// documents: labelled by their number
const docNumber = (r: Row) => str(r.number);
for (const k of KIND_LIST) add(k.resource, docNumber);
add('dealer-authorizations');

export function resourceInfo(key: string): ResourceInfo {
  return infos[key] ?? { path: key, permission: key, label: codeName };
}
