import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { codeField, L, money, nameField, opt, remarkField, text } from './common';

export const accountsDef: ResourceDef = {
  key: 'accounts',
  title: 'page.accounts',
  noun: L('结算账户', 'account'),
  defaultSort: 'code',
  formWidth: 640,
  fields: [
    codeField(),
    nameField(),
    {
      name: 'type',
      label: L('类型', 'Type'),
      type: 'select',
      required: true,
      options: [opt('cash', '现金', 'Cash', 'green'), opt('bank', '银行', 'Bank', 'blue')],
      list: true,
      filter: true,
      width: 70,
    },
    text('bankName', L('开户银行', 'Bank'), { list: true, width: 160 }),
    text('accountNo', L('账号', 'Account no.'), { list: true, width: 180 }),
    money('openingBalance', L('期初余额', 'Opening balance'), { signed: true, list: true, placeholder: L('0.00', '0.00') }),
    remarkField(),
  ],
};

export default function AccountsPage() {
  return <ResourceListPage def={accountsDef} />;
}
