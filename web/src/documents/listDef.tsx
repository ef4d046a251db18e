import type { FieldDef, ResourceDef } from '../crud/types';
import type { LocalText, MsgKey } from '../i18n';
import { en, zhCN } from '../i18n/messages';
import { L, money, qty, text } from '../resources/common';
import { type DocKind, printHref } from './kinds';
import { partyOf } from './parties';
import { SettlementCell, settlementOptions, statusOptions } from './StatusTag';

/** A dictionary entry as a {zh, en} label (for definitions that take LocalText). */
export const localOf = (key: MsgKey): LocalText => ({ zh: zhCN[key], en: en[key] });

/** The list of one document kind: the generic list page with document filters. */
export function docListDef(kind: DocKind): ResourceDef {
  const goods = kind.layout === 'goods';
  const fields: FieldDef[] = [
    text('number', localOf('doc.number'), { list: true, sortable: true, width: 150, cell: (v) => <span className="erp-docno">{String(v ?? '')}</span> }),
    { name: 'date', label: localOf('doc.date'), type: 'date', list: true, sortable: true, width: 96 },
    {
      name: partyOf(kind).field,
      label: localOf(partyOf(kind).label),
      type: 'reference',
      ref: partyOf(kind).resource,
      display: 'partnerName',
      list: true,
      filter: true,
      width: 180,
    },
  ];
  if (goods) {
    fields.push(
      {
        name: 'warehouseId',
        label: localOf('doc.warehouse'),
        type: 'reference',
        ref: 'warehouses',
        display: 'warehouseName',
        list: true,
        filter: true,
        width: 90,
      },
      qty('totalQty', localOf('doc.totalQty'), { list: true, width: 80 }),
      money('total', localOf('doc.total'), { list: true, sortable: true, width: 120 }),
    );
  } else {
    fields.push({
      name: 'accountId',
      label: localOf('doc.account'),
      type: 'reference',
      ref: 'accounts',
      display: 'accountName',
      list: true,
      filter: true,
      width: 120,
    });
    if (kind.layout === 'settlement') {
      fields.push(
        money('paymentTotal', localOf(kind.settlement?.words.paymentTotal ?? 'settle.paymentTotal'), { list: true, width: 110 }),
        money('prepaymentUsed', localOf(kind.settlement?.words.prepaymentUsed ?? 'settle.prepaymentUsed'), { list: true, width: 110 }),
        money('total', localOf(kind.settlement?.words.settledTotal ?? 'settle.settledTotal'), { list: true, sortable: true, width: 110, signed: true }),
      );
    } else {
      fields.push(money('total', localOf('prepay.amount'), { list: true, sortable: true, width: 120, signed: true }));
    }
  }
  fields.push({
    name: 'status',
    // 单据状态 (未审核 / 已审核 / 部分入库…), beside 结算状态 on bills and returns
    label: L('单据状态', 'Status'),
    type: 'select',
    options: statusOptions(!!kind.isOrder, partyOf(kind).shipsOut),
    list: true,
    filter: true,
    sortable: true,
    width: 84,
  });
  if (kind.settles) {
    // 未结 / 部分结算 / 已结清 of an audited bill or return (the list filters by settlementStatus)
    fields.push({
      name: 'settlementStatus',
      label: localOf('doc.settlementStatus'),
      type: 'select',
      options: settlementOptions(),
      list: true,
      filter: true,
      width: 84,
      cell: (v, row) => (v ? <SettlementCell status={String(v)} open={row.openAmount as string | null} settled={row.settledAmount as string | null} /> : null),
    });
  }
  if (kind.settles) fields.push(money('openAmount', localOf('doc.openAmount'), { list: 'optional', form: false, signed: true, width: 110 }));
  fields.push(text('remark', localOf('doc.remark'), { list: true, width: 140 }));
  return {
    key: kind.resource,
    title: kind.title,
    noun: localOf(kind.name),
    fields,
    activeFilter: false,
    dateFilter: true,
    importable: false,
    pages: { newPath: `${kind.base}/new`, rowPath: (r) => `${kind.base}/${r.id}` },
    searchPlaceholder: partyOf(kind).searchPlaceholder,
    rowActions: [
      {
        key: 'audit',
        label: localOf('doc.audit'),
        permission: `${kind.resource}:audit`,
        visible: (r) => r.status === 'saved',
        request: () => ({ method: 'POST', path: 'audit' }),
        done: localOf('doc.auditDone'),
      },
      { key: 'print', label: localOf('common.print'), run: (r) => window.open(printHref(kind.resource, r.id), '_blank') },
    ],
  };
}
