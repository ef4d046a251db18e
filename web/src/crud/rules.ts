import type { FormRule } from 'antd';
import type { I18n } from '../i18n';
import { isDecimalString, isIntString, normalizeDecimalInput } from '../lib/decimal';
import type { FieldDef, FormMode } from './types';

export function isRequired(field: FieldDef, mode: FormMode): boolean {
  return field.required === true || (field.required === 'create' && mode === 'create');
}

/** antd validation rules for a field definition. */
export function fieldRules(field: FieldDef, mode: FormMode, i18n: I18n, label = i18n.tl(field.label)): FormRule[] {
  const rules: FormRule[] = [];
  // custom inputs validate themselves (and the server checks presence)
  if (isRequired(field, mode) && field.type !== 'custom') {
    rules.push({
      required: true,
      message: i18n.t('common.required', { field: label }),
      whitespace: field.type === 'text' || field.type === 'textarea',
      ...(field.type === 'reference' && field.multiple ? { type: 'array' as const, min: 1 } : {}),
    });
  }
  // A well-formed number the field's own check refuses (a negative quantity: "必须大于 0")
  // gets that one message, not also "必须是数字" — it is a number.
  const signOnly = (s: string, ok: (signed: boolean) => boolean) => !ok(false) && ok(true) && !!field.check?.(s);
  if (field.type === 'decimal') {
    const scale = field.scale ?? 6;
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v == null || v === '') return;
        const s = normalizeDecimalInput(String(v));
        const ok = (signed: boolean) => isDecimalString(s, scale, signed || field.signed);
        if (!ok(false) && !signOnly(s, ok)) throw new Error(i18n.t('common.decimalInvalid', { field: label, scale }));
      },
    });
  }
  if (field.type === 'int') {
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v == null || v === '') return;
        const s = String(v).trim();
        const ok = (signed: boolean) => isIntString(s, signed || field.signed);
        if (!ok(false) && !signOnly(s, ok)) throw new Error(i18n.t('common.intInvalid', { field: label }));
      },
    });
  }
  if (field.check) {
    const check = field.check;
    const scale = field.scale ?? 6;
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v == null || v === '') return;
        // not a number of the field's form at all: the format message above says so, alone
        if (field.type === 'decimal' && !isDecimalString(normalizeDecimalInput(String(v)), scale, true)) return;
        if (field.type === 'int' && !isIntString(String(v).trim(), true)) return;
        const key = check(v);
        if (key) throw new Error(i18n.t(key));
      },
    });
  }
  if (field.minLength) {
    const n = field.minLength;
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v == null || v === '') return;
        if (String(v).length < n) throw new Error(i18n.t('common.minLength', { field: label, n }));
      },
    });
  }
  return rules;
}
