// The master-data resources (基础资料): what each one stores and how it is searched.
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  accounts,
  customers,
  dealerAuthorizations,
  departments,
  employees,
  productCategories,
  products,
  roles,
  suppliers,
  warehouses,
} from '../../db/schema.js';
import type { Resource } from '../auth/permissions.js';
import { decimalField, type FieldDef, refField, text } from './fields.js';

export interface MasterResource {
  name: Resource;
  zh: string;
  en: string;
  // drizzle tables differ in columns; access goes through FieldDef columns.
  table: PgTable & Record<string, any>;
  fields: FieldDef[];
  defaultSort: string;
  /** Read-only extra output fields. */
  readOnly?: string[];
}

const remark = (t: { remark: never }) => text('remark', '备注', 'Remark', t.remark, 500);

export const SUPPLIER_STATUSES = ['candidate', 'qualified', 'probation', 'eliminated'] as const;

export const productCategoriesResource: MasterResource = {
  name: 'product-categories',
  zh: '商品类别',
  en: 'Product category',
  table: productCategories,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', productCategories.code, 32, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', productCategories.name, 100, { required: true, sortable: true, search: true }),
    refField('parentId', '上级类别', 'Parent', productCategories.parentId, 'product-categories', 'parentName'),
    remark(productCategories as never),
  ],
};

export const productsResource: MasterResource = {
  name: 'products',
  zh: '商品',
  en: 'Product',
  table: products,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', products.code, 50, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', products.name, 200, { required: true, sortable: true, search: true }),
    text('spec', '规格型号', 'Spec/model', products.spec, 200, { search: true, sortable: true }),
    text('series', '系列', 'Series', products.series, 100, { search: true, sortable: true, filterable: true }),
    text('colour', '颜色', 'Colour', products.colour, 50, { sortable: true, filterable: true }),
    text('size', '尺码', 'Size', products.size, 50, { sortable: true, filterable: true }),
    refField('categoryId', '类别', 'Category', products.categoryId, 'product-categories', 'categoryName'),
    text('baseUnit', '基本单位', 'Base unit', products.baseUnit, 20, { required: true }),
    text('barcode', '条码', 'Barcode', products.barcode, 64, { search: true }),
    decimalField('packages', '包数', 'Packages', products.packages, 'qty'),
    decimalField('purchasePrice', '进货价', 'Purchase price', products.purchasePrice, 'price', { price: true, sortable: true }),
    decimalField('wholesalePrice', '批发价', 'Wholesale price', products.wholesalePrice, 'price', { price: true, sortable: true }),
    decimalField('retailPrice', '零售价', 'Retail price', products.retailPrice, 'price', { price: true, sortable: true }),
    decimalField('price1', '一级价', 'Price level 1', products.price1, 'price', { price: true }),
    decimalField('price2', '二级价', 'Price level 2', products.price2, 'price', { price: true }),
    decimalField('price3', '三级价', 'Price level 3', products.price3, 'price', { price: true }),
    decimalField('minStock', '最低库存', 'Min stock', products.minStock, 'qty'),
    decimalField('maxStock', '最高库存', 'Max stock', products.maxStock, 'qty'),
    text('sellingPoints', '卖点', 'Selling points', products.sellingPoints, 1000),
    remark(products as never),
  ],
};

export const suppliersResource: MasterResource = {
  name: 'suppliers',
  zh: '供应商',
  en: 'Supplier',
  table: suppliers,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', suppliers.code, 32, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', suppliers.name, 200, { required: true, sortable: true, search: true }),
    text('contact', '联系人', 'Contact', suppliers.contact, 100, { search: true }),
    text('phone', '电话', 'Phone', suppliers.phone, 50, { search: true }),
    text('mobile', '手机', 'Mobile', suppliers.mobile, 50, { search: true }),
    text('fax', '传真', 'Fax', suppliers.fax, 50),
    text('address', '地址', 'Address', suppliers.address, 300),
    text('taxNo', '税号', 'Tax number', suppliers.taxNo, 50),
    text('bankName', '开户银行', 'Bank', suppliers.bankName, 100),
    text('bankAccount', '银行账号', 'Bank account', suppliers.bankAccount, 64),
    text('paymentTerms', '付款条件', 'Payment terms', suppliers.paymentTerms, 100),
    { key: 'paymentDays', zh: '账期天数', en: 'Payment days', type: 'int', column: suppliers.paymentDays },
    {
      key: 'status',
      zh: '状态',
      en: 'Status',
      type: 'enum',
      column: suppliers.status,
      values: SUPPLIER_STATUSES,
      valueLabels: { candidate: '候选', qualified: '合格', probation: '试用', eliminated: '淘汰' },
      filterable: true,
      sortable: true,
      defaultValue: 'qualified',
    },
    remark(suppliers as never),
  ],
};

export const customersResource: MasterResource = {
  name: 'customers',
  zh: '客户',
  en: 'Customer',
  table: customers,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', customers.code, 32, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', customers.name, 200, { required: true, sortable: true, search: true }),
    text('principal', '负责人', 'Principal', customers.principal, 100, { search: true }),
    text('contact', '联系人', 'Contact', customers.contact, 100, { search: true }),
    text('phone', '电话', 'Phone', customers.phone, 50, { search: true }),
    text('mobile', '手机', 'Mobile', customers.mobile, 50, { search: true }),
    text('fax', '传真', 'Fax', customers.fax, 50),
    text('address', '地址', 'Address', customers.address, 300),
    text('shippingAddress', '收货地址', 'Shipping address', customers.shippingAddress, 300),
    text('consignee', '收货人', 'Consignee', customers.consignee, 100),
    text('consigneePhone', '收货人电话', 'Consignee phone', customers.consigneePhone, 50),
    text('region', '区域', 'Region', customers.region, 100, { filterable: true, sortable: true, search: true }),
    {
      key: 'grade',
      zh: '等级',
      en: 'Grade',
      type: 'enum',
      column: customers.grade,
      values: ['A', 'B', 'C', 'D'],
      filterable: true,
      sortable: true,
      defaultValue: 'C',
    },
    {
      key: 'priceLevel',
      zh: '价格等级',
      en: 'Price level',
      type: 'enum',
      column: customers.priceLevel,
      values: ['retail', 'wholesale', 'price1', 'price2', 'price3'],
      valueLabels: { retail: '零售价', wholesale: '批发价', price1: '一级价', price2: '二级价', price3: '三级价' },
      filterable: true,
      defaultValue: 'wholesale',
    },
    {
      key: 'paymentTerm',
      zh: '结算方式',
      en: 'Payment term',
      type: 'enum',
      column: customers.paymentTerm,
      values: ['cash', 'credit'],
      valueLabels: { cash: '现款', credit: '赊销' },
      filterable: true,
      defaultValue: 'cash',
    },
    decimalField('creditLimit', '信用额度', 'Credit limit', customers.creditLimit, 'money', { defaultValue: '0', price: true }),
    { key: 'creditDays', zh: '信用天数', en: 'Credit days', type: 'int', column: customers.creditDays },
    refField('salespersonId', '业务员', 'Salesperson', customers.salespersonId, 'employees', 'salespersonName'),
    refField('regionalManagerId', '区域经理', 'Regional manager', customers.regionalManagerId, 'employees', 'regionalManagerName'),
    {
      key: 'isFranchise',
      zh: '专卖店',
      en: 'Franchise store',
      type: 'bool',
      column: customers.isFranchise,
      filterable: true,
      defaultValue: false,
    },
    remark(customers as never),
  ],
};

export const departmentsResource: MasterResource = {
  name: 'departments',
  zh: '部门',
  en: 'Department',
  table: departments,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', departments.code, 32, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', departments.name, 100, { required: true, sortable: true, search: true }),
    refField('parentId', '上级部门', 'Parent', departments.parentId, 'departments', 'parentName'),
    remark(departments as never),
  ],
};

export const employeesResource: MasterResource = {
  name: 'employees',
  zh: '职员',
  en: 'Employee',
  table: employees,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', employees.code, 32, { required: true, sortable: true, search: true }),
    text('name', '姓名', 'Name', employees.name, 100, { required: true, sortable: true, search: true }),
    refField('departmentId', '部门', 'Department', employees.departmentId, 'departments', 'departmentName'),
    text('position', '职位', 'Position', employees.position, 100, { search: true }),
    text('phone', '电话', 'Phone', employees.phone, 50, { search: true }),
    remark(employees as never),
  ],
};

export const warehousesResource: MasterResource = {
  name: 'warehouses',
  zh: '仓库',
  en: 'Warehouse',
  table: warehouses,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', warehouses.code, 32, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', warehouses.name, 100, { required: true, sortable: true, search: true }),
    text('address', '地址', 'Address', warehouses.address, 300),
    refField('keeperId', '库管员', 'Keeper', warehouses.keeperId, 'employees', 'keeperName'),
    remark(warehouses as never),
  ],
};

export const accountsResource: MasterResource = {
  name: 'accounts',
  zh: '结算账户',
  en: 'Settlement account',
  table: accounts,
  defaultSort: 'code',
  fields: [
    text('code', '编码', 'Code', accounts.code, 32, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', accounts.name, 100, { required: true, sortable: true, search: true }),
    {
      key: 'type',
      zh: '类型',
      en: 'Type',
      type: 'enum',
      column: accounts.type,
      values: ['cash', 'bank'],
      valueLabels: { cash: '现金', bank: '银行' },
      required: true,
      filterable: true,
    },
    text('bankName', '开户银行', 'Bank', accounts.bankName, 100),
    text('accountNo', '账号', 'Account no.', accounts.accountNo, 64, { search: true }),
    decimalField('openingBalance', '期初余额', 'Opening balance', accounts.openingBalance, 'money', {
      nonNegative: false,
      defaultValue: '0',
    }),
    remark(accounts as never),
  ],
};

export const rolesResource: MasterResource = {
  name: 'roles',
  zh: '角色',
  en: 'Role',
  table: roles,
  defaultSort: 'code',
  readOnly: ['builtin'],
  fields: [
    text('code', '编码', 'Code', roles.code, 32, { required: true, sortable: true, search: true }),
    text('name', '名称', 'Name', roles.name, 100, { required: true, sortable: true, search: true }),
    { key: 'permissions', zh: '权限', en: 'Permissions', type: 'permissions', column: roles.permissions, required: true },
  ],
};

/** S1 经销商授权书: which dealer may sell where, until when. */
export const dealerAuthorizationsResource: MasterResource = {
  name: 'dealer-authorizations',
  zh: '经销商授权书',
  en: 'Dealer authorisation',
  table: dealerAuthorizations,
  defaultSort: 'code',
  fields: [
    text('code', '授权书编号', 'Number', dealerAuthorizations.code, 32, { required: true, sortable: true, search: true }),
    text('name', '经销商名称', 'Dealer name', dealerAuthorizations.name, 200, { required: true, sortable: true, search: true }),
    refField('customerId', '客户', 'Customer', dealerAuthorizations.customerId, 'customers', 'customerName', { required: true }),
    text('territory', '授权区域', 'Territory', dealerAuthorizations.territory, 200, { required: true, search: true, sortable: true }),
    { key: 'validFrom', zh: '生效日期', en: 'Valid from', type: 'date', column: dealerAuthorizations.validFrom, required: true, sortable: true },
    { key: 'validTo', zh: '截止日期', en: 'Valid to', type: 'date', column: dealerAuthorizations.validTo, required: true, sortable: true },
    remark(dealerAuthorizations as never),
  ],
};

export const MASTER_RESOURCES: MasterResource[] = [
  productCategoriesResource,
  productsResource,
  suppliersResource,
  customersResource,
  departmentsResource,
  employeesResource,
  warehousesResource,
  accountsResource,
  rolesResource,
  dealerAuthorizationsResource,
];

export const resourceByName = (name: string) => MASTER_RESOURCES.find((r) => r.name === name);
