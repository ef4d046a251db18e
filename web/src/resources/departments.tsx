import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { codeField, L, nameField, remarkField } from './common';

export const departmentsDef: ResourceDef = {
  key: 'departments',
  title: 'page.departments',
  noun: L('部门', 'department'),
  defaultSort: 'code',
  formWidth: 560,
  formColumns: 1,
  fields: [
    codeField(),
    nameField(),
    {
      name: 'parentId',
      label: L('上级部门', 'Parent'),
      type: 'reference',
      ref: 'departments',
      display: 'parentName',
      list: true,
      width: 160,
    },
    remarkField(),
  ],
};

export default function DepartmentsPage() {
  return <ResourceListPage def={departmentsDef} />;
}
