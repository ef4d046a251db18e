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

export interface Meta {
  roles?: unknown[];
  permissions: MetaPermission[];
  resources?: unknown[];
  actions?: unknown[];
}
