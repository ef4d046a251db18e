import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { codeField, L, nameField, remarkField, text } from './common';

export const warehousesDef: ResourceDef = {
  key: 'warehouses',
  title: 'page.warehouses',
  noun: L('仓库', 'warehouse'),
  defaultSort: 'code',
  formWidth: 640,
  fields: [
    codeField(),
    nameField(),
    {
      name: 'keeperId',
      label: L('库管员', 'Keeper'),
      type: 'reference',
      ref: 'employees',
      display: 'keeperName',
      list: true,
      width: 100,
    },
    text('address', L('地址', 'Address'), { list: true, width: 240, wide: true }),
    remarkField(),
  ],
};

export default function WarehousesPage() {
  return <ResourceListPage def={warehousesDef} />;
}
