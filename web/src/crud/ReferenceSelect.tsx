import { useQueries, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Page, Row } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { fetchRow, refKey, rowKey, useRow } from './queries';
import { resourceInfo } from './registry';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

interface Props {
  resource: string;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  id?: string;
  name?: string;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
  /** Query extra filters, e.g. { active: true } (the default) */
  filters?: Record<string, string | boolean>;
  /** Exclude one id from the options (a category cannot be its own parent). */
  excludeId?: string;
  /**
   * Called with the whole chosen row (null when cleared) and the text that found it: a
   * document line takes units and prices from the row, and a scanned unit barcode picks
   * that unit.
   */
  onRow?: (row: Row | null, searchText: string) => void;
  /**
   * Enter before the results have arrived picks the first result once they do: a
   * barcode scanner types the code and Enter faster than any search answers.
   */
  enterPicksFirst?: boolean;
  /** Rich option content (the label shown once chosen stays the registry label). */
  optionRender?: (row: Row) => ReactNode;
  allowClear?: boolean;
  popupMatchSelectWidth?: boolean | number;
  autoFocus?: boolean;
  /**
   * Labels for ids that cannot be looked up (yet, or at all without permission to read
   * the resource): a document names its supplier, warehouse and 经手人 itself.
   */
  knownLabels?: Record<string, string | null | undefined>;
}

/**
 * A searchable select over another resource's list: typing queries GET /{res}?q=…,
 * and a value that is not among the results is labelled by GET /{res}/{id}.
 */
export function ReferenceSelect({
  resource,
  value,
  onChange,
  multiple,
  id,
  name,
  placeholder,
  disabled,
  style,
  filters,
  excludeId,
  onRow,
  enterPicksFirst,
  optionRender,
  allowClear = true,
  popupMatchSelectWidth,
  autoFocus,
  knownLabels,
}: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const info = resourceInfo(resource);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(search, 250);
  const params = { q, page: 1, pageSize: 20, active: true, ...filters };

  const list = useQuery({
    queryKey: [...refKey(resource, q), params],
    queryFn: ({ signal }) => api<Page>(`/${info.path}`, { query: params, signal }),
    enabled: open || q !== '',
    staleTime: 15_000,
  });

  // '' is "nothing chosen" too (a blank document line)
  const ids = useMemo(() => (value == null || value === '' ? [] : Array.isArray(value) ? value.filter(Boolean) : [value]), [value]);
  const known = new Map<string, Row>();
  for (const r of list.data?.items ?? []) known.set(r.id, r);
  const missing = ids.filter((x) => !known.has(x));
  // Someone who may not read the resource (a keeper opening a delivery: its 经手人) sees the
  // label the document gives, rather than asking for a row the server will refuse.
  const readable = can(`${resource}:view` as never);
  const lookups = useQueries({
    queries: missing.map((x) => ({
      queryKey: rowKey(resource, x),
      queryFn: () => fetchRow(resource, x),
      staleTime: 60_000,
      enabled: readable || !knownLabels?.[x],
    })),
  });
  for (const l of lookups) if (l.data) known.set(l.data.id, l.data);

  const options: { value: string; label: string; row?: Row }[] = [...known.values()]
    .filter((r) => r.id !== excludeId)
    .map((r) => ({ value: r.id, label: info.label(r) || r.id, row: r }));
  // Ids that could not be looked up still need an option so antd does not show a bare uuid label.
  for (const x of ids) if (!known.has(x)) options.push({ value: x, label: knownLabels?.[x] || '…' });

  const choose = (v: string | string[] | undefined) => {
    onChange?.(v ?? (multiple ? [] : null));
    if (onRow && !multiple) onRow(typeof v === 'string' ? (known.get(v) ?? null) : null, q);
  };

  // Enter pressed while the search was still on its way: pick the first result when it lands.
  const pendingPick = useRef<string | null>(null);
  const firstResult = list.data?.items.find((r) => r.id !== excludeId);
  useEffect(() => {
    const wanted = pendingPick.current;
    if (wanted === null || list.isFetching || q !== wanted) return;
    pendingPick.current = null;
    if (firstResult) {
      onChange?.(firstResult.id);
      onRow?.(firstResult, wanted);
      setOpen(false);
      setSearch('');
    }
  }, [list.isFetching, q, firstResult, onChange, onRow]);

  return (
    <Select
      id={id}
      data-name={name}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? ids : (ids[0] ?? null)}
      onChange={choose}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      open={open}
      onOpenChange={setOpen}
      onInputKeyDown={(e) => {
        if (!enterPicksFirst || multiple || e.key !== 'Enter' || !search.trim()) return;
        // results for exactly this text are on screen: the select's own Enter picks
        if (q === search && !list.isFetching && options.length > 0) return;
        pendingPick.current = search;
        e.preventDefault();
        e.stopPropagation();
      }}
      optionRender={optionRender ? (o) => (o.data.row ? optionRender(o.data.row as Row) : o.label) : undefined}
      popupMatchSelectWidth={popupMatchSelectWidth}
      autoFocus={autoFocus}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('common.typeToSearch')}
      options={options}
      notFoundContent={list.isFetching ? <Spin size="small" /> : undefined}
      loading={list.isFetching}
      style={{ width: '100%', ...style }}
      onBlur={() => setSearch('')}
    />
  );
}

/** Read-only label of a referenced row (list cells where the API gives no name). */
export function ReferenceLabel({ resource, id }: { resource: string; id: string }) {
  const row = useRow(resource, id);
  if (!row.data) return <span style={{ color: '#bbb' }}>…</span>;
  return <>{resourceInfo(resource).label(row.data)}</>;
}
