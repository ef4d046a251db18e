import { Tag } from 'antd';
import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { useI18n } from '../i18n';
import { codeField, L, nameField } from './common';
import { PermissionGrid } from './PermissionGrid';

function BuiltinTag({ builtin }: { builtin: boolean }) {
  const { tl } = useI18n();
  return builtin ? <Tag color="purple">{tl(L('内置', 'Built-in'))}</Tag> : null;
}

export const rolesDef: ResourceDef = {
  key: 'roles',
  title: 'page.roles',
  noun: L('角色', 'role'),
  defaultSort: 'code',
  formWidth: 900,
  formColumns: 2,
  fields: [
    codeField(),
    nameField(),
    {
      name: 'builtin',
      label: L('内置', 'Built-in'),
      type: 'bool',
      form: false,
      list: true,
      width: 70,
      cell: (v) => <BuiltinTag builtin={!!v} />,
    },
    {
      name: 'permissions',
      label: L('权限', 'Permissions'),
      type: 'custom',
      required: true,
      enterSkip: true,
      list: true,
      width: 80,
      defaultValue: [],
      cell: (v) => (Array.isArray(v) ? v.length : null),
      render: ({ value, onChange, id }) => <PermissionGrid id={id} value={value} onChange={onChange} />,
    },
  ],
};

export default function RolesPage() {
  return <ResourceListPage def={rolesDef} />;
}
