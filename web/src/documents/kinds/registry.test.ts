import { describe, expect, it } from 'vitest';
import { RESOURCE_TITLES } from '../../api/catalogue';
import { findPage, modules } from '../../app/routes';
import { resourceInfo } from '../../crud/registry';
import { en, zhCN } from '../../i18n/messages';
import { DOC_KINDS, KIND_LIST, kindOf } from '.';

describe('the web registry of document kinds', () => {
  it('gives every kind a menu entry and a route that owns its /new and /:id', () => {
    for (const k of KIND_LIST) {
      const module = modules.find((m) => m.key === k.menu.module);
      const page = module?.pages.find((p) => p.path === k.base);
      expect(page, k.resource).toMatchObject({ title: k.title, permission: `${k.resource}:view`, nested: true });
      expect(page?.load, k.resource).toBeTypeOf('function');
      expect(findPage(`${k.base}/new`)?.page.path).toBe(k.base);
    }
  });

  it('keeps the declared menu order within a module', () => {
    const purchasing = modules.find((m) => m.key === 'purchasing')?.pages.map((p) => p.path);
    expect(purchasing).toEqual(['/purchasing/orders', '/purchasing/bills', '/purchasing/returns', '/purchasing/settlements', '/purchasing/prepayments']);
    const sales = modules.find((m) => m.key === 'sales')?.pages.map((p) => p.path);
    expect(sales?.slice(0, 5)).toEqual(['/sales/orders', '/sales/deliveries', '/sales/returns', '/sales/receipts', '/sales/advances']);
  });

  it('names every kind in both languages, and in the resource catalogue', () => {
    for (const k of KIND_LIST) {
      expect(zhCN[k.name], k.kind).toBeTruthy();
      expect(en[k.name], k.kind).toBeTruthy();
      expect(RESOURCE_TITLES[k.resource], k.resource).toBe(k.title);
      expect(resourceInfo(k.resource).label({ id: 'x', active: true, number: 'XS-1' })).toBe('XS-1');
    }
  });

  it('links every relation to a registered kind, and finds kinds by their server code', () => {
    for (const k of KIND_LIST) {
      for (const r of [k.source?.resource, k.next?.resource, k.returnedBy, k.advance?.order]) if (r) expect(DOC_KINDS[r], `${k.kind} → ${r}`).toBeDefined();
      expect(kindOf(k.kind)).toBe(k);
      if (k.layout === 'goods') expect(k.lines?.[0], k.kind).toBe('product');
      if (k.layout === 'settlement') expect(k.settlement, k.kind).toBeDefined();
      if (k.layout === 'prepayment') expect(k.advance, k.kind).toBeDefined();
    }
  });
});
