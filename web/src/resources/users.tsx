import { Tag } from 'antd';
import dayjs from 'dayjs';
import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { useI18n } from '../i18n';
import { L, text } from './common';

function LockedTag({ locked }: { locked: boolean }) {
  const { t } = useI18n();
  return locked ? <Tag color="red">{t('user.locked')}</Tag> : null;
}

export const usersDef: ResourceDef = {
  key: 'users',
  title: 'page.users',
  noun: L('用户', 'user'),
  defaultSort: 'username',
  formWidth: 640,
  rowLabel: (r) => (r.displayName ? `${String(r.username)}（${String(r.displayName)}）` : String(r.username)),
  searchPlaceholder: L('用户名 / 姓名 (按 / 聚焦)', 'Username / name (press /)'),
  // the server has no user import (users are created one by one, with a password)
  importable: false,
  rowActions: [
    {
      key: 'unlock',
      label: L('解锁', 'Unlock'),
      permission: 'users:edit',
      visible: (r) => r.locked === true,
      confirm: L('确定解锁“{name}”吗？', 'Unlock “{name}”?'),
      request: () => ({ method: 'PATCH', json: { locked: false } }),
      done: L('已解锁', 'Unlocked'),
    },
  ],
  fields: [
    text('username', L('用户名', 'Username'), { required: true, list: true, sortable: true, width: 120, maxLength: 50 }),
    text('displayName', L('姓名', 'Display name'), { required: true, list: true, sortable: true, width: 120, maxLength: 100 }),
    {
      name: 'password',
      label: L('密码', 'Password'),
      editLabel: L('新密码', 'New password'),
      placeholder: undefined,
      type: 'password',
      required: 'create',
      minLength: 8,
    },
    {
      name: 'employeeId',
      label: L('对应职员', 'Employee'),
      type: 'reference',
      ref: 'employees',
      display: 'employeeName',
      list: true,
      width: 120,
    },
    {
      name: 'roleIds',
      label: L('角色', 'Roles'),
      type: 'reference',
      ref: 'roles',
      multiple: true,
      display: 'roleNames',
      list: true,
      wide: true,
      width: 220,
    },
    {
      name: 'locked',
      label: L('锁定', 'Locked'),
      type: 'bool',
      form: false,
      list: true,
      width: 70,
      cell: (v) => <LockedTag locked={!!v} />,
    },
    {
      name: 'lastLoginAt',
      label: L('最后登录', 'Last login'),
      type: 'text',
      form: false,
      list: true,
      sortable: true,
      width: 140,
      cell: (v) => (v ? dayjs(String(v)).format('YYYY-MM-DD HH:mm') : null),
    },
  ],
};

export default function UsersPage() {
  return <ResourceListPage def={usersDef} />;
}
