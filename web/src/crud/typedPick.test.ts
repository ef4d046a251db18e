import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../api/types';
import { typedPick } from './typedPick';

const row = (id: string, extra: Record<string, unknown>): Row => ({ id, active: true, ...extra });

describe('9.1 what Enter picks for the text typed', () => {
  // the order the search answered in: the exact code is not first
  const suppliers = [
    row('a', { code: 'GYS0041', name: '揭阳五金二厂' }),
    row('b', { code: 'GYS004', name: '揭阳五金' }),
    row('c', { code: 'XGYS004', name: '别家' }),
  ];

  it('an exact code wins over rows that merely contain it, in any case, blanks ignored', () => {
    expect(typedPick('GYS004', suppliers)?.id).toBe('b');
    expect(typedPick('  gys004 ', suppliers)?.id).toBe('b');
  });

  it('a product is picked by its barcode or a unit barcode as exactly as by its code', () => {
    const products = [
      row('p1', { code: 'CY-08', barcode: '6901', units: [] }),
      row('p2', { code: 'CY-09', barcode: '69012', units: [{ barcode: '6901234' }] }),
      row('p3', { code: '6901234-X', barcode: null, units: [{ barcode: null }] }),
    ];
    expect(typedPick('69012', products)?.id).toBe('p2');
    expect(typedPick('6901234', products)?.id).toBe('p2');
    expect(typedPick('6901', products)?.id).toBe('p1');
  });

  it('without an exact match the first row found is taken (a part of a name); nothing found, nothing typed: none', () => {
    expect(typedPick('五金', suppliers)?.id).toBe('a');
    expect(typedPick('GYS999', [])).toBeNull();
    expect(typedPick('   ', suppliers)).toBeNull();
  });

  it('a document is picked by its number; a row excluded (a category as its own parent) never', () => {
    expect(typedPick('xd-20260101-0002', [row('x', { number: 'XD-20260101-0001' }), row('y', { number: 'XD-20260101-0002' })])?.id).toBe('y');
    expect(typedPick('GYS004', suppliers, 'b')?.id).toBe('a');
    expect(typedPick('GYS004', suppliers.slice(1, 2), 'b')).toBeNull();
  });

  it('whatever the rows: the pick is one of them and not the excluded one; a row with the exact code is picked when there is one', () => {
    const code = fc.stringMatching(/^[A-Z0-9]{1,6}$/);
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.uuid(), code }), { maxLength: 12 }), code, fc.option(fc.nat(11)), (raw, typed, ex) => {
        const rows = raw.map((r) => row(r.id, { code: r.code }));
        const excludeId = ex === null ? undefined : rows[ex]?.id;
        const got = typedPick(typed, rows, excludeId);
        const allowed = rows.filter((r) => r.id !== excludeId);
        if (allowed.length === 0) expect(got).toBeNull();
        else expect(allowed).toContain(got);
        const exact = allowed.find((r) => r.code === typed);
        if (exact) expect(got).toBe(exact);
        else if (allowed.length) expect(got).toBe(allowed[0]);
      }),
    );
  });
});
