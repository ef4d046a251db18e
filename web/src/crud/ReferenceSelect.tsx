import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Page, Row } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { fetchRow, refKey, rowKey, useRow } from './queries';
import { resourceInfo } from './registry';
import { typedPick } from './typedPick';

/** How long typing pauses before the search goes out (Enter sends it at once). */
const SEARCH_DELAY_MS = 250;

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
 *
 * Enter on typed text picks what was typed (9.1), never the highlighted entry of a list
 * shown before the search for that text answered: a clerk — or a barcode scanner — types
 * GYS004 and Enter faster than any search comes back, while the drop-down still shows the
 * list it opened with (GYS001 first). So Enter sends the search at once, waits for its
 * answer, and takes the row whose code or barcode is exactly the text, else the first row
 * found (see typedPick); nothing found → nothing is picked and the field says so. Only
 * when the clerk has moved through the current answer with the arrow keys does Enter take
 * the highlighted option.
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
  optionRender,
  allowClear = true,
  popupMatchSelectWidth,
  autoFocus,
  knownLabels,
}: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const info = resourceInfo(resource);
  const [search, setSearch] = useState('');
  // the text searched: follows the typing once it pauses, or at once on Enter
  const [q, setQ] = useState('');
  useEffect(() => {
    if (q === search) return;
    const timer = setTimeout(() => setQ(search), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, q]);
  const [open, setOpen] = useState(false);
  /** Enter was pressed on this text before its search answered: pick when it does. */
  const [pending, setPending] = useState<string | null>(null);
  /** Enter found nothing for this text: the field says so until the clerk types again. */
  const [noMatch, setNoMatch] = useState<string | null>(null);
  /** The clerk moved through the current answer with the arrow keys. */
  const navigated = useRef(false);
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

  const typed = (text: string) => {
    setSearch(text);
    setNoMatch(null);
    setPending(null);
    navigated.current = false;
  };

  const choose = (v: string | string[] | undefined) => {
    setNoMatch(null);
    onChange?.(v ?? (multiple ? [] : null));
    if (onRow && !multiple) onRow(typeof v === 'string' ? (known.get(v) ?? null) : null, q);
  };

  /** Enter on `text`, whose search answered `rows`. */
  const pickTyped = (text: string, rows: Row[]) => {
    const row = typedPick(text, rows, excludeId);
    if (!row) {
      setNoMatch(text);
      return;
    }
    // its label stays known once the search text (and with it this answer) is gone
    qc.setQueryData(rowKey(resource, row.id), row);
    if (multiple) onChange?.(ids.includes(row.id) ? ids : [...ids, row.id]);
    else {
      onChange?.(row.id);
      onRow?.(row, text);
      setOpen(false);
    }
    setSearch('');
    setNoMatch(null);
  };
  const pickRef = useRef(pickTyped);
  pickRef.current = pickTyped;

  // Enter pressed while the search was still on its way: pick when its answer lands.
  const answered = !list.isFetching && (list.isSuccess || list.isError);
  useEffect(() => {
    if (pending === null || q !== pending || !answered) return;
    setPending(null);
    if (list.data) pickRef.current(pending, list.data.items);
  }, [pending, q, answered, list.data]);

  return (
    <Select
      id={id}
      data-name={name}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? ids : (ids[0] ?? null)}
      onChange={choose}
      showSearch={{ filterOption: false, onSearch: typed, searchValue: search }}
      open={open}
      onOpenChange={setOpen}
      onInputKeyDown={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') navigated.current = true;
        if (e.key !== 'Enter' || e.nativeEvent.isComposing || !search.trim()) return;
        const current = q === search && answered && !!list.data;
        // the clerk chose among the answer for this very text: the select's own Enter takes it
        if (current && navigated.current) return;
        e.preventDefault();
        e.stopPropagation();
        if (current && list.data) pickTyped(search, list.data.items);
        else {
          setPending(search);
          setQ(search);
        }
      }}
      optionRender={optionRender ? (o) => (o.data.row ? optionRender(o.data.row as Row) : o.label) : undefined}
      popupMatchSelectWidth={popupMatchSelectWidth}
      autoFocus={autoFocus}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('common.typeToSearch')}
      options={options}
      status={noMatch !== null ? 'error' : undefined}
      notFoundContent={
        list.isFetching ? (
          <Spin size="small" />
        ) : noMatch !== null ? (
          <Typography.Text type="danger" data-testid="ref-no-match">
            {t('common.noMatch', { text: noMatch })}
          </Typography.Text>
        ) : undefined
      }
      loading={list.isFetching}
      style={{ width: '100%', ...style }}
      onBlur={() => {
        // a pick still waiting for its answer keeps its text: the clerk pressed Enter on it
        if (pending !== null) return;
        setSearch('');
        setNoMatch(null);
      }}
    />
  );
}

/** Read-only label of a referenced row (list cells where the API gives no name). */
export function ReferenceLabel({ resource, id }: { resource: string; id: string }) {
  const row = useRow(resource, id);
  if (!row.data) return <span style={{ color: '#bbb' }}>…</span>;
  return <>{resourceInfo(resource).label(row.data)}</>;
}
