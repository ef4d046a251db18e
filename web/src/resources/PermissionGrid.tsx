import { Checkbox, Spin, Table, Typography } from 'antd';
import { errorText } from '../api/errors';
import { RESOURCE_TITLES, useMeta } from '../api/meta';
import type { Meta, MetaPermission } from '../api/types';
import { type MsgKey, useI18n } from '../i18n';

const ACTION_ORDER = ['view', 'create', 'edit', 'delete', 'audit', 'approve', 'price', 'import', 'export'];

interface ResourceRow {
  resource: string;
  label?: string;
  actions: string[];
}

/** Resources × actions from either shape of GET /meta. */
export function metaRows(meta: Meta, pick: (zh?: string, en?: string) => string): ResourceRow[] {
  if (Array.isArray(meta.resources) && meta.resources.length) {
    const actions = Array.isArray(meta.actions) ? meta.actions : ACTION_ORDER;
    return meta.resources.map((r) => ({
      resource: r.key,
      label: pick(r.zh, r.en) || undefined,
      actions: Array.isArray(r.actions) ? r.actions : actions,
    }));
  }
  return groupPermissions(meta.permissions ?? [], pick);
}

/** Group a "resource:action" permission list into resources with their actions (in first-seen order). */
export function groupPermissions(perms: MetaPermission[], pick: (zh?: string, en?: string) => string): ResourceRow[] {
  const map = new Map<string, ResourceRow>();
  const get = (resource: string) => {
    let r = map.get(resource);
    if (!r) {
      r = { resource, actions: [] };
      map.set(resource, r);
    }
    return r;
  };
  for (const p of perms) {
    if (typeof p === 'string') {
      const i = p.lastIndexOf(':');
      if (i <= 0) continue;
      const r = get(p.slice(0, i));
      const a = p.slice(i + 1);
      if (!r.actions.includes(a)) r.actions.push(a);
    } else if (p && typeof p.resource === 'string') {
      const r = get(p.resource);
      const label = pick(p.label ?? p.name, p.labelEn ?? p.nameEn);
      if (label) r.label = label;
      for (const a of [...(p.actions ?? []), ...(p.action ? [p.action] : [])]) if (!r.actions.includes(a)) r.actions.push(a);
    }
  }
  return [...map.values()];
}

interface Props {
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
  disabled?: boolean;
}

/** Role permissions as a resource × action checkbox grid. Value: ["products:view", …]. */
export function PermissionGrid({ value, onChange, id, disabled }: Props) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const meta = useMeta();
  const selected = new Set(Array.isArray(value) ? (value as string[]) : []);

  if (meta.isPending) return <Spin size="small" />;
  if (meta.isError) return <Typography.Text type="danger">{errorText(meta.error, i18n)}</Typography.Text>;

  const rows = metaRows(meta.data, pick);
  const allActions = [...new Set(rows.flatMap((r) => r.actions))].sort((a, b) => {
    const ia = ACTION_ORDER.indexOf(a);
    const ib = ACTION_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const all = rows.flatMap((r) => r.actions.map((a) => `${r.resource}:${a}`));

  const set = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    // keep the server's order, then anything unknown the role already had
    onChange?.([...all.filter((k) => next.has(k)), ...[...next].filter((k) => !all.includes(k))]);
  };
  const state = (keys: string[]) => {
    const n = keys.filter((k) => selected.has(k)).length;
    return { checked: n > 0 && n === keys.length, indeterminate: n > 0 && n < keys.length };
  };
  const actionLabel = (a: string) => {
    const key = `perm.action.${a}` as MsgKey;
    const s = t(key);
    return s === key ? a : s;
  };
  const resourceLabel = (r: ResourceRow) => r.label ?? (RESOURCE_TITLES[r.resource] ? t(RESOURCE_TITLES[r.resource] as MsgKey) : r.resource);

  return (
    <div id={id} data-testid="permission-grid">
      <Table<ResourceRow>
        size="small"
        bordered
        pagination={false}
        rowKey="resource"
        dataSource={rows}
        scroll={{ y: 'calc(100vh - 250px)' }}
        columns={[
          {
            key: 'resource',
            title: (
              <Checkbox disabled={disabled} {...state(all)} onChange={(e) => set(all, e.target.checked)}>
                {t('perm.resource')}
              </Checkbox>
            ),
            width: 150,
            render: (_v, r) => {
              const keys = r.actions.map((a) => `${r.resource}:${a}`);
              return (
                <Checkbox disabled={disabled} {...state(keys)} onChange={(e) => set(keys, e.target.checked)}>
                  {resourceLabel(r)}
                </Checkbox>
              );
            },
          },
          ...allActions.map((a) => {
            const colKeys = rows.filter((r) => r.actions.includes(a)).map((r) => `${r.resource}:${a}`);
            return {
              key: a,
              align: 'center' as const,
              title: (
                <Checkbox disabled={disabled} {...state(colKeys)} onChange={(e) => set(colKeys, e.target.checked)}>
                  {actionLabel(a)}
                </Checkbox>
              ),
              render: (_v: unknown, r: ResourceRow) =>
                r.actions.includes(a) ? (
                  <Checkbox
                    disabled={disabled}
                    name={`${r.resource}:${a}`}
                    data-perm={`${r.resource}:${a}`}
                    checked={selected.has(`${r.resource}:${a}`)}
                    onChange={(e) => set([`${r.resource}:${a}`], e.target.checked)}
                  />
                ) : null,
            };
          }),
        ]}
      />
    </div>
  );
}
