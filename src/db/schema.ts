// The relational schema. Every business table carries company_id (账套) and leads its
// primary key and unique indexes with it: queries are always scoped by it, and it is
// the distribution column if a deployment moves to Citus. Migrations in ./migrations
// are generated from this file by drizzle-kit (plus hand-written trigger migrations).
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
/**
 * 10.6 A reference to a row of the same company: (company_id, column) → (company_id, id),
 * so another company's id is as absent as a random one. Named, so a violation that reaches
 * the error handler can be told apart; the save path checks first (core/references.ts).
 */
const sameCompany = (name: string, column: AnyPgColumn, companyColumn: AnyPgColumn, target: { companyId: AnyPgColumn; id: AnyPgColumn }) =>
  foreignKey({ name, columns: [companyColumn, column], foreignColumns: [target.companyId, target.id] });
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

// 10.9 Failed logins per client address (every user name together), shared by every
// server of the database; forgotten after a quiet window.
export const loginThrottles = pgTable('login_throttles', {
  address: varchar('address', { length: 64 }).primaryKey(),
  failures: integer('failures').notNull().default(0),
  blockedUntil: ts('blocked_until'),
  lastFailureAt: ts('last_failure_at').notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    companyId: companyId().references(() => companies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    employeeId: uuid('employee_id'),
    roleIds: uuid('role_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    // role_ids is an array: no foreign key can hold it; users.service checks each id.
    sameCompany('memberships_employee_id_fk', t.employeeId, t.companyId, employees),
  ],
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
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), index('audit_log_entity_idx').on(t.companyId, t.entity, t.entityId)],
);

// ---- Documents (单据) and the ledgers they post to ----------------------------------

// One header table for every kind of document; what differs per kind lives in its
// module (src/modules/<domain>/kinds). Status: saved (未审核) → audited (已审核); orders
// also partial / completed / closed.
export const documents = pgTable(
  'documents',
  {
    companyId: companyId(),
    id: rowId(),
    kind: varchar('kind', { length: 32 }).notNull(),
    number: varchar('number', { length: 32 }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('saved'),
    partnerId: uuid('partner_id'),
    warehouseId: uuid('warehouse_id'),
    accountId: uuid('account_id'),
    employeeId: uuid('employee_id'),
    /** The document this one was made from: the PO of a bill, the bill of a return. */
    sourceId: uuid('source_id'),
    remark: varchar('remark', { length: 500 }),
    /** Kind-specific fields (a sales order's source, confirmation, deposit…). */
    extra: jsonb('extra').notNull().default({}),
    totalQty: qty('total_qty').notNull().default('0'),
    /** Lines' amount before tax. */
    amount: money('amount').notNull().default('0'),
    taxAmount: money('tax_amount').notNull().default('0'),
    /** amount + tax: what the partner is owed or owes. */
    total: money('total').notNull().default('0'),
    /** Settlements: 付款总额 paid now, and prepaid balance used. */
    paymentTotal: money('payment_total'),
    prepaymentUsed: money('prepayment_used'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    auditedBy: uuid('audited_by'),
    auditedAt: ts('audited_at'),
    closedBy: uuid('closed_by'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('documents_number_uq').on(t.companyId, t.number),
    index('documents_kind_date_idx').on(t.companyId, t.kind, t.date),
    index('documents_partner_idx').on(t.companyId, t.partnerId, t.kind),
    index('documents_source_idx').on(t.companyId, t.sourceId),
    // partner_id is a supplier or a customer by kind: no one table to point at.
    sameCompany('documents_warehouse_id_fk', t.warehouseId, t.companyId, warehouses),
    sameCompany('documents_account_id_fk', t.accountId, t.companyId, accounts),
    sameCompany('documents_employee_id_fk', t.employeeId, t.companyId, employees),
    sameCompany('documents_source_id_fk', t.sourceId, t.companyId, t),
  ],
);

export const documentLines = pgTable(
  'document_lines',
  {
    companyId: companyId(),
    id: rowId(),
    documentId: uuid('document_id').notNull(),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id'),
    unitId: uuid('unit_id'),
    unitName: varchar('unit_name', { length: 20 }),
    /** Base units per unit of this line (箱 = 12 件 → 12). */
    unitRatio: qty('unit_ratio').notNull().default('1'),
    qty: qty('qty').notNull().default('0'),
    baseQty: qty('base_qty').notNull().default('0'),
    price: price('price').notNull().default('0'),
    taxRate: numeric('tax_rate', { precision: 6, scale: 4 }).notNull().default('0'),
    /** Percent off the price (sales). */
    discount: numeric('discount', { precision: 6, scale: 4 }).notNull().default('0'),
    amount: money('amount').notNull().default('0'),
    taxAmount: money('tax_amount').notNull().default('0'),
    total: money('total').notNull().default('0'),
    /** Cost of goods this line moved, as posted (returns, deliveries). */
    costAmount: money('cost_amount'),
    promisedDate: date('promised_date', { mode: 'string' }),
    /** Bill line → PO line; return line → bill line. */
    orderLineId: uuid('order_line_id'),
    billLineId: uuid('bill_line_id'),
    /** Settlement allocation → the bill or return it settles. */
    refDocumentId: uuid('ref_document_id'),
    /** PO lines: received (base qty, via audited bills); PO and bill lines: returned. */
    receivedQty: qty('received_qty').notNull().default('0'),
    returnedQty: qty('returned_qty').notNull().default('0'),
    /** Sales order lines: stock set aside for this line by allocation (S3), base units. */
    reservedQty: qty('reserved_qty').notNull().default('0'),
    remark: varchar('remark', { length: 200 }),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('document_lines_doc_idx').on(t.companyId, t.documentId, t.lineNo),
    index('document_lines_order_line_idx').on(t.companyId, t.orderLineId),
    index('document_lines_bill_line_idx').on(t.companyId, t.billLineId),
    index('document_lines_ref_doc_idx').on(t.companyId, t.refDocumentId),
    index('document_lines_product_idx').on(t.companyId, t.productId),
    sameCompany('document_lines_document_id_fk', t.documentId, t.companyId, documents),
    sameCompany('document_lines_product_id_fk', t.productId, t.companyId, products),
    sameCompany('document_lines_unit_id_fk', t.unitId, t.companyId, productUnits),
    sameCompany('document_lines_ref_document_id_fk', t.refDocumentId, t.companyId, documents),
    // order_line_id and bill_line_id have none: the lines of an unaudited document are
    // replaced on every save (documents.service), while a saved or deleted document may
    // still name the old ones. They are checked at save and again under lock at audit.
  ],
);

// Append-only ledgers: a trigger refuses UPDATE and DELETE; corrections are reversal rows.
export const stockMoves = pgTable(
  'stock_moves',
  {
    companyId: companyId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    documentId: uuid('document_id').notNull(),
    lineId: uuid('line_id'),
    productId: uuid('product_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    qty: qty('qty').notNull(),
    costAmount: money('cost_amount').notNull(),
    balanceQty: qty('balance_qty').notNull(),
    balanceValue: money('balance_value').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('stock_moves_product_idx').on(t.companyId, t.productId, t.warehouseId, t.id),
    index('stock_moves_document_idx').on(t.companyId, t.documentId),
    // line_id has none: an un-audited document's lines are replaced when it is edited.
    sameCompany('stock_moves_document_id_fk', t.documentId, t.companyId, documents),
    sameCompany('stock_moves_product_id_fk', t.productId, t.companyId, products),
    sameCompany('stock_moves_warehouse_id_fk', t.warehouseId, t.companyId, warehouses),
  ],
);

export const stockBalances = pgTable(
  'stock_balances',
  {
    companyId: companyId(),
    productId: uuid('product_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    qty: qty('qty').notNull().default('0'),
    value: money('value').notNull().default('0'),
    /** Moving-average unit cost, kept to 6 places. */
    avgCost: numeric('avg_cost', { precision: 20, scale: 6 }).notNull().default('0'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.productId, t.warehouseId] }),
    sameCompany('stock_balances_product_id_fk', t.productId, t.companyId, products),
    sameCompany('stock_balances_warehouse_id_fk', t.warehouseId, t.companyId, warehouses),
  ],
);

export const partnerEntries = pgTable(
  'partner_entries',
  {
    companyId: companyId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    documentId: uuid('document_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    /** payable | prepaid | receivable | advance */
    account: varchar('account', { length: 16 }).notNull(),
    amount: money('amount').notNull(),
    balanceAfter: money('balance_after').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('partner_entries_partner_idx').on(t.companyId, t.partnerId, t.account, t.id),
    index('partner_entries_document_idx').on(t.companyId, t.documentId),
    sameCompany('partner_entries_document_id_fk', t.documentId, t.companyId, documents),
  ],
);

export const partnerBalances = pgTable(
  'partner_balances',
  {
    companyId: companyId(),
    partnerId: uuid('partner_id').notNull(),
    account: varchar('account', { length: 16 }).notNull(),
    balance: money('balance').notNull().default('0'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.partnerId, t.account] })],
);

export const cashEntries = pgTable(
  'cash_entries',
  {
    companyId: companyId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    documentId: uuid('document_id').notNull(),
    accountId: uuid('account_id').notNull(),
    amount: money('amount').notNull(),
    balanceAfter: money('balance_after').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('cash_entries_account_idx').on(t.companyId, t.accountId, t.id),
    index('cash_entries_document_idx').on(t.companyId, t.documentId),
    sameCompany('cash_entries_document_id_fk', t.documentId, t.companyId, documents),
    sameCompany('cash_entries_account_id_fk', t.accountId, t.companyId, accounts),
  ],
);

/** Balance of a settlement account = its opening balance + its cash entries. */
export const cashBalances = pgTable(
  'cash_balances',
  {
    companyId: companyId(),
    accountId: uuid('account_id').notNull(),
    balance: money('balance').notNull().default('0'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.accountId] }), sameCompany('cash_balances_account_id_fk', t.accountId, t.companyId, accounts)],
);

// Open items (往来单据): what an audited bill or return leaves to settle. Bills are
// positive, returns negative; `settled` has the same sign and never passes `amount`.
export const openItems = pgTable(
  'open_items',
  {
    companyId: companyId(),
    documentId: uuid('document_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    account: varchar('account', { length: 16 }).notNull(),
    amount: money('amount').notNull(),
    settled: money('settled').notNull().default('0'),
    dueDate: date('due_date', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.documentId] }),
    index('open_items_partner_idx').on(t.companyId, t.partnerId, t.account),
    sameCompany('open_items_document_id_fk', t.documentId, t.companyId, documents),
  ],
);

// Idempotency-Key: the first result of a POST is kept and replayed for a retry.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    companyId: companyId(),
    /** Keys are the user's own: another clerk's same key is another request. */
    userId: uuid('user_id').notNull(),
    key: varchar('key', { length: 200 }).notNull(),
    requestHash: varchar('request_hash', { length: 64 }).notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.userId, t.key] })],
);

// S9 客户投诉: received → confirmed by the business manager → a replacement-part order
// (补件单) or an exchange → closed. Each step is signed.
export const complaints = pgTable(
  'complaints',
  {
    companyId: companyId(),
    id: rowId(),
    number: varchar('number', { length: 32 }).notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    customerId: uuid('customer_id').notNull(),
    orderId: uuid('order_id'),
    productId: uuid('product_id'),
    description: varchar('description', { length: 2000 }).notNull(),
    /** Links or file names of photos and scans the customer sent. */
    attachments: text('attachments').array().notNull().default(sql`'{}'::text[]`),
    status: varchar('status', { length: 16 }).notNull().default('received'),
    resolution: varchar('resolution', { length: 16 }),
    receivedBy: uuid('received_by'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: ts('confirmed_at'),
    confirmationNote: varchar('confirmation_note', { length: 500 }),
    replacementOrderId: uuid('replacement_order_id'),
    closedBy: uuid('closed_by'),
    closedAt: ts('closed_at'),
    closingNote: varchar('closing_note', { length: 500 }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('complaints_number_uq').on(t.companyId, t.number),
    index('complaints_customer_idx').on(t.companyId, t.customerId),
    index('complaints_received_idx').on(t.companyId, t.receivedAt),
    sameCompany('complaints_customer_id_fk', t.customerId, t.companyId, customers),
    sameCompany('complaints_order_id_fk', t.orderId, t.companyId, documents),
    sameCompany('complaints_product_id_fk', t.productId, t.companyId, products),
    sameCompany('complaints_replacement_order_id_fk', t.replacementOrderId, t.companyId, documents),
  ],
);

// S1 经销商授权书: number, territory, validity; printable.
export const dealerAuthorizations = pgTable(
  'dealer_authorizations',
  {
    companyId: companyId(),
    id: rowId(),
    /** 授权书编号. */
    code: varchar('code', { length: 32 }).notNull(),
    /** The dealer's name on the letter (the customer's, unless it differs). */
    name: varchar('name', { length: 200 }).notNull(),
    customerId: uuid('customer_id').notNull(),
    territory: varchar('territory', { length: 200 }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    remark: varchar('remark', { length: 500 }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('dealer_authorizations_code_uq').on(t.companyId, t.code),
    foreignKey({ columns: [t.companyId, t.customerId], foreignColumns: [customers.companyId, customers.id] }),
  ],
);

// A2 审批: one row per step of a round of approvals of a document. Submitting opens a
// round (its steps from the kind's chain for the total then); an edit that changes what
// was approved voids the round's rows; a rejection ends the round. What was approved —
// total, partner, a fingerprint of the lines — is kept on each row.
export const approvals = pgTable(
  'approvals',
  {
    companyId: companyId(),
    id: rowId(),
    documentId: uuid('document_id').notNull(),
    round: integer('round').notNull(),
    step: integer('step').notNull(),
    /** Who decides: a role (by code), a user, or — neither — anyone holding <resource>:approve. */
    approverRole: varchar('approver_role', { length: 32 }),
    approverUserId: uuid('approver_user_id'),
    /** The step applies above this total (null: always). */
    aboveTotal: money('above_total'),
    decision: varchar('decision', { length: 16 }).notNull().default('pending'),
    comment: varchar('comment', { length: 300 }),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    submittedBy: uuid('submitted_by'),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    snapshotTotal: money('snapshot_total').notNull(),
    snapshotPartnerId: uuid('snapshot_partner_id'),
    snapshotLines: varchar('snapshot_lines', { length: 64 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('approvals_step_uq').on(t.companyId, t.documentId, t.round, t.step),
    index('approvals_pending_idx').on(t.companyId, t.decision),
    foreignKey({ columns: [t.companyId, t.documentId], foreignColumns: [documents.companyId, documents.id] }),
  ],
);
