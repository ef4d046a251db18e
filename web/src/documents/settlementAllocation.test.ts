import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decAdd, decCmp, decRound, decSub, decSum } from '../lib/decimal';
import { type Alloc, type AllocItem, allocateAsTyped, autoAllocate, nothingAllocated, settledTotal } from './settlementAllocation';

/** Amounts at two places, as the form shows them. */
const cents = (a: Alloc) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, decRound(v ?? '0', 2)]));
const typed = (rows: AllocItem[], pay: string, used: string) => cents(allocateAsTyped(rows, pay, used));

const bill = (documentId: string, date: string, open: string): AllocItem => ({ documentId, number: `JH-${documentId}`, date, open, negative: false });
const ret = (documentId: string, date: string, open: string): AllocItem => ({ documentId, number: `JT-${documentId}`, date, open, negative: true });

describe('P8 9.5 a payment is allocated to open items oldest first', () => {
  // listed newest first: the rule orders by date itself
  const items = [bill('new', '2026-03-10', '500.00'), bill('old', '2026-03-01', '300.00')];

  it('9.5 as the payment total is typed: the oldest bill first, the rest to the next; nothing typed allocates nothing', () => {
    expect(typed(items, '6', '0')).toEqual({ old: '6.00' });
    expect(typed(items, '600', '0')).toEqual({ old: '300.00', new: '300.00' });
    expect(typed(items, '6000', '0')).toEqual({ old: '300.00', new: '500.00' });
    expect(typed(items, '0', '0')).toEqual({});
    expect(typed(items, '', '')).toEqual({});
    // prepayment used counts as money to allocate
    expect(typed(items, '0', '100')).toEqual({ old: '100.00' });
  });

  it('a return lowers what is owed: it is taken first and lets the payment reach further', () => {
    const withReturn = [...items, ret('r', '2026-03-05', '-50.00')];
    expect(typed(withReturn, '300', '0')).toEqual({ r: '50.00', old: '300.00', new: '50.00' });
    expect(decRound(settledTotal(withReturn, { r: '50.00', old: '300.00', new: '50' }), 2)).toBe('300.00');
  });

  it('自动分配 with nothing typed settles everything and proposes the payment that takes', () => {
    const r = autoAllocate(items, '0', '0');
    expect(cents(r.alloc)).toEqual({ old: '300.00', new: '500.00' });
    expect(decRound(r.paymentTotal ?? '', 2)).toBe('800.00');
  });

  it('nothingAllocated: blanks and zeros are nothing', () => {
    expect(nothingAllocated({})).toBe(true);
    expect(nothingAllocated({ a: '', b: '0', c: '0.00', d: undefined })).toBe(true);
    expect(nothingAllocated({ a: '', b: '0.01' })).toBe(false);
  });

  it('whatever the items and the payment: no item beyond its open amount, no more than paid, oldest filled before any newer one gets money', () => {
    const cents = fc.integer({ min: 1, max: 100_000 }).map((c) => (c / 100).toFixed(2));
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(day, cents), { minLength: 1, maxLength: 8 }), cents, (raw, pay) => {
        const rows = raw.map(([date, open], i) => bill(`b${i}`, date, open));
        const alloc = allocateAsTyped(rows, pay, '0');
        for (const r of rows) expect(decCmp(alloc[r.documentId] ?? '0', r.open)).toBeLessThanOrEqual(0);
        const total = settledTotal(rows, alloc);
        expect(decCmp(total, pay)).toBeLessThanOrEqual(0);
        // all of the payment is used unless everything open is settled
        const open = decSum(rows.map((r) => r.open));
        expect(total).toBe(decCmp(pay, open) < 0 ? decAdd(pay, '0') : decAdd(open, '0'));
        const sorted = [...rows].sort((a, b) => a.date!.localeCompare(b.date!) || a.number.localeCompare(b.number));
        const firstShort = sorted.findIndex((r) => decCmp(alloc[r.documentId] ?? '0', r.open) < 0);
        if (firstShort >= 0) for (const r of sorted.slice(firstShort + 1)) expect(alloc[r.documentId]).toBeUndefined();
        expect(decSub(pay, total).startsWith('-')).toBe(false);
      }),
    );
  });
});
