// Excel in and out, shared by every list export and import.
import ExcelJS from 'exceljs';
import { errors } from './errors.js';

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
  /** A number column: decimals become number cells Excel can add up (see numberCell). */
  numeric?: boolean;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition of a download: an ASCII name for old clients, the Chinese one for the rest. */
export const xlsxAttachment = (ascii: string, zh: string) => `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(zh)}.xlsx`;

export async function writeSheet(title: string, columns: SheetColumn[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jxc-erp';
  // A sheet name may not hold * ? : \ / [ ] (工行/基本户, 龙江[总店]) nor pass 31 characters.
  const ws = wb.addWorksheet(title.replace(/[*?:\\/[\]]/g, '_').slice(0, 31));
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    style: c.numeric ? { alignment: { horizontal: 'right' } } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const numericKeys = columns.filter((c) => c.numeric).map((c) => c.key);
  for (const r of rows) {
    const row = ws.addRow(r);
    for (const key of numericKeys) {
      const cell = numberCell(r[key]);
      if (!cell) continue;
      const target = row.getCell(key);
      target.value = cell.value;
      target.numFmt = cell.numFmt;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const DECIMAL = /^-?\d+(\.(\d+))?$/;

/**
 * A decimal string as an Excel number cell, so clerks can SUM a column. The file stores the
 * number as written, and Excel reads it into a double: exact up to 15 significant digits.
 * A figure with more digits stays a text cell, exact, rather than come back altered.
 */
export function numberCell(v: unknown): { value: number; numFmt: string } | null {
  if (typeof v !== 'string' || !DECIMAL.test(v)) return null;
  if (v.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length > 15) return null;
  const places = DECIMAL.exec(v)?.[2]?.length ?? 0;
  return { value: Number(v), numFmt: places ? `#,##0.${'0'.repeat(places)}` : '#,##0' };
}

export interface SheetRow {
  rowNumber: number;
  values: Record<string, unknown>;
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return (v as { text: string }).text;
    return null;
  }
  return v;
}

/** Reads the first sheet: row 1 is the header; empty rows are skipped. */
export async function readSheet(data: ArrayBuffer | Buffer): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    throw errors.unprocessable('IMPORT_NOT_XLSX', '文件不是有效的 Excel (.xlsx) 文件', 'The file is not a valid Excel (.xlsx) workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw errors.unprocessable('IMPORT_EMPTY', 'Excel 文件中没有工作表', 'The workbook has no sheet');
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(cellValue(cell.value) ?? '').trim();
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, unknown> = {};
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const h = headers[col - 1];
      if (!h) return;
      const v = cellValue(cell.value);
      if (v !== null && v !== '') any = true;
      values[h] = v;
    });
    if (any) rows.push({ rowNumber, values });
  });
  return { headers, rows };
}
