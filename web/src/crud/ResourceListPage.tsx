import {
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  FileExcelOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Input, type InputRef, Popover, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, download, type ImportRowError, type Query, uploadXlsx } from '../api/client';
import { errorText } from '../api/errors';
import type { Row } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { useListKeys } from '../lib/keyboard';
import { fieldColumn, textWidth } from './cells';
import { ImportErrors } from './ImportErrors';
import { invalidateResource, useListPage } from './queries';
import { ReferenceSelect } from './ReferenceSelect';
import { type FormTarget, ResourceForm } from './ResourceForm';
import { resourceInfo } from './registry';
import type { FieldDef, ResourceDef, RowAction } from './types';

export interface ListState {
  q: string;
  page: number;
  pageSize: number;
  sort: string | undefined;
  /** 'true' | 'false' | '' (all) */
  active: string;
  filters: Record<string, string | undefined>;
}

/** The query string of the list (and of its export: same filters). */
export function listQuery(s: ListState, withPaging: boolean): Query {
  return {
    q: s.q.trim() || undefined,
    active: s.active || undefined,
    sort: s.sort,
    ...s.filters,
    ...(withPaging ? { page: s.page, pageSize: s.pageSize } : {}),
  };
}

interface Props {
  def: ResourceDef;
  /** Extra toolbar content (document pages add their own buttons). */
  extraTools?: ReactNode;
  /** Filters to start with (e.g. from the URL). */
  initialFilters?: Record<string, string | undefined>;
}

/**
 * Generic master-data list: search, filters, server-side paging and sorting,
 * new / edit (drawer form), deactivate / reactivate, Excel export / import / template.
 */
export function ResourceListPage({ def, extraTools, initialFilters }: Props) {
  const i18n = useI18n();
  const { t, tl } = i18n;
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const withActive = def.activeFilter !== false;
  const perm = def.permission ?? resourceInfo(def.key).permission;
  const path = `/${resourceInfo(def.key).path}`;
  const visibleFields = useMemo(() => def.fields.filter((f) => can(f.permission)), [def, can]);
  const filterFields = visibleFields.filter((f) => f.filter);
  const canEdit = can(`${perm}:edit`);
  const optionalFields = visibleFields.filter((f) => f.list === 'optional');
  const [shownOptional, setShownOptional] = useShownColumns(def.key);

  const [state, setState] = useState<ListState>({
    q: '',
    page: 1,
    pageSize: 20,
    sort: def.defaultSort,
    active: '',
    filters: { ...initialFilters },
  });
  const [searchText, setSearchText] = useState('');
  const [formTarget, setFormTarget] = useState<FormTarget | null>(null);
  const [importRows, setImportRows] = useState<ImportRowError[] | null>(null);
  const [importSummary, setImportSummary] = useState<string | undefined>();
  const [busy, setBusy] = useState<'export' | 'import' | 'template' | null>(null);
  const searchRef = useRef<InputRef>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const nonce = useRef(0);

  // search as you type (debounced); Enter searches at once
  useEffect(() => {
    const timer = setTimeout(() => setState((s) => (s.q === searchText ? s : { ...s, q: searchText, page: 1 })), 300);
    return () => clearTimeout(timer);
  }, [searchText]);

  const query = listQuery(state, true);
  const list = useListPage(def.key, query);

  const pages = def.pages;
  const openNew = can(`${perm}:create`) ? (pages ? () => navigate(pages.newPath) : () => setFormTarget({ mode: 'create', nonce: ++nonce.current })) : undefined;
  // without :edit the row opens read-only (查看): no 保存, nothing to fail on save
  const openEdit = (row: Row) =>
    pages ? navigate(pages.rowPath(row)) : setFormTarget({ mode: 'edit', id: row.id, readOnly: !canEdit, nonce: ++nonce.current });

  useListKeys({
    enabled: !formTarget && !importRows,
    onSearch: () => searchRef.current?.focus({ cursor: 'all' }),
    onNew: openNew,
  });

  const rowLabel = def.rowLabel ?? resourceInfo(def.key).label;

  const toggleActive = (row: Row) => {
    const deactivate = row.active;
    modal.confirm({
      title: t(deactivate ? 'common.confirmDeactivate' : 'common.confirmReactivate', { name: rowLabel(row) }),
      okText: t(deactivate ? 'common.deactivate' : 'common.reactivate'),
      okButtonProps: { danger: deactivate, 'data-testid': 'btn-confirm-ok' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const url = `${path}/${encodeURIComponent(row.id)}`;
          if (deactivate) await api(url, { method: 'DELETE' });
          else await api(url, { method: 'PATCH', json: { active: true } });
          message.success(t(deactivate ? 'common.deactivated' : 'common.reactivated'));
          await invalidateResource(qc, def.key);
        } catch (err) {
          message.error(errorText(err, i18n));
        }
      },
    });
  };

  const doExport = async () => {
    setBusy('export');
    try {
      await download(`${path}/export`, listQuery(state, false), `${t(def.title)}.xlsx`);
    } catch (err) {
      message.error(errorText(err, i18n));
    } finally {
      setBusy(null);
    }
  };

  const doTemplate = async () => {
    setBusy('template');
    try {
      await download(`${path}/import-template`, undefined, `${t(def.title)}-template.xlsx`);
    } catch (err) {
      message.error(errorText(err, i18n));
    } finally {
      setBusy(null);
    }
  };

  const doImport = async (file: File) => {
    setBusy('import');
    try {
      const res = await uploadXlsx<{ imported?: number }>(`${path}/import`, file);
      message.success(t('common.imported', { n: res?.imported ?? 0 }));
      await invalidateResource(qc, def.key);
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.details?.rows) && err.details.rows.length) {
        setImportSummary(errorText(err, i18n));
        setImportRows(err.details.rows);
      } else {
        message.error(errorText(err, i18n));
      }
    } finally {
      setBusy(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  // 列设置: the optional columns, from a gear in the actions column's title
  const columnChooser = optionalFields.length ? (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('common.columns')}
      content={
        <div data-testid="column-chooser" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {optionalFields.map((f) => (
            <Checkbox
              key={f.name}
              data-col={f.name}
              checked={shownOptional.includes(f.name)}
              onChange={(e) => setShownOptional(e.target.checked ? [...shownOptional, f.name] : shownOptional.filter((n) => n !== f.name))}
            >
              {tl(f.label)}
            </Checkbox>
          ))}
          {shownOptional.length ? (
            <Button size="small" type="link" style={{ alignSelf: 'flex-start', padding: 0 }} onClick={() => setShownOptional([])}>
              {t('common.columnsReset')}
            </Button>
          ) : null}
        </div>
      }
    >
      <Tooltip title={t('common.columns')}>
        <Button type="text" size="small" icon={<SettingOutlined />} data-testid="btn-columns" aria-label={t('common.columns')} />
      </Tooltip>
    </Popover>
  ) : null;

  const columns: ColumnsType<Row> = [
    ...visibleFields.filter((f) => f.list === true || (f.list === 'optional' && shownOptional.includes(f.name))).map((f) => fieldColumn(f, i18n, state.sort)),
    ...(withActive
      ? [
          {
            key: 'active',
            dataIndex: 'active',
            // 启用状态, not 状态: a resource may have a status of its own (供应商状态)
            title: t('common.activeStatus'),
            width: Math.max(60, textWidth(t('common.activeStatus')) + 18),
            align: 'center' as const,
            render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
          },
        ]
      : []),
    {
      key: '_actions',
      title: columnChooser ? (
        <span className="erp-actions-title">
          {t('common.actions')}
          {columnChooser}
        </span>
      ) : (
        t('common.actions')
      ),
      width: Math.max(
        actionsWidth(i18n.lang === 'zh-CN', withActive && (can(`${perm}:delete`) || canEdit), def.rowActions?.filter((a) => can(a.permission)).length ?? 0),
        textWidth(t('common.actions')) + 18 + (columnChooser ? 30 : 0),
      ),
      fixed: 'right',
      render: (_v, row) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          {canEdit ? (
            <Button type="link" size="small" icon={<EditOutlined />} data-testid="btn-edit" onClick={() => openEdit(row)}>
              {pages ? t('common.open') : t('common.edit')}
            </Button>
          ) : (
            <Button type="link" size="small" icon={<EyeOutlined />} data-testid="btn-view" onClick={() => openEdit(row)}>
              {t('common.view')}
            </Button>
          )}
          {withActive && row.active && can(`${perm}:delete`) ? (
            <Button type="link" size="small" danger data-testid="btn-deactivate" onClick={() => toggleActive(row)}>
              {t('common.deactivate')}
            </Button>
          ) : null}
          {(def.rowActions ?? [])
            .filter((a) => can(a.permission) && (!a.visible || a.visible(row)))
            .map((a) => (
              <Button key={a.key} type="link" size="small" danger={a.danger} data-testid={`row-${a.key}`} onClick={() => runAction(a, row)}>
                {tl(a.label)}
              </Button>
            ))}
          {withActive && !row.active && canEdit ? (
            <Button type="link" size="small" data-testid="btn-reactivate" onClick={() => toggleActive(row)}>
              {t('common.reactivate')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const setFilter = (name: string, v: string | undefined) => setState((s) => ({ ...s, page: 1, filters: { ...s.filters, [name]: v || undefined } }));

  const exportable = def.exportable !== false;
  const importable = def.importable !== false;

  const runAction = (action: RowAction, row: Row) => {
    if (action.run) return action.run(row);
    const request = action.request;
    if (!request) return;
    const go = async () => {
      try {
        const r = request(row);
        const url = `${path}/${encodeURIComponent(row.id)}${r.path ? `/${r.path}` : ''}`;
        await api(url, { method: r.method, json: r.json });
        message.success(action.done ? tl(action.done) : t('common.saved'));
        await invalidateResource(qc, def.key);
      } catch (err) {
        message.error(errorText(err, i18n));
      }
    };
    if (!action.confirm) return void go();
    modal.confirm({
      title: tl(action.confirm).replace('{name}', rowLabel(row)),
      okText: tl(action.label),
      okButtonProps: { danger: action.danger, 'data-testid': 'btn-confirm-ok' },
      cancelText: t('common.cancel'),
      onOk: go,
    });
  };

  // data-q / data-busy tell a browser test which search the rows on screen answer.
  return (
    <div className="erp-page" data-testid={`page-${def.key}`} data-q={state.q} data-busy={list.isFetching}>
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0, marginRight: 8 }}>
          {t(def.title)}
        </Typography.Title>
        <Input
          ref={searchRef}
          id="search"
          name="search"
          data-testid="search"
          allowClear
          prefix={<SearchOutlined style={{ color: '#999' }} />}
          placeholder={def.searchPlaceholder ? tl(def.searchPlaceholder) : t('common.searchPlaceholder')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onPressEnter={() => setState((s) => ({ ...s, q: searchText, page: 1 }))}
          style={{ width: filterFields.length > 2 ? 180 : 240 }}
        />
        {withActive ? (
          <Select
            data-testid="filter-active"
            value={state.active}
            onChange={(v: string) => setState((s) => ({ ...s, active: v, page: 1 }))}
            style={{ width: textWidth(`${t('common.activeStatus')}: ${t('common.all')}`) + 34 }}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: `${t('common.activeStatus')}: ${t('common.all')}` },
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
          />
        ) : null}
        {filterFields.map((f) => (
          <FilterInput key={f.name} field={f} value={state.filters[f.name]} onChange={(v) => setFilter(f.name, v)} />
        ))}
        {def.dateFilter ? (
          <span data-testid="filter-date">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[state.filters.from ? dayjs(state.filters.from) : null, state.filters.to ? dayjs(state.filters.to) : null]}
              onChange={(v) =>
                setState((s) => ({
                  ...s,
                  page: 1,
                  filters: { ...s.filters, from: v?.[0]?.format('YYYY-MM-DD') ?? undefined, to: v?.[1]?.format('YYYY-MM-DD') ?? undefined },
                }))
              }
              placeholder={[t('common.from'), t('common.to')]}
              style={{ width: 210 }}
            />
          </span>
        ) : null}
        {/* the buttons stay together at the right (and wrap together on a narrow screen) */}
        <div className="erp-toolbar-actions">
          {extraTools}
          {openNew ? (
            <Tooltip title="Ins / Alt+N">
              <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="btn-new">
                {t('common.new')}
              </Button>
            </Tooltip>
          ) : null}
          {exportable && can(`${perm}:export`) ? (
            <Button icon={<FileExcelOutlined />} onClick={() => void doExport()} loading={busy === 'export'} data-testid="btn-export">
              {t('common.export')}
            </Button>
          ) : null}
          {importable && can(`${perm}:import`) ? (
            <>
              <Button icon={<UploadOutlined />} onClick={() => fileRef.current?.click()} loading={busy === 'import'} data-testid="btn-import">
                {t('common.import')}
              </Button>
              <input
                ref={fileRef}
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                style={{ display: 'none' }}
                data-testid="import-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void doImport(f);
                }}
              />
              <Button icon={<DownloadOutlined />} onClick={() => void doTemplate()} loading={busy === 'template'} data-testid="btn-template">
                {t('common.template')}
              </Button>
            </>
          ) : null}
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} data-testid="btn-refresh" aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
      </div>
      {list.isError ? (
        <Typography.Text type="danger" data-testid="list-error">
          {errorText(list.error, i18n)}
        </Typography.Text>
      ) : null}
      <Table<Row>
        size="small"
        bordered
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        sticky
        rowClassName={(r) => (!withActive || r.active ? 'erp-row' : 'erp-row erp-row-inactive')}
        onRow={(row) => ({ onClick: () => openEdit(row) })}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
          size: 'small',
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Row> | undefined;
          const field = s?.order ? String(s.columnKey ?? s.field ?? '') : '';
          const sort = field ? (s?.order === 'descend' ? `-${field}` : field) : def.defaultSort;
          setState((st) => {
            const sortChanged = sort !== st.sort;
            const pageSize = pagination.pageSize ?? st.pageSize;
            return {
              ...st,
              sort,
              pageSize,
              page: sortChanged || pageSize !== st.pageSize ? 1 : (pagination.current ?? 1),
            };
          });
        }}
      />
      <ResourceForm
        def={def}
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(_row, andNew) => setFormTarget(andNew ? { mode: 'create', nonce: ++nonce.current } : null)}
      />
      <ImportErrors rows={importRows} summary={importSummary} fields={def.fields} onClose={() => setImportRows(null)} />
    </div>
  );
}

/** Width of the actions column: 编辑/查看, 停用/启用 and the row actions, as small link buttons. */
function actionsWidth(zh: boolean, toggles: boolean, rowActions: number): number {
  return 8 + (zh ? 52 : 64) + (toggles ? (zh ? 44 : 84) : 0) + rowActions * (zh ? 44 : 60);
}

/** The optional columns the user turned on in 列设置, per resource, kept in localStorage. */
function useShownColumns(key: string): [string[], (names: string[]) => void] {
  const storageKey = `erp.columns.${key}`;
  const [names, setNames] = useState<string[]>(() => {
    try {
      const v = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  });
  const set = (next: string[]) => {
    setNames(next);
    try {
      localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // private mode: the choice lasts for this page only
    }
  };
  return [names, set];
}

function FilterInput({ field, value, onChange }: { field: FieldDef; value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t, tl } = useI18n();
  const label = tl(field.label);
  if (field.type === 'reference') {
    return (
      <div style={{ width: Math.max(120, textWidth(label) + 40) }} data-testid={`filter-${field.name}`}>
        <ReferenceSelect
          resource={field.ref ?? ''}
          value={value ?? null}
          onChange={(v) => onChange(typeof v === 'string' ? v : undefined)}
          placeholder={label}
        />
      </div>
    );
  }
  const options =
    field.type === 'bool'
      ? [
          { value: 'true', label: `${label}: ${t('common.yes')}` },
          { value: 'false', label: `${label}: ${t('common.no')}` },
        ]
      : (field.options ?? []).map((o) => ({ value: o.value, label: tl(o.label) }));
  return (
    <Select
      data-testid={`filter-${field.name}`}
      allowClear
      placeholder={label}
      value={value ?? null}
      onChange={(v: string | null | undefined) => onChange(v ?? undefined)}
      options={options}
      style={{ width: Math.max(96, textWidth(label) + 40) }}
      popupMatchSelectWidth={false}
    />
  );
}
