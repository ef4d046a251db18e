/** Shapes from docs/api-masterdata.md. */

export interface Row {
  id: string;
  active: boolean;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

export interface Page<T = Row> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  /** the user's employee record in the current company (documents default 经手人 to it) */
  employeeId?: string | null;
  employeeName?: string | null;
}

export interface Company {
  id: string;
  code: string;
  name: string;
}

export interface Session {
  user: SessionUser;
  company: Company;
  companies: Company[];
  permissions: string[];
  roles: unknown[];
}

/** GET /meta: permissions may come as "resource:action" strings or as objects. */
export type MetaPermission =
  | string
  | { resource: string; action?: string; actions?: string[]; label?: string; labelEn?: string; name?: string; nameEn?: string };

export interface MetaResource {
  key: string;
  zh?: string;
  en?: string;
  module?: string;
  /** actions valid for this resource, when the server narrows them */
  actions?: string[];
}

/**
 * GET /meta. The contract says `{roles, permissions}`; the server sends
 * `{resources:[{key,zh,en,module}], actions:[…], builtinRoles}`. Both are understood.
 */
export interface Meta {
  roles?: unknown[];
  permissions?: MetaPermission[];
  resources?: MetaResource[];
  actions?: string[];
  builtinRoles?: unknown[];
}
