import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, errors } from '../../src/core/errors.js';
import { numberCell, writeSheet } from '../../src/core/excel.js';
import { formatDocNumber } from '../../src/core/numbering.js';
import { officeDay } from '../../src/core/office-day.js';
import { withRetry } from '../../src/db/transaction.js';
import { ALL_PERMISSIONS, BUILTIN_ROLES, isPermission } from '../../src/modules/auth/permissions.js';
import { unitsFromCell, unitsToCell } from '../../src/modules/masterdata/product-units.js';

describe('X1 document numbers', () => {
  it('X1 reads prefix, date and a 4-digit sequence', () => {
    expect(formatDocNumber('JH', '2026-11-26', 1)).toBe('JH-20261126-0001');
    expect(formatDocNumber('XS', '2026-01-05', 123)).toBe('XS-20260105-0123');
    expect(formatDocNumber('JH', '2026-11-26', 12345)).toBe('JH-20261126-12345');
  });
});

describe('the office day (UTC+8)', () => {
  it('is the Shanghai calendar date: from 16:00 UTC it is already tomorrow', () => {
    expect(officeDay(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(officeDay(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
    expect(officeDay(new Date('2026-12-31T20:30:00Z'))).toBe('2027-01-01');
  });
});

describe('X3 R6 Excel number cells', () => {
  it('a decimal of up to 15 significant digits becomes a number cell with its decimals; a longer one stays exact text', () => {
    expect(numberCell('1234.50')).toEqual({ value: 1234.5, numFmt: '#,##0.00' });
    expect(numberCell('-0.0001')).toEqual({ value: -0.0001, numFmt: '#,##0.0000' });
    expect(numberCell('42')).toEqual({ value: 42, numFmt: '#,##0' });
    expect(numberCell('9999999999999.99')).toEqual({ value: 9999999999999.99, numFmt: '#,##0.00' });
    expect(numberCell('99999999999999.99')).toBeNull();
    expect(numberCell('是')).toBeNull();
    expect(numberCell(null)).toBeNull();
  });
  it('a sheet named after a partner or account with / [ ] : * ? is written, the characters replaced', async () => {
    const buf = await writeSheet('对账单-龙江[总店]/工行:基本户*?', [{ header: '余额', key: 'b', numeric: true }], [{ b: '1.50' }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    expect(wb.worksheets[0].name).toBe('对账单-龙江_总店__工行_基本户__');
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe(1.5);
  });
  it('every number cell reads back as the decimal it was written from', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 4 }), (units, places) => {
        const digits = (units < 0n ? -units : units).toString().padStart(places + 1, '0');
        const text = `${units < 0n ? '-' : ''}${places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits}`;
        const cell = numberCell(text);
        if (!cell) return digits.replace(/^0+/, '').length > 15;
        return cell.value.toFixed(places) === (text.startsWith('-') && Number(text) === 0 ? text.slice(1) : text);
      }),
    );
  });
});

describe('errors', () => {
  it('carry a stable code, both languages and an HTTP status', () => {
    const e = errors.duplicateCode('code', 'A01');
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(409);
    expect(e.toBody()).toEqual({
      error: { code: 'DUPLICATE_CODE', message: '编码已存在：A01', messageEn: 'code already exists: A01', details: { field: 'code', value: 'A01' } },
    });
  });
});

describe('retry on serialization failure and deadlock', () => {
  const pgErr = (code: string) => Object.assign(new Error(code), { code });

  it('runs the victim again until it succeeds', async () => {
    let calls = 0;
    const stats = { retries: 0 };
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw pgErr(calls === 1 ? '40001' : '40P01');
        return 'done';
      },
      8,
      stats,
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(stats.retries).toBe(2);
  });

  it('finds the code under a wrapper error’s cause', async () => {
    let calls = 0;
    await withRetry(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('wrapped'), { cause: pgErr('40001') });
    });
    expect(calls).toBe(2);
  });

  it('gives up after a bounded number of attempts with 503 BUSY_RETRY', async () => {
    let calls = 0;
    const err = await withRetry(async () => {
      calls++;
      throw pgErr('40P01');
    }, 4).catch((e) => e);
    expect(calls).toBe(4);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('BUSY_RETRY');
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw pgErr('23505');
      }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });
});

describe('X4 roles', () => {
  it('X4 built-in roles hold only catalogued permissions; admin holds all', () => {
    for (const r of BUILTIN_ROLES) for (const p of r.permissions) expect(isPermission(p), `${r.code} ${p}`).toBe(true);
    const admin = BUILTIN_ROLES.find((r) => r.code === 'admin');
    expect(new Set(admin?.permissions)).toEqual(new Set(ALL_PERMISSIONS));
  });

  it('X4 covers the roles of SPEC', () => {
    const codes = BUILTIN_ROLES.map((r) => r.code);
    for (const c of [
      'purchasing_manager',
      'buyer',
      'warehouse_keeper',
      'order_clerk',
      'billing_clerk',
      'finance',
      'gm',
      'sales_manager',
      'cs_supervisor',
      'pmc',
      'pattern_room',
      'driver',
    ]) {
      expect(codes).toContain(c);
    }
  });

  it('X4 a warehouse keeper cannot see purchase prices', () => {
    const keeper = BUILTIN_ROLES.find((r) => r.code === 'warehouse_keeper');
    expect(keeper?.permissions).not.toContain('products:price');
    expect(keeper?.permissions).toContain('products:view');
  });
});

describe('X2 alternate units in one Excel cell', () => {
  it('X2 reads "箱=12|barcode; 包=6"', () => {
    expect(unitsFromCell('箱=12|6901234567890; 包=6')).toEqual({
      units: [
        { name: '箱', ratio: '12', barcode: '6901234567890' },
        { name: '包', ratio: '6', barcode: null },
      ],
    });
    expect('error' in unitsFromCell('箱=0')).toBe(true);
    expect('error' in unitsFromCell('箱')).toBe(true);
    expect(unitsFromCell('')).toEqual({ units: [] });
  });

  it('X2 writes what it reads (property)', () => {
    const name = fc.stringMatching(/^[箱包盒件A-Za-z]{1,4}$/);
    const ratio = fc.integer({ min: 1, max: 100000 }).map(String);
    const barcode = fc.option(fc.stringMatching(/^[0-9]{8,13}$/), { nil: null });
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ name, ratio, barcode }), { selector: (u) => u.name, maxLength: 5 }), (units) => {
        const back = unitsFromCell(unitsToCell(units));
        expect(back).toEqual({ units });
      }),
    );
  });
});
