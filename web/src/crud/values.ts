import type { Row } from '../api/types';
import { canonicalDecimal, normalizeDecimalInput, trimDecimal } from '../lib/decimal';
import type { FieldDef, FormMode } from './types';

/** Row from the API → form values (null becomes undefined so inputs show empty). */
export function toFormValue(field: FieldDef, v: unknown): unknown {
  if (field.type === 'subtable') {
    const rows = Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
    return rows.map((r) => {
      const out: Record<string, unknown> = { ...r };
      for (const c of field.columns ?? []) out[c.name] = toFormValue(c, r[c.name]);
      return out;
    });
  }
  if (v === null || v === undefined) {
    if (field.type === 'bool') return false;
    if (field.type === 'reference' && field.multiple) return [];
    return undefined;
  }
  if (field.type === 'int') return String(v);
  if (field.type === 'decimal') return trimDecimal(String(v), field.minScale ?? 0);
  return v;
}

export function rowToFormValues(fields: FieldDef[], row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.name] = toFormValue(f, row[f.name]);
  return out;
}

export function createDefaults(fields: FieldDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.defaultValue !== undefined) out[f.name] = f.defaultValue;
    else if (f.type === 'bool') out[f.name] = false;
    else if (f.type === 'reference' && f.multiple) out[f.name] = [];
    else if (f.type === 'subtable') out[f.name] = [];
  }
  return out;
}

/** Form value → JSON value. Decimals stay strings; empty text becomes null. */
export function toApiValue(field: FieldDef, v: unknown): unknown {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (v == null) return null;
      const s = String(v).trim();
      return s === '' ? null : s;
    }
    case 'password': {
      const s = v == null ? '' : String(v);
      return s === '' ? undefined : s;
    }
    case 'decimal': {
      if (v == null) return null;
      const s = normalizeDecimalInput(String(v));
      return s === '' ? null : s;
    }
    case 'int': {
      if (v == null) return null;
      const s = String(v).trim();
      return s === '' ? null : Number.parseInt(s, 10);
    }
    case 'date':
      return v === undefined || v === null || v === '' ? null : v;
    case 'bool':
      return !!v;
    case 'select':
      return v === undefined || v === '' ? null : v;
    case 'reference':
      if (field.multiple) return Array.isArray(v) ? v : [];
      return v === undefined || v === '' ? null : v;
    case 'subtable': {
      const rows = Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
      const cols = field.columns ?? [];
      return rows
        .map((r) => {
          const out: Record<string, unknown> = {};
          // keep ids and other keys the server sent for the line (e.g. unit id)
          for (const [k, val] of Object.entries(r)) if (!cols.some((c) => c.name === k)) out[k] = val;
          for (const c of cols) {
            const x = toApiValue(c, r[c.name]);
            if (x !== undefined) out[c.name] = x;
          }
          return out;
        })
        .filter((r) => cols.some((c) => c.type !== 'bool' && r[c.name] != null));
    }
    default:
      return v;
  }
}

/**
 * The request body: on create every filled field (so server defaults apply to the
 * rest); on edit only the fields whose value changed (PATCH is partial, and fields
 * the user may not see — prices without products:price — are left alone).
 */
export function buildBody(fields: FieldDef[], values: Record<string, unknown>, mode: FormMode, initial: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.readOnly || f.form === false) continue;
    const v = toApiValue(f, values[f.name]);
    if (v === undefined) continue;
    if (mode === 'create') {
      if (v === null) continue;
      body[f.name] = v;
    } else {
      const before = toApiValue(f, initial[f.name]);
      if (JSON.stringify(canon(f, before) ?? null) !== JSON.stringify(canon(f, v))) body[f.name] = v;
    }
  }
  return body;
}

/** A value in canonical form for change detection (decimals compared by value). */
function canon(field: FieldDef, v: unknown): unknown {
  if (v == null) return null;
  if (field.type === 'decimal') return canonicalDecimal(String(v));
  if (field.type === 'subtable' && Array.isArray(v)) {
    return (v as Record<string, unknown>[]).map((r) => {
      const out: Record<string, unknown> = {};
      for (const c of field.columns ?? []) out[c.name] = canon(c, r[c.name]);
      return out;
    });
  }
  return v;
}
