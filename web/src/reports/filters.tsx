import { SearchOutlined } from '@ant-design/icons';
import { Checkbox, DatePicker, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ReferenceSelect } from '../crud/ReferenceSelect';
import { useI18n } from '../i18n';
import type { ReportFilter, ReportQuery } from './types';

export interface FilterState {
  query: ReportQuery;
  /** a filter's value as set (defaults applied), '' when unset */
  value: (key: string) => string;
  set: (values: Record<string, string | null | undefined>) => void;
}

const keysOf = (f: ReportFilter): string[] => (f.type === 'range' ? [f.from, f.to] : [f.key]);

/** A check's value: 'true' or absent; its default decides what an unset one means. */
function defaultOf(f: ReportFilter): string {
  if (f.type === 'date') return f.default();
  if (f.type === 'choice') return f.default ?? '';
  if (f.type === 'check') return f.default ? 'true' : '';
  return '';
}

/**
 * The filter values: in the URL (`urlFilters`, so a link opens the report filtered) or in
 * the page's state. A check that is on by default is kept as '0' when turned off.
 */
export function useReportFilters(filters: ReportFilter[], inUrl: boolean, changed: () => void): FilterState {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState<Record<string, string>>({});
  const defaults = useMemo(() => Object.fromEntries(filters.flatMap((f) => keysOf(f).map((k) => [k, defaultOf(f)]))), [filters]);
  const raw = (key: string): string | null => (inUrl ? params.get(key) : (local[key] ?? null));
  const value = (key: string) => raw(key) ?? defaults[key] ?? '';
  const query: ReportQuery = {};
  for (const f of filters) {
    for (const k of keysOf(f)) {
      const v = value(k);
      query[k] = f.type === 'check' ? (v === 'true' ? 'true' : undefined) : v || undefined;
    }
  }
  const set = (values: Record<string, string | null | undefined>) => {
    if (inUrl) {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(values)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      setParams(next, { replace: true });
    } else {
      setLocal((cur) => {
        const next = { ...cur };
        for (const [k, v] of Object.entries(values)) next[k] = v ?? '';
        return next;
      });
    }
    changed();
  };
  return { query, value, set };
}

/** The search box sets its filter 300 ms after the last key. */
function SearchBox({ f, state }: { f: Extract<ReportFilter, { type: 'search' }>; state: FilterState }) {
  const { t } = useI18n();
  const [text, setText] = useState(state.value(f.key));
  const applied = state.value(f.key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts the timer
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text.trim() !== applied) state.set({ [f.key]: text.trim() });
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <Input
      data-testid="search"
      allowClear
      prefix={<SearchOutlined style={{ color: '#999' }} />}
      placeholder={t(f.placeholder)}
      value={text}
      onChange={(e) => setText(e.target.value)}
      style={{ width: f.width ?? 220 }}
    />
  );
}

function FilterControl({ f, state }: { f: ReportFilter; state: FilterState }) {
  const { t } = useI18n();
  switch (f.type) {
    case 'search':
      return <SearchBox f={f} state={state} />;
    case 'reference':
      return (
        <div style={{ width: f.width ?? 220 }} data-testid={f.testId}>
          <ReferenceSelect
            resource={f.resource}
            value={state.value(f.key) || null}
            onChange={(v) => state.set({ [f.key]: typeof v === 'string' ? v : null })}
            placeholder={t(f.placeholder)}
          />
        </div>
      );
    case 'check':
      return (
        <Checkbox checked={state.value(f.key) === 'true'} onChange={(e) => state.set({ [f.key]: e.target.checked ? 'true' : '0' })} data-testid={f.testId}>
          {t(f.label)}
        </Checkbox>
      );
    case 'range': {
      const from = state.value(f.from);
      const to = state.value(f.to);
      return (
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(v) => state.set({ [f.from]: v?.[0]?.format('YYYY-MM-DD'), [f.to]: v?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('common.from'), t('common.to')]}
          style={{ width: 230 }}
        />
      );
    }
    case 'date':
      return (
        <>
          {f.label ? <span>{t(f.label)}</span> : null}
          <DatePicker
            value={dayjs(state.value(f.key))}
            allowClear={false}
            onChange={(v) => v && state.set({ [f.key]: v.format('YYYY-MM-DD') })}
            data-testid={f.testId}
          />
        </>
      );
    case 'choice':
      return (
        <Radio.Group
          value={state.value(f.key)}
          onChange={(e) => state.set({ [f.key]: e.target.value as string })}
          optionType="button"
          data-testid={f.testId}
          options={f.options.map((o) => ({ value: o.value, label: t(o.label) }))}
        />
      );
  }
}

export function FilterBar({ filters, state }: { filters: ReportFilter[]; state: FilterState }) {
  return (
    <>
      {filters.map((f) => (
        <FilterControl key={keysOf(f).join('|')} f={f} state={state} />
      ))}
    </>
  );
}
