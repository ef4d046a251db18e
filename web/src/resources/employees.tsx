import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { codeField, L, nameField, remarkField, text } from './common';

export const employeesDef: ResourceDef = {
  key: 'employees',
  title: 'page.employees',
  noun: L('职员', 'employee'),
  defaultSort: 'code',
  formWidth: 640,
  fields: [
    codeField(),
    nameField({ width: 120 }),
    {
      name: 'departmentId',
      label: L('部门', 'Department'),
      type: 'reference',
      ref: 'departments',
      display: 'departmentName',
      list: true,
      filter: true,
      width: 120,
    },
    text('position', L('职位', 'Position'), { list: true, width: 100 }),
    text('phone', L('电话', 'Phone'), { list: true, width: 120 }),
    remarkField(),
  ],
};

export default function EmployeesPage() {
  return <ResourceListPage def={employeesDef} />;
}
