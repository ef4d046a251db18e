import { describe, expect, it } from 'vitest';
import { en, type MsgKey, zhCN } from '../i18n/messages';
import { forbiddenText, rememberMeta, resourceName } from './catalogue';

const fill = (s: string, p?: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => (p && k in p ? String(p[k]) : m));
const zh = { t: (k: MsgKey, p?: Record<string, string | number>) => fill(zhCN[k], p), pick: (a?: string, b?: string) => a ?? b ?? '' };
const english = { t: (k: MsgKey, p?: Record<string, string | number>) => fill(en[k], p), pick: (a?: string, b?: string) => b ?? a ?? '' };

describe('403 messages', () => {
  it('name the resource and the action instead of the raw permission code', () => {
    expect(forbiddenText('suppliers:edit', zh)).toBe('您没有“供应商”的“修改”权限，请联系管理员。');
    expect(forbiddenText('purchase-bills:audit', english)).toBe('You do not have the “Audit” permission on “Purchase bills”. Ask your administrator.');
  });

  it('use the server catalogue (GET /meta) once it is known', () => {
    rememberMeta({ resources: [{ key: 'complaints', zh: '客户投诉', en: 'Complaints' }] });
    expect(resourceName('complaints', zh)).toBe('客户投诉');
    expect(forbiddenText('complaints:view', zh)).toContain('“客户投诉”的“查看”');
  });

  it('fall back to a general sentence without a permission', () => {
    expect(forbiddenText(undefined, zh)).toBe(zhCN['error.forbiddenAny']);
    expect(forbiddenText('weird', english)).toBe(en['error.forbiddenAny']);
  });
});
