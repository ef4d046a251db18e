// Runs a zod schema and turns its issues into our bilingual error details.
import { z } from 'zod';
import { errors } from './errors.js';

const zh = z.locales.zhCN().localeError;
const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', boolean: '是/否', array: '数组', object: '对象', int: '整数' };

export interface Issue {
  path: string;
  message: string;
  messageEn: string;
  /** A rule's own code (INVALID_TEXT from text()): the refusal then carries it. */
  code?: string;
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 50).map((i) => {
    const params = (i as { params?: { zh?: string; code?: string } }).params;
    let messageZh = params?.zh;
    if (!messageZh && i.code === 'invalid_type') {
      const expected = (i as { expected?: string }).expected ?? '';
      const missing = /received (undefined|null)/.test(i.message);
      messageZh = missing ? '必填' : `类型错误：应为${TYPE_ZH[expected] ?? expected}`;
      if (missing) return { path: i.path.map(String).join('.'), message: messageZh, messageEn: 'is required' };
    }
    if (!messageZh) {
      const r = zh(i as never);
      messageZh = typeof r === 'string' ? r : (r?.message ?? i.message);
    }
    const issue: Issue = { path: i.path.map(String).join('.'), message: messageZh, messageEn: i.message };
    return params?.code ? { ...issue, code: params.code } : issue;
  });
}

export function validate<S extends z.ZodType>(schema: S, data: unknown): { ok: true; data: z.infer<S> } | { ok: false; issues: Issue[] } {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, issues: issuesOf(r.error) };
}

export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = validate(schema, data);
  if (!r.ok) throw errors.validation(r.issues);
  return r.data;
}
