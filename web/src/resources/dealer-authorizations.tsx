import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { L, remarkField, text } from './common';

/** S1 经销商授权书: number, dealer, customer, territory and validity; prints as a letter. */
export const dealerAuthorizationsDef: ResourceDef = {
  key: 'dealer-authorizations',
  title: 'page.dealerAuthorizations',
  noun: L('经销商授权书', 'dealer authorisation'),
  defaultSort: 'code',
  formWidth: 640,
  formColumns: 2,
  searchPlaceholder: L('编号 / 名称 / 区域 (按 / 聚焦)', 'No. / name / territory (press /)'),
  fields: [
    text('code', L('授权书编号', 'Letter No.'), { required: true, list: true, sortable: true, width: 130, maxLength: 32 }),
    text('name', L('经销商名称', 'Dealer name'), { required: true, list: true, sortable: true, width: 200 }),
    {
      name: 'customerId',
      label: L('客户', 'Customer'),
      type: 'reference',
      ref: 'customers',
      display: 'customerName',
      required: true,
      list: true,
      filter: true,
      width: 180,
    },
    text('territory', L('授权区域', 'Territory'), { required: true, list: true, sortable: true, width: 120 }),
    { name: 'validFrom', label: L('生效日期', 'Valid from'), type: 'date', required: true, list: true, sortable: true, width: 100 },
    { name: 'validTo', label: L('截止日期', 'Valid to'), type: 'date', required: true, list: true, sortable: true, width: 100 },
    remarkField(),
  ],
  rowActions: [{ key: 'print', label: L('打印授权书', 'Print letter'), run: (r) => window.open(`/print/dealer-authorizations/${r.id}`, '_blank') }],
};

export default function DealerAuthorizationsPage() {
  return <ResourceListPage def={dealerAuthorizationsDef} />;
}
