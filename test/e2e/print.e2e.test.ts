// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// R6 documents print on A4 and on 241 mm continuous forms (1/3, 1/2 and a whole 11 in
// fold): each copy fills whole forms of the chosen size (page.pdf() in Chromium, pages
// counted and measured with pdf-lib), a long document goes on to the next form with its
// head repeated, 续页 and 第 x 页 / 共 y 页; on A4 colours and names stay on one line.
// X4 a warehouse keeper's print of a bill has no price or money columns and no 大写.
// Setup by API as admin: a short delivery (2 lines), a long one (40 lines), a bill.
// Screenshots: test-results/screenshots/print-*.png, PDFs: test-results/print-*.pdf
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { expectNoProblems, type Page, ROOT, setupE2E, shot, TODAY } from './harness';

const e2e = setupE2E();
const PDF_DIR = join(ROOT, 'test-results');
const PT_PER_MM = 72 / 25.4;

const state = { shortDelivery: '', longDelivery: '', longLines: 40, bill: '' };

/** Opens a document's print page on the given paper (chosen as a user does, with its button). */
async function openPrint(page: Page, resource: string, id: string, paper: string) {
  await page.goto(`/print/${resource}/${id}`);
  await page.getByTestId('print-forms').waitFor();
  await page.getByTestId(`paper-${paper}`).click();
  await expect.poll(() => page.getByTestId('print-page').getAttribute('data-paper')).toBe(paper);
  await page.getByTestId('print-forms').waitFor();
}

/** Prints to PDF as Chromium's print dialog would (the page's own @page size) and reads back its pages. */
async function printPdf(page: Page, name: string) {
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync(PDF_DIR, { recursive: true });
  writeFileSync(join(PDF_DIR, `${name}.pdf`), bytes);
  const pdf = await PDFDocument.load(bytes);
  return pdf.getPages().map((p) => {
    const { width, height } = p.getSize();
    return { width: Math.round((width / PT_PER_MM) * 10) / 10, height: Math.round((height / PT_PER_MM) * 10) / 10 };
  });
}

/** Per printed form: its copy, page number text, whether the head is there, its line numbers. */
async function forms(page: Page) {
  return page.getByTestId('print-sheet').evaluateAll((sheets) =>
    sheets.map((s) => ({
      copy: s.querySelector('[data-testid="print-copy"]')?.textContent ?? null,
      title: s.querySelector('[data-testid="print-title"]')?.textContent ?? null,
      number: s.querySelector('[data-testid="print-number"]')?.textContent ?? null,
      columns: Array.from(s.querySelectorAll('[data-testid="print-lines"] thead th')).map((th) => th.textContent),
      continued: !!s.querySelector('[data-testid="print-continued"]'),
      pageNo: s.querySelector('[data-testid="print-page-no"]')?.textContent ?? null,
      lines: Array.from(s.querySelectorAll('[data-testid="print-line"] td:first-child')).map((td) => Number(td.textContent)),
      total: !!s.querySelector('[data-testid="print-total"]'),
      sign: !!s.querySelector('[data-testid="print-sign"]'),
    })),
  );
}

/** A PDF page of the paper's size, to half a millimetre (A4 comes out as 595 × 842 pt). */
function expectSize(pages: { width: number; height: number }[], width: number, height: number) {
  for (const p of pages) {
    expect(p.width).toBeCloseTo(width, 0);
    expect(p.height).toBeCloseTo(height, 0);
  }
}

/**
 * What does not fit a form is cut off (a sheet is one page and clips): per sheet, how far
 * its content runs past the bottom or its lines past the right margin, in px (0 = fits).
 * On screen a sheet is the paper with its margins as padding: the same width and height
 * inside as printed.
 */
async function overflow(page: Page) {
  return page.getByTestId('print-sheet').evaluateAll((sheets) =>
    sheets.map((s) => {
      const box = s.getBoundingClientRect();
      const style = getComputedStyle(s);
      const right = box.right - Number.parseFloat(style.paddingRight);
      const widest = Math.max(...Array.from(s.querySelectorAll('table')).map((t) => t.getBoundingClientRect().right));
      return { down: Math.max(0, s.scrollHeight - s.clientHeight), right: Math.max(0, Math.round(widest - right)) };
    }),
  );
}

const FORMS = [
  ['c241-93', 93.1],
  ['c241-140', 139.7],
  ['c241-279', 279.4],
] as const;

describe('R6 printing on continuous forms and A4', () => {
  it('setup: a delivery of 2 lines, one of 40 lines, a bill (admin, by API)', async () => {
    const api = await e2e.api();
    const first = async (path: string) => (await api.get<{ items: { id: string }[] }>(path)).items[0]?.id as string;
    const customerId = await first('/customers?q=KH001');
    const warehouseId = await first('/warehouses?q=CK01');
    const products = (await api.get<{ items: { id: string; code: string }[] }>('/products?pageSize=100')).items;
    expect(products.length).toBeGreaterThan(10);
    const line = (i: number) => ({ productId: products[i % products.length]?.id, qty: String(1 + (i % 3)), price: '1280.00' });
    const delivery = (n: number) =>
      api.post<{ id: string }>('/sales-deliveries', { customerId, warehouseId, date: TODAY, lines: Array.from({ length: n }, (_, i) => line(i)) });
    state.shortDelivery = (await delivery(2)).id;
    state.longDelivery = (await delivery(state.longLines)).id;
    const bill = await api.post<{ id: string }>('/purchase-bills', {
      supplierId: await first('/suppliers?q=GYS001'),
      warehouseId,
      date: TODAY,
      lines: [0, 1, 2].map((i) => ({ productId: products[i]?.id, qty: '4', price: '880.00', taxRate: '13' })),
    });
    await api.post(`/purchase-bills/${bill.id}/audit`);
    state.bill = bill.id;
  });

  it.each(FORMS)('241 × %s: a delivery’s 仓库联 and 客户联 fill exactly one form each', async (paper, height) => {
    const page = await e2e.pageAs('admin');
    await openPrint(page, 'sales-deliveries', state.shortDelivery, paper);
    const f = await forms(page);
    expect(f.map((x) => [x.copy, x.pageNo, x.lines])).toEqual([
      ['仓库联', '第 1 页 / 共 1 页', [1, 2]],
      ['客户联', '第 1 页 / 共 1 页', [1, 2]],
    ]);
    expect(await overflow(page)).toEqual(f.map(() => ({ down: 0, right: 0 })));
    await shot(page, `print-${paper}-short`, { fullPage: true });
    const pages = await printPdf(page, `print-${paper}-short`);
    expect(pages).toHaveLength(2);
    expectSize(pages, 241, height);
    expectNoProblems(page);
  });

  it.each(FORMS)('241 × %s: 40 lines go on over forms, each with the head, 续页 and 第 x 页 / 共 y 页', async (paper, height) => {
    const page = await e2e.pageAs('admin');
    await openPrint(page, 'sales-deliveries', state.longDelivery, paper);
    const f = await forms(page);
    const perCopy = f.filter((x) => x.copy === '仓库联');
    const n = perCopy.length;
    expect(n).toBeGreaterThan(1);
    expect(f.filter((x) => x.copy === '客户联')).toHaveLength(n);
    for (const copy of ['仓库联', '客户联']) {
      const mine = f.filter((x) => x.copy === copy);
      // every line once, in order, over the forms of the copy
      expect(mine.flatMap((x) => x.lines)).toEqual(Array.from({ length: state.longLines }, (_, i) => i + 1));
      mine.forEach((x, i) => {
        expect(x.title).toBe('发货单');
        expect(x.number).toMatch(/^XS-/);
        expect(x.columns).toContain('商品名称');
        expect(x.lines.length, `${copy} form ${i + 1}`).toBeGreaterThan(0);
        expect(x.continued).toBe(i > 0);
        expect(x.pageNo).toBe(`第 ${i + 1} 页 / 共 ${n} 页`);
        // totals and signatures close the copy, once
        expect([x.total, x.sign]).toEqual([i === n - 1, i === n - 1]);
      });
    }
    expect(await overflow(page)).toEqual(f.map(() => ({ down: 0, right: 0 })));
    await shot(page, `print-${paper}-long`, { fullPage: true });
    const pages = await printPdf(page, `print-${paper}-long`);
    expect(pages).toHaveLength(2 * n);
    expectSize(pages, 241, height);
    expectNoProblems(page);
  });

  it('A4: all 14 columns fit the page; codes, names, colours and figures stay on one line', async () => {
    const page = await e2e.pageAs('admin');
    await openPrint(page, 'sales-deliveries', state.longDelivery, 'a4');
    const pages = await printPdf(page, 'print-a4-long');
    const f = await forms(page);
    expect(pages).toHaveLength(f.length);
    expectSize(pages, 210, 297);
    // every column of the delivery is printed (the admin sees its money)
    expect(f[0]?.columns).toEqual([
      '序号',
      '商品编码',
      '商品名称',
      '规格型号',
      '颜色',
      '尺码',
      '单位',
      '数量',
      '单价',
      '折扣%',
      '金额',
      '税率%',
      '税额',
      '价税合计',
    ]);
    expect(await overflow(page)).toEqual(f.map(() => ({ down: 0, right: 0 })));
    // lines of text in each cell
    const lineBoxes = await page.locator('[data-testid="print-line"] td').evaluateAll((tds) =>
      tds.map((td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        const tops = new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top)));
        return { col: td.className.match(/col-(\w+)/)?.[1] ?? '', text: td.textContent ?? '', lines: tops.size };
      }),
    );
    const narrow = lineBoxes.filter((c) => ['code', 'name', 'colour', 'unit', 'qty', 'price', 'amount', 'total'].includes(c.col) && c.text);
    expect(narrow.length).toBeGreaterThan(state.longLines * 7);
    expect(narrow.filter((c) => c.lines !== 1)).toEqual([]);
    await shot(page, 'print-a4-long');
    expectNoProblems(page);
  });
});

describe('X4 a print shows only what the printing role may see', () => {
  it('a warehouse keeper prints a bill: no 单价/金额/折扣/税率 columns, no 合计金额（大写）', async () => {
    const page = await e2e.pageAs('cangku');
    await openPrint(page, 'purchase-bills', state.bill, 'a4');
    const f = await forms(page);
    expect(f).toHaveLength(1);
    expect(f[0]?.columns).toEqual(['序号', '商品编码', '商品名称', '规格型号', '颜色', '尺码', '单位', '数量']);
    expect(f[0]?.lines).toEqual([1, 2, 3]);
    const sheet = await page.getByTestId('print-sheet').innerText();
    for (const hidden of ['单价', '金额', '折扣', '税率', '税额', '价税合计', '大写', '¥', '880']) expect(sheet).not.toContain(hidden);
    // the quantities still add up
    expect((await page.getByTestId('print-total-qty').innerText()).trim()).toBe('12');
    expect(sheet).toContain('仓库签收');
    await shot(page, 'print-keeper-bill', { fullPage: true });
    expect(await printPdf(page, 'print-keeper-bill')).toHaveLength(1);

    // the buyer who may see the money prints it all
    const buyer = await e2e.pageAs('caigou');
    await openPrint(buyer, 'purchase-bills', state.bill, 'a4');
    expect((await forms(buyer))[0]?.columns).toEqual([
      '序号',
      '商品编码',
      '商品名称',
      '规格型号',
      '颜色',
      '尺码',
      '单位',
      '数量',
      '单价',
      '金额',
      '税率%',
      '税额',
      '价税合计',
    ]);
    expect(await buyer.getByTestId('print-words').innerText()).toBe('壹万壹仟玖佰叁拾贰元捌角');
    expectNoProblems(page);
    expectNoProblems(buyer);
  });
});
