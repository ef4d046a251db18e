// The relational schema. Every business table carries company_id (账套) and leads its
// primary key and unique indexes with it: queries are always scoped by it, and it is
// the distribution column if a deployment moves to Citus. Migrations in ./migrations
// are generated from this file by drizzle-kit (plus hand-written trigger migrations).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const price = (name: string) => numeric(name, { precision: 18, scale: 4 });
const qty = (name: string) => numeric(name, { precision: 18, scale: 4 });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

const companyId = () => uuid('company_id').notNull();
const rowId = () => uuid('id').notNull().default(sql`gen_random_uuid()`);
const stamps = () => ({
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const companies = pgTable('companies', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  code: varchar('code', { length: 32 }).notNull().unique(),
  name: varchar('name', { length: 200 }).notNull(),
  settings: jsonb('settings').notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Users are global to the installation; membership ties a user to each company it may
// work in, with that company's roles.
export const users = pgTable('users', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  username: varchar('username', { length: 64 }).notNull().unique(),
  displayName: varchar('display_name', { length: 100 }).notNull(),
  passwordHash: text('password_hash').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: ts('locked_until'),
  lastLoginAt: ts('last_login_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    companyId: companyId()
      .references(() => companies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    employeeId: uuid('employee_id'),
    roleIds: uuid('role_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const roles = pgTable(
  'roles',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    builtin: boolean('builtin').notNull().default(false),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), uniqueIndex('roles_code_uq').on(t.companyId, t.code)],
);

export const departments = pgTable(
  'departments',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    parentId: uuid('parent_id'),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('departments_code_uq').on(t.companyId, t.code),
    foreignKey({ columns: [t.companyId, t.parentId], foreignColumns: [t.companyId, t.id] }),
  ],
);

export const employees = pgTable(
  'employees',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    departmentId: uuid('department_id'),
    position: varchar('position', { length: 100 }),
    phone: varchar('phone', { length: 50 }),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('employees_code_uq').on(t.companyId, t.code),
    foreignKey({ columns: [t.companyId, t.departmentId], foreignColumns: [departments.companyId, departments.id] }),
  ],
);

export const productCategories = pgTable(
  'product_categories',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    parentId: uuid('parent_id'),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('product_categories_code_uq').on(t.companyId, t.code),
    foreignKey({ columns: [t.companyId, t.parentId], foreignColumns: [t.companyId, t.id] }),
  ],
);

export const products = pgTable(
  'products',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 50 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    spec: varchar('spec', { length: 200 }),
    series: varchar('series', { length: 100 }),
    colour: varchar('colour', { length: 50 }),
    size: varchar('size', { length: 50 }),
    categoryId: uuid('category_id'),
    baseUnit: varchar('base_unit', { length: 20 }).notNull(),
    barcode: varchar('barcode', { length: 64 }),
    packages: qty('packages'),
    purchasePrice: price('purchase_price'),
    wholesalePrice: price('wholesale_price'),
    retailPrice: price('retail_price'),
    price1: price('price1'),
    price2: price('price2'),
    price3: price('price3'),
    minStock: qty('min_stock'),
    maxStock: qty('max_stock'),
    sellingPoints: varchar('selling_points', { length: 1000 }),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('products_code_uq').on(t.companyId, t.code),
    index('products_barcode_idx').on(t.companyId, t.barcode),
    foreignKey({
      columns: [t.companyId, t.categoryId],
      foreignColumns: [productCategories.companyId, productCategories.id],
    }),
  ],
);

// Alternate units (箱 = 12 件). The base unit lives on the product with ratio 1.
export const productUnits = pgTable(
  'product_units',
  {
    companyId: companyId(),
    id: rowId(),
    productId: uuid('product_id').notNull(),
    name: varchar('name', { length: 20 }).notNull(),
    ratio: qty('ratio').notNull(),
    barcode: varchar('barcode', { length: 64 }),
    purchasePrice: price('purchase_price'),
    wholesalePrice: price('wholesale_price'),
    retailPrice: price('retail_price'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('product_units_name_uq').on(t.companyId, t.productId, t.name),
    index('product_units_barcode_idx').on(t.companyId, t.barcode),
    foreignKey({ columns: [t.companyId, t.productId], foreignColumns: [products.companyId, products.id] }),
  ],
);

export const suppliers = pgTable(
  'suppliers',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    contact: varchar('contact', { length: 100 }),
    phone: varchar('phone', { length: 50 }),
    mobile: varchar('mobile', { length: 50 }),
    fax: varchar('fax', { length: 50 }),
    address: varchar('address', { length: 300 }),
    taxNo: varchar('tax_no', { length: 50 }),
    bankName: varchar('bank_name', { length: 100 }),
    bankAccount: varchar('bank_account', { length: 64 }),
    paymentTerms: varchar('payment_terms', { length: 100 }),
    paymentDays: integer('payment_days'),
    status: varchar('status', { length: 16 }).notNull().default('qualified'),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), uniqueIndex('suppliers_code_uq').on(t.companyId, t.code)],
);

export const customers = pgTable(
  'customers',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    principal: varchar('principal', { length: 100 }),
    contact: varchar('contact', { length: 100 }),
    phone: varchar('phone', { length: 50 }),
    mobile: varchar('mobile', { length: 50 }),
    fax: varchar('fax', { length: 50 }),
    address: varchar('address', { length: 300 }),
    shippingAddress: varchar('shipping_address', { length: 300 }),
    consignee: varchar('consignee', { length: 100 }),
    consigneePhone: varchar('consignee_phone', { length: 50 }),
    region: varchar('region', { length: 100 }),
    grade: varchar('grade', { length: 4 }).notNull().default('C'),
    priceLevel: varchar('price_level', { length: 16 }).notNull().default('wholesale'),
    paymentTerm: varchar('payment_term', { length: 16 }).notNull().default('cash'),
    creditLimit: money('credit_limit').notNull().default('0'),
    creditDays: integer('credit_days'),
    salespersonId: uuid('salesperson_id'),
    regionalManagerId: uuid('regional_manager_id'),
    isFranchise: boolean('is_franchise').notNull().default(false),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('customers_code_uq').on(t.companyId, t.code),
    foreignKey({ columns: [t.companyId, t.salespersonId], foreignColumns: [employees.companyId, employees.id] }),
    foreignKey({
      columns: [t.companyId, t.regionalManagerId],
      foreignColumns: [employees.companyId, employees.id],
    }),
  ],
);

export const warehouses = pgTable(
  'warehouses',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    address: varchar('address', { length: 300 }),
    keeperId: uuid('keeper_id'),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('warehouses_code_uq').on(t.companyId, t.code),
    foreignKey({ columns: [t.companyId, t.keeperId], foreignColumns: [employees.companyId, employees.id] }),
  ],
);

// 结算账户: cash or bank accounts money moves through.
export const accounts = pgTable(
  'accounts',
  {
    companyId: companyId(),
    id: rowId(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    type: varchar('type', { length: 8 }).notNull(),
    bankName: varchar('bank_name', { length: 100 }),
    accountNo: varchar('account_no', { length: 64 }),
    openingBalance: money('opening_balance').notNull().default('0'),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), uniqueIndex('accounts_code_uq').on(t.companyId, t.code)],
);

// Gap-free document numbers: one row per (company, prefix, day), incremented inside the
// document's own transaction, so a rollback gives the number back.
export const docSequences = pgTable(
  'doc_sequences',
  {
    companyId: companyId(),
    prefix: varchar('prefix', { length: 8 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    lastNo: integer('last_no').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.prefix, t.day] })],
);

// Append-only: a trigger refuses UPDATE and DELETE.
export const auditLog = pgTable(
  'audit_log',
  {
    companyId: companyId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: ts('at').notNull().defaultNow(),
    userId: uuid('user_id'),
    action: varchar('action', { length: 32 }).notNull(),
    entity: varchar('entity', { length: 64 }).notNull(),
    entityId: varchar('entity_id', { length: 64 }),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('audit_log_entity_idx').on(t.companyId, t.entity, t.entityId),
  ],
);
