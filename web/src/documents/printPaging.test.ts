import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FormRange, PAPER_LIST, pageCss, splitByRows, splitIntoForms } from './printPaging';

const sizes = (forms: FormRange[]) => forms.map((f) => f.end - f.start);

describe('R6 lines split over continuous forms', () => {
  it('a short document is one form; a long one fills forms and keeps room for the totals on the last', () => {
    expect(splitByRows(0, 10, 6)).toEqual([{ start: 0, end: 0 }]);
    expect(splitByRows(2, 10, 6)).toEqual([{ start: 0, end: 2 }]);
    expect(sizes(splitByRows(6, 10, 6))).toEqual([6]);
    expect(sizes(splitByRows(25, 10, 6))).toEqual([10, 10, 5]);
    expect(sizes(splitByRows(26, 10, 6))).toEqual([10, 10, 6]);
    // 8 fit a form but not beside the totals: the last line goes over with them
    expect(sizes(splitByRows(8, 10, 6))).toEqual([7, 1]);
    expect(sizes(splitByRows(17, 10, 6))).toEqual([10, 6, 1]);
  });

  it('uneven rows (a name on two lines) count by height; a line taller than a form gets one to itself', () => {
    expect(sizes(splitIntoForms([1, 2, 1, 2, 1], { body: 4, last: 3 }))).toEqual([3, 2]);
    expect(sizes(splitIntoForms([2, 2, 1, 2, 2], { body: 4, last: 3 }))).toEqual([2, 2, 1]);
    expect(sizes(splitIntoForms([9, 1], { body: 4, last: 3 }))).toEqual([1, 1]);
    // totals bigger than a form: they close an empty last form rather than looping
    expect(sizes(splitIntoForms([1, 1], { body: 4, last: -2 }))).toEqual([2, 0]);
  });

  it('forms cover every line once, in order, none over its space, and no more forms than needed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), (n, rows, lastRaw) => {
        const lastRows = Math.min(lastRaw, rows);
        const forms = splitByRows(n, rows, lastRows);
        expect(forms.flatMap((f) => [f.start, f.end])).toEqual([0, ...forms.slice(0, -1).flatMap((f) => [f.end, f.end]), n]);
        for (const f of forms.slice(0, -1)) {
          expect(f.end - f.start).toBeGreaterThan(0);
          expect(f.end - f.start).toBeLessThanOrEqual(rows);
        }
        const lastForm = forms.at(-1) ?? { start: 0, end: 0 };
        expect(lastForm.end - lastForm.start).toBeLessThanOrEqual(lastRows);
        // fewest forms: all but the last full, the last within lastRows
        const fewest = n <= lastRows ? 1 : Math.ceil((n - lastRows) / rows) + 1;
        expect(forms.length).toBe(fewest);
        // the totals stand under at least one line whenever one fits beside them
        if (n > 0 && lastRows > 0) expect(lastForm.end - lastForm.start).toBeGreaterThan(0);
      }),
    );
  });

  it('every paper has its @page size in millimetres', () => {
    expect(PAPER_LIST).toEqual(['a4', 'c241-93', 'c241-140', 'c241-279']);
    expect(pageCss('c241-93')).toMatch(/size: 241mm 93\.1mm;/);
    expect(pageCss('c241-140')).toMatch(/size: 241mm 139\.7mm;/);
    expect(pageCss('c241-279')).toMatch(/size: 241mm 279\.4mm;/);
    expect(pageCss('a4')).toMatch(/size: 210mm 297mm;/);
  });
});
