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
  if (field.type === 'decimal') {
    const scale = field.scale ?? 6;
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v == null || v === '') return;
        if (!isDecimalString(normalizeDecimalInput(String(v)), scale, field.signed)) {
          throw new Error(i18n.t('common.decimalInvalid', { field: label, scale }));
        }
      },
    });
  }
  if (field.type === 'int') {
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v == null || v === '') return;
        if (!isIntString(String(v).trim(), field.signed)) throw new Error(i18n.t('common.intInvalid', { field: label }));
      },
    });
  }
  if (field.check) {
    const check = field.check;
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v == null || v === '') return;
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
