// Field definitions drive everything generic about a master-data resource: the request
// schemas (and so OpenAPI), the Excel columns, search, sorting and filters.
import { z } from '@hono/zod-openapi';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { checkDecimal, type DecimalKind } from '../../core/decimal.js';
import { ref, type TargetName } from '../../core/references.js';
import { text as textSchema } from '../../core/text.js';

export type FieldType = 'text' | 'decimal' | 'int' | 'bool' | 'enum' | 'ref' | 'permissions' | 'date';

export interface FieldDef {
  key: string;
  zh: string;
  en: string;
  type: FieldType;
  column: AnyPgColumn;
  required?: boolean;
  max?: number;
  decimal?: DecimalKind;
  /** Decimal fields that may not be negative. */
  nonNegative?: boolean;
  values?: readonly string[];
  /** Chinese labels of enum values, for Excel. */
  valueLabels?: Record<string, string>;
  /** For ref fields: the resource referenced and the key under which its name is returned. */
  ref?: { resource: string; nameKey: string };
  defaultValue?: unknown;
  /** Hidden unless the user holds `<resource>:price`. */
  price?: boolean;
  sortable?: boolean;
  filterable?: boolean;
  /** Searched by `q` (ILIKE). */
  search?: boolean;
}

export const text = (key: string, zh: string, en: string, column: AnyPgColumn, max: number, extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  zh,
  en,
  type: 'text',
  column,
  max,
  ...extra,
});

export const decimalField = (key: string, zh: string, en: string, column: AnyPgColumn, kind: DecimalKind, extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  zh,
  en,
  type: 'decimal',
  column,
  decimal: kind,
  nonNegative: true,
  ...extra,
});

export const refField = (
  key: string,
  zh: string,
  en: string,
  column: AnyPgColumn,
  resource: string,
  nameKey: string,
  extra: Partial<FieldDef> = {},
): FieldDef => ({
  key,
  zh,
  en,
  type: 'ref',
  column,
  ref: { resource, nameKey },
  filterable: true,
  ...extra,
});

/** What a ref field's resource is as a reference target (core/references.ts). */
const TARGET_OF_RESOURCE: Record<string, TargetName> = {
  'product-categories': 'productCategory',
  departments: 'department',
  employees: 'employee',
  customers: 'customer',
};

export function refTarget(f: FieldDef): TargetName {
  const target = TARGET_OF_RESOURCE[f.ref?.resource ?? ''];
  if (!target) throw new Error(`ref field ${f.key}: no reference target for resource ${f.ref?.resource}`);
  return target;
}

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export function decimalSchema(kind: DecimalKind, nonNegative: boolean) {
  return textSchema()
    .trim()
    .superRefine((v, ctx) => {
      const r = checkDecimal(v, kind);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.en ?? 'invalid', params: { zh: r.zh } });
      else if (nonNegative && v.trim().startsWith('-') && Number(v) !== 0)
        ctx.addIssue({ code: 'custom', message: 'must not be negative', params: { zh: '不能为负数' } });
    })
    .openapi({ type: 'string', example: '12.50', description: `decimal as string (${kind})` });
}

function fieldSchema(f: FieldDef): z.ZodType {
  switch (f.type) {
    case 'text':
      return textSchema()
        .trim()
        .max(f.max ?? 200);
    case 'decimal':
      return decimalSchema(f.decimal ?? 'money', f.nonNegative ?? true);
    case 'int':
      return z.number().int().min(0).max(100000);
    case 'bool':
      return z.boolean();
    case 'enum':
      return z.enum(f.values as [string, ...string[]]);
    case 'ref':
      return ref(refTarget(f));
    case 'permissions':
      return z.array(textSchema().max(64)).max(1000);
    case 'date':
      return z.iso.date();
  }
}

/**
 * The list's filters by field (?colour=红), checked like the field itself: a filter is
 * text the server searches with, so it goes through the same rules as a body. Empty: no filter.
 */
export function filterQuerySchema(fields: FieldDef[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    if (!f.filterable) continue;
    const s = f.type === 'bool' ? z.enum(['true', 'false']) : fieldSchema(f);
    shape[f.key] = z.preprocess((v) => (v === '' ? undefined : v), s.optional());
  }
  return shape;
}

/** The create body: required fields must be present and non-empty; others may be null. */
export function createSchema(fields: FieldDef[], extra: Record<string, z.ZodType> = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    let s = fieldSchema(f);
    if (f.type === 'text' && f.required) s = (s as z.ZodString).min(1);
    shape[f.key] = f.required ? z.preprocess(emptyToNull, s) : z.preprocess(emptyToNull, s.nullable().optional());
  }
  shape.active = z.boolean().optional();
  return z.object({ ...shape, ...extra });
}

/** The PATCH body: any subset; required fields may not be cleared. */
export function patchSchema(fields: FieldDef[], extra: Record<string, z.ZodType> = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    let s = fieldSchema(f);
    if (f.type === 'text' && f.required) s = (s as z.ZodString).min(1);
    shape[f.key] = f.required ? z.preprocess(emptyToNull, s).optional() : z.preprocess(emptyToNull, s.nullable().optional());
  }
  shape.active = z.boolean().optional();
  return z.object({ ...shape, ...extra });
}
