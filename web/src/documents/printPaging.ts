// Papers a document prints on and how its lines are split over forms (页). On continuous
// multi-part paper (连续纸) the perforations come every form: each copy (联) must fill
// whole forms exactly, or every later form drifts off them. A long document goes on to
// the next form with its header repeated; the totals, 大写 and signatures close the last.

export type Paper = 'a4' | 'c241-93' | 'c241-140' | 'c241-279';

export interface PaperSize {
  /** millimetres */
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** 241 mm (9.5 in) wide forms are 1/3, 1/2 or all of an 11 in (279.4 mm) fold. */
export const PAPERS: Record<Paper, PaperSize> = {
  a4: { width: 210, height: 297, margin: { top: 12, right: 10, bottom: 12, left: 10 } },
  'c241-93': { width: 241, height: 93.1, margin: { top: 4, right: 8, bottom: 4, left: 8 } },
  'c241-140': { width: 241, height: 139.7, margin: { top: 6, right: 8, bottom: 6, left: 8 } },
  'c241-279': { width: 241, height: 279.4, margin: { top: 8, right: 8, bottom: 8, left: 8 } },
};
export const PAPER_LIST = Object.keys(PAPERS) as Paper[];

export const isPaper = (v: unknown): v is Paper => typeof v === 'string' && v in PAPERS;

/** The `@page` rule of a paper: its size and the margins the printer leaves. */
export function pageCss(paper: Paper): string {
  const p = PAPERS[paper];
  const m = p.margin;
  return `@page { size: ${p.width}mm ${p.height}mm; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }`;
}

/** Where the lines of a form may go: `body` on any form, `last` on the one that also carries the totals. */
export interface FormSpace {
  body: number;
  last: number;
}

/** Lines [start, end) of one form. */
export interface FormRange {
  start: number;
  end: number;
}

/**
 * Splits lines of the given heights over as few forms as hold them: every form takes
 * lines up to `space.body`; the last takes only what leaves room for the totals
 * (`space.last`). When the rest fits a form but not beside the totals, the last line
 * goes over with them, so the closing form never holds totals under no line at all
 * unless even one line does not fit beside them. A line taller than a form gets one
 * form to itself. Heights in any unit; no lines → one empty form.
 */
export function splitIntoForms(heights: readonly number[], space: FormSpace): FormRange[] {
  const n = heights.length;
  const last = Math.max(space.last, 0);
  const height = (i: number) => heights[i] ?? 0;
  const forms: FormRange[] = [];
  let start = 0;
  for (;;) {
    let rest = 0;
    for (let i = start; i < n; i++) rest += height(i);
    if (rest <= last) {
      forms.push({ start, end: n });
      return forms;
    }
    let end = start;
    let used = 0;
    while (end < n && used + height(end) <= space.body) used += height(end++);
    if (end === start) end = start + 1;
    if (end === n) {
      const carry = end - 1 > start && height(n - 1) <= last ? n - 1 : n;
      forms.push({ start, end: carry }, { start: carry, end: n });
      return forms;
    }
    forms.push({ start, end });
    start = end;
  }
}

/** The same with every line one row high: `rows` per form, `lastRows` beside the totals. */
export const splitByRows = (lineCount: number, rows: number, lastRows: number): FormRange[] =>
  splitIntoForms(
    Array.from({ length: lineCount }, () => 1),
    { body: rows, last: lastRows },
  );
