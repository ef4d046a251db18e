import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { codeField, L, nameField, opt, remarkField, text } from './common';

export const supplierStatus = [
  opt('candidate', '候选', 'Candidate', 'blue'),
  opt('qualified', '合格', 'Qualified', 'green'),
  opt('probation', '试用', 'Probation', 'orange'),
  opt('eliminated', '淘汰', 'Eliminated', 'red'),
];

export const suppliersDef: ResourceDef = {
  key: 'suppliers',
  title: 'page.suppliers',
  noun: L('供应商', 'supplier'),
  defaultSort: 'code',
  searchPlaceholder: L('编码 / 名称 / 电话 (按 / 聚焦)', 'Code / name / phone (press /)'),
  fields: [
    codeField(),
    nameField(),
    text('contact', L('联系人', 'Contact'), { list: true, width: 80 }),
    text('phone', L('电话', 'Phone'), { list: true, width: 120 }),
    text('mobile', L('手机', 'Mobile'), { list: true, width: 120 }),
    text('fax', L('传真', 'Fax')),
    text('address', L('地址', 'Address'), { list: true, width: 200, wide: true }),
    text('taxNo', L('税号', 'Tax no.')),
    text('bankName', L('开户银行', 'Bank')),
    text('bankAccount', L('银行账号', 'Bank account')),
    text('paymentTerms', L('付款条件', 'Payment terms'), { placeholder: L('如：月结30天', 'e.g. 30 days EOM') }),
    { name: 'paymentDays', label: L('账期天数', 'Payment days'), type: 'int', width: 80 },
    {
      name: 'status',
      // not 状态: the list also has 启用状态 (active / inactive)
      label: L('供应商状态', 'Supplier status'),
      type: 'select',
      options: supplierStatus,
      defaultValue: 'qualified',
      required: true,
      list: true,
      sortable: true,
      filter: true,
      width: 80,
    },
    remarkField(),
  ],
};

export default function SuppliersPage() {
  return <ResourceListPage def={suppliersDef} />;
}
