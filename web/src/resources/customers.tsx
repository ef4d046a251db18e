import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { codeField, L, money, nameField, opt, remarkField, text } from './common';

export const customersDef: ResourceDef = {
  key: 'customers',
  title: 'page.customers',
  noun: L('客户', 'customer'),
  defaultSort: 'code',
  formWidth: 900,
  formColumns: 3,
  searchPlaceholder: L('编码 / 名称 / 电话 (按 / 聚焦)', 'Code / name / phone (press /)'),
  fields: [
    codeField(),
    nameField(),
    text('principal', L('负责人', 'Principal')),
    text('contact', L('联系人', 'Contact'), { list: true, width: 80 }),
    text('phone', L('电话', 'Phone'), { list: true, width: 120 }),
    text('mobile', L('手机', 'Mobile'), { list: true, width: 120 }),
    text('fax', L('传真', 'Fax')),
    text('region', L('区域', 'Region'), { list: true, sortable: true, width: 80 }),
    {
      name: 'grade',
      label: L('等级', 'Grade'),
      type: 'select',
      options: [opt('A', 'A', 'A', 'gold'), opt('B', 'B', 'B', 'blue'), opt('C', 'C', 'C'), opt('D', 'D', 'D')],
      list: true,
      sortable: true,
      filter: true,
      width: 60,
    },
    text('address', L('地址', 'Address'), { wide: true }),
    text('shippingAddress', L('收货地址', 'Shipping address'), { wide: true }),
    text('consignee', L('收货人', 'Consignee')),
    text('consigneePhone', L('收货人电话', 'Consignee phone')),
    {
      name: 'priceLevel',
      label: L('价格等级', 'Price level'),
      type: 'select',
      options: [
        opt('retail', '零售价', 'Retail'),
        opt('wholesale', '批发价', 'Wholesale'),
        opt('price1', '一级价', 'Level 1'),
        opt('price2', '二级价', 'Level 2'),
        opt('price3', '三级价', 'Level 3'),
      ],
      filter: true,
    },
    {
      name: 'paymentTerm',
      label: L('结算方式', 'Payment term'),
      type: 'select',
      options: [opt('cash', '现款', 'Cash', 'green'), opt('credit', '赊销', 'Credit', 'orange')],
      list: true,
      filter: true,
      width: 80,
    },
    money('creditLimit', L('信用额度', 'Credit limit'), { list: true, width: 100, permission: 'customers:price' }),
    { name: 'creditDays', label: L('信用天数', 'Credit days'), type: 'int' },
    {
      name: 'salespersonId',
      label: L('业务员', 'Salesperson'),
      type: 'reference',
      ref: 'employees',
      display: 'salespersonName',
      list: true,
      filter: true,
      width: 90,
    },
    {
      name: 'regionalManagerId',
      label: L('区域经理', 'Regional manager'),
      type: 'reference',
      ref: 'employees',
      display: 'regionalManagerName',
    },
    { name: 'isFranchise', label: L('专卖店', 'Franchise store'), type: 'bool', list: true, filter: true, width: 70 },
    remarkField(),
  ],
};

export default function CustomersPage() {
  return <ResourceListPage def={customersDef} />;
}
