// X6 Excel: export (.xlsx, Chinese headers), import template, import round-trip, and
// all-or-nothing import with row-by-row errors.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, type TestApi, testApi } from '../helpers/api.js';

type Body = Record<string, unknown>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let api: TestApi;
const ids: Record<string, string> = {};

const PRODUCT_HEADERS = [
  '编码',
  '名称',
  '规格型号',
  '系列',
  '颜色',
  '尺码',
  '类别',
  '基本单位',
  '条码',
  '包数',
  '进货价',
  '批发价',
  '零售价',
  '一级价',
  '二级价',
  '三级价',
  '最低库存',
  '最高库存',
  '卖点',
  '备注',
  '辅助单位',
  '启用',
];
const CUSTOMER_HEADERS = [
  '编码',
  '名称',
  '负责人',
  '联系人',
  '电话',
  '手机',
  '传真',
  '地址',
  '收货地址',
  '收货人',
  '收货人电话',
  '区域',
  '等级',
  '价格等级',
  '结算方式',
  '信用额度',
  '信用天数',
  '业务员',
  '区域经理',
  '专卖店',
  '备注',
  '启用',
];
const SUPPLIER_HEADERS = [
  '编码',
  '名称',
  '联系人',
  '电话',
  '手机',
  '传真',
  '地址',
  '税号',
  '开户银行',
  '银行账号',
  '付款条件',
  '账期天数',
  '状态',
  '备注',
  '启用',
];

interface Sheet {
  wb: ExcelJS.Workbook;
  ws: ExcelJS.Worksheet;
  headers: string[];
  rows: Record<string, string>[];
}

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
};

/** What Excel shows: a number cell with the decimals of its format (no thousands commas). */
const shown = (cell: ExcelJS.Cell): string => {
  if (typeof cell.value !== 'number') return text(cell.value);
  const places = /\.(0+)$/.exec(cell.numFmt ?? '')?.[1].length ?? 0;
  return cell.value.toFixed(places);
};

async function readXlsx(data: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  const ws = wb.worksheets[0];
  const headers: string[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    headers[col - 1] = text(cell.value);
  });
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const r: Record<string, string> = {};
    headers.forEach((h, i) => {
      r[h] = shown(row.getCell(i + 1));
    });
    rows.push(r);
  });
  return { wb, ws, headers, rows };
}

async function bytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function sheetOf(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  for (const r of rows) ws.addRow(r);
  return bytes(wb);
}

const importFile = (res: string, data: Uint8Array, type = XLSX) => api.admin.request('POST', `/${res}/import`, data, { 'content-type': type });

async function exported(res: string, query = ''): Promise<Sheet> {
  const r = await api.admin.get(`/${res}/export${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.headers.get('content-type')).toBe(XLSX);
  expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
  expect(r.body).toBeInstanceOf(Uint8Array);
  return readXlsx(r.body);
}

const total = async (res: string) => (await api.admin.get(`/${res}?pageSize=1`)).body.total as number;

async function post(res: string, body: Body): Promise<Body> {
  const r = await api.admin.post(`/${res}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

function expectImportInvalid(r: Reply, expected: { row: number; field: string }[]) {
  expect(r.status, JSON.stringify(r.body)).toBe(422);
  expect(r.body.error.code).toBe('IMPORT_INVALID');
  expect(r.body.error.message).toEqual(expect.any(String));
  expect(r.body.error.messageEn).toEqual(expect.any(String));
  const rows = r.body.error.details.rows as { row: number; field: string; message: string; messageEn: string }[];
  for (const x of rows) {
    expect(x.message).toEqual(expect.any(String));
    expect(x.messageEn).toEqual(expect.any(String));
  }
  const got = rows.map((x) => `${x.row}:${x.field}`).sort();
  expect(got).toEqual(expected.map((x) => `${x.row}:${x.field}`).sort());
}

beforeAll(async () => {
  api = await testApi();
  ids.shoes = (await post('product-categories', { code: 'CAT-SHOE', name: '鞋类' })).id as string;
  ids.hats = (await post('product-categories', { code: 'CAT-HAT', name: '帽类' })).id as string;
  ids.sales = (await post('employees', { code: 'E-SALES', name: '王业务' })).id as string;
  ids.manager = (await post('employees', { code: 'E-MGR', name: '李经理' })).id as string;
  ids.p1 = (
    await post('products', {
      code: 'P-001',
      name: '跑鞋',
      spec: 'RS-1',
      series: '春季',
      colour: '白',
      size: '42',
      categoryId: ids.shoes,
      baseUnit: '双',
      barcode: '6901234567001',
      packages: '1.5',
      purchasePrice: '12.5',
      wholesalePrice: '20',
      retailPrice: '39.9',
      price1: '30',
      minStock: '10',
      maxStock: '200',
      sellingPoints: '轻便',
      remark: '热销',
      units: [{ name: '箱', ratio: '12', barcode: '6901234567099' }],
    })
  ).id as string;
  ids.p2 = (await post('products', { code: 'P-002', name: '遮阳帽', categoryId: ids.hats, baseUnit: '顶', retailPrice: '15' })).id as string;
  ids.c1 = (
    await post('customers', {
      code: 'K-001',
      name: '华南贸易',
      principal: '陈总',
      phone: '020-1234',
      region: '华南',
      grade: 'A',
      priceLevel: 'price1',
      paymentTerm: 'credit',
      creditLimit: '50000',
      creditDays: 30,
      salespersonId: ids.sales,
      regionalManagerId: ids.manager,
      isFranchise: true,
    })
  ).id as string;
  ids.s1 = (await post('suppliers', { code: 'S-001', name: '东莞鞋材厂', contact: '刘', paymentTerms: '月结30天', paymentDays: 30, status: 'probation' }))
    .id as string;
});
afterAll(() => api.close());

describe('X6 export', () => {
  it('products → .xlsx with Chinese headers in row 1 and one row per product', async () => {
    const s = await exported('products');
    expect(s.headers).toEqual(PRODUCT_HEADERS);
    expect(s.rows.map((r) => r.编码)).toEqual(['P-001', 'P-002']);
    expect(s.rows[0]).toMatchObject({
      编码: 'P-001',
      名称: '跑鞋',
      规格型号: 'RS-1',
      类别: '鞋类',
      基本单位: '双',
      条码: '6901234567001',
      包数: '1.5000',
      进货价: '12.5000',
      批发价: '20.0000',
      零售价: '39.9000',
      一级价: '30.0000',
      辅助单位: '箱=12|6901234567099',
      启用: '是',
    });
    expect(s.rows[1]).toMatchObject({ 编码: 'P-002', 类别: '帽类', 零售价: '15.0000', 进货价: '' });
  });

  it('X6 R6 money and quantities are number cells a clerk can SUM, shown with their decimals', async () => {
    const s = await exported('products', '?q=P-001');
    const col = s.headers.indexOf('进货价') + 1;
    const cell = s.ws.getRow(2).getCell(col);
    expect(cell.value).toBe(12.5);
    expect(cell.numFmt).toBe('#,##0.0000');
    const credit = await exported('customers', '?q=K-001');
    const limit = credit.ws.getRow(2).getCell(credit.headers.indexOf('信用额度') + 1);
    expect(limit.value).toBe(50000);
    expect(limit.numFmt).toBe('#,##0.00');
  });

  it('customers → enum labels, employee names and 是/否', async () => {
    const s = await exported('customers');
    expect(s.headers).toEqual(CUSTOMER_HEADERS);
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]).toMatchObject({
      编码: 'K-001',
      名称: '华南贸易',
      负责人: '陈总',
      等级: 'A',
      价格等级: '一级价',
      结算方式: '赊销',
      信用额度: '50000.00',
      信用天数: '30',
      业务员: '王业务',
      区域经理: '李经理',
      专卖店: '是',
      启用: '是',
    });
  });

  it('suppliers → status as its Chinese label', async () => {
    const s = await exported('suppliers');
    expect(s.headers).toEqual(SUPPLIER_HEADERS);
    expect(s.rows).toEqual([expect.objectContaining({ 编码: 'S-001', 名称: '东莞鞋材厂', 付款条件: '月结30天', 账期天数: '30', 状态: '试用', 启用: '是' })]);
  });

  it('export takes the list filters (categoryId, q, active)', async () => {
    expect((await exported('products', `?categoryId=${ids.hats}`)).rows.map((r) => r.编码)).toEqual(['P-002']);
    expect((await exported('products', '?q=跑鞋')).rows.map((r) => r.编码)).toEqual(['P-001']);
    const none = await exported('products', '?active=false');
    expect(none.headers).toEqual(PRODUCT_HEADERS);
    expect(none.rows).toEqual([]);
  });
});

describe('X6 import template', () => {
  it.each([
    ['products', PRODUCT_HEADERS],
    ['customers', CUSTOMER_HEADERS],
    ['suppliers', SUPPLIER_HEADERS],
  ])('GET /%s/import-template → empty .xlsx with the export headers', async (res, headers) => {
    const r = await api.admin.get(`/${res}/import-template`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
    const s = await readXlsx(r.body);
    expect(s.headers).toEqual(headers);
    expect(s.rows).toEqual([]);
  });
});

describe('X6 import', () => {
  it('products round-trip: export, rename one, add one → 1 updated, 1 created; nothing else changes', async () => {
    const before = (await api.admin.get('/products?pageSize=500')).body.items as Body[];
    const s = await exported('products');
    const col = (h: string) => s.headers.indexOf(h) + 1;
    s.ws.eachRow((row) => {
      if (text(row.getCell(col('编码')).value) === 'P-002') row.getCell(col('名称')).value = '遮阳帽（新款）';
    });
    const fresh: unknown[] = [];
    fresh[col('编码') - 1] = 'P-NEW';
    fresh[col('名称') - 1] = '新帽子';
    fresh[col('基本单位') - 1] = '顶';
    fresh[col('类别') - 1] = 'CAT-HAT'; // by code
    fresh[col('进货价') - 1] = '8.8';
    fresh[col('辅助单位') - 1] = '盒=6|BOX-NEW';
    s.ws.addRow(fresh);
    const r = await importFile('products', await bytes(s.wb));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ imported: 3, created: 1, updated: 2 });

    const after = (await api.admin.get('/products?pageSize=500')).body.items as Body[];
    expect(after).toHaveLength(3);
    const strip = (p: Body) => {
      const { updatedAt: _u, name: _n, ...rest } = p;
      return rest;
    };
    for (const b of before) {
      const a = after.find((x) => x.id === b.id) as Body;
      expect(strip(a), String(b.code)).toEqual(strip(b));
    }
    expect(after.find((x) => x.code === 'P-002')?.name).toBe('遮阳帽（新款）');
    expect(after.find((x) => x.code === 'P-001')?.name).toBe('跑鞋');
    expect(after.find((x) => x.code === 'P-NEW')).toMatchObject({
      name: '新帽子',
      baseUnit: '顶',
      categoryId: ids.hats,
      categoryName: '帽类',
      purchasePrice: '8.8000',
      active: true,
      units: [expect.objectContaining({ name: '盒', ratio: '6.0000', barcode: 'BOX-NEW' })],
    });
  });

  it('customers round-trip: rename → updated, references and enums kept', async () => {
    const before = (await api.admin.get(`/customers/${ids.c1}`)).body;
    const s = await exported('customers');
    const nameCol = s.headers.indexOf('名称') + 1;
    s.ws.getRow(2).getCell(nameCol).value = '华南贸易有限公司';
    const extra: unknown[] = [];
    extra[s.headers.indexOf('编码')] = 'K-NEW';
    extra[s.headers.indexOf('名称')] = '新客户';
    extra[s.headers.indexOf('等级')] = 'B';
    extra[s.headers.indexOf('价格等级')] = '零售价';
    extra[s.headers.indexOf('结算方式')] = '现款';
    extra[s.headers.indexOf('业务员')] = '王业务';
    extra[s.headers.indexOf('专卖店')] = '否';
    s.ws.addRow(extra);
    const r = await importFile('customers', await bytes(s.wb));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ imported: 2, created: 1, updated: 1 });
    const after = (await api.admin.get(`/customers/${ids.c1}`)).body;
    const { updatedAt: _a, name: _n, ...restAfter } = after;
    const { updatedAt: _b, name: _m, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(after.name).toBe('华南贸易有限公司');
    const fresh = (await api.admin.get('/customers?q=K-NEW')).body.items[0];
    expect(fresh).toMatchObject({
      name: '新客户',
      grade: 'B',
      priceLevel: 'retail',
      paymentTerm: 'cash',
      salespersonId: ids.sales,
      isFranchise: false,
      creditLimit: '0.00',
    });
  });

  it('suppliers round-trip: rename → updated; labels map back to enum values', async () => {
    const s = await exported('suppliers');
    s.ws.getRow(2).getCell(s.headers.indexOf('名称') + 1).value = '东莞鞋材厂（总厂）';
    s.ws.addRow(['S-NEW', '新供应商', '', '', '', '', '', '', '', '', '', 15, '候选', '', '是']);
    const r = await importFile('suppliers', await bytes(s.wb));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ imported: 2, created: 1, updated: 1 });
    expect((await api.admin.get(`/suppliers/${ids.s1}`)).body).toMatchObject({
      name: '东莞鞋材厂（总厂）',
      status: 'probation',
      paymentDays: 30,
      contact: '刘',
    });
    expect((await api.admin.get('/suppliers?q=S-NEW')).body.items[0]).toMatchObject({ name: '新供应商', status: 'candidate', paymentDays: 15 });
  });

  it('numbers typed as numeric cells import exactly (code 1001, price 12.5)', async () => {
    const r = await importFile(
      'products',
      await sheetOf([
        ['编码', '名称', '基本单位', '进货价', '包数'],
        [1001, '数字编码', '件', 12.5, 3],
      ]),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const p = (await api.admin.get('/products?q=1001')).body.items[0];
    expect(p).toMatchObject({ code: '1001', purchasePrice: '12.5000', packages: '3.0000' });
  });

  it('re-importing an unchanged export keeps the alternate units’ prices', async () => {
    const p = await post('products', {
      code: 'P-UNITPRICE',
      name: '带单位价',
      baseUnit: '件',
      purchasePrice: '10',
      units: [{ name: '箱', ratio: '12', barcode: 'UP-BOX', purchasePrice: '115', wholesalePrice: '130', retailPrice: '150' }],
    });
    const s = await exported('products', '?q=P-UNITPRICE');
    const r = await importFile('products', await bytes(s.wb));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = (await api.admin.get(`/products/${p.id}`)).body;
    expect(after.units).toEqual(p.units);
  });

  it('re-importing an unchanged export works when a product’s category was deactivated', async () => {
    const cat = await post('product-categories', { code: 'CAT-OLD', name: '旧类别' });
    const p = await post('products', { code: 'P-OLDCAT', name: '旧类商品', baseUnit: '件', categoryId: cat.id });
    expect((await api.admin.del(`/product-categories/${cat.id}`)).status).toBe(200);
    const s = await exported('products', '?q=P-OLDCAT');
    expect(s.rows[0].类别).toBe('旧类别');
    const r = await importFile('products', await bytes(s.wb));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await api.admin.get(`/products/${p.id}`)).body.categoryId).toBe(cat.id);
  });

  it('products with bad rows → 422 IMPORT_INVALID listing each row and field; nothing imported, not even the good rows', async () => {
    const before = await total('products');
    const data = await sheetOf([
      ['编码', '名称', '基本单位', '类别', '进货价', '辅助单位'],
      ['IMP-OK1', '好商品一', '件', '鞋类', '10', ''], // row 2: good
      ['IMP-OK1', '重复编码', '件', '', '', ''], // row 3: code repeats row 2
      ['IMP-BAD3', '坏类别', '件', '不存在的类别', '', ''], // row 4: unknown category
      ['IMP-BAD4', '坏价格', '件', '', '12.3.4', ''], // row 5: bad decimal
      ['IMP-BAD5', '', '件', '', '', ''], // row 6: missing name
      ['IMP-OK2', '好商品二', '件', 'CAT-HAT', '5.5', '箱=12'], // row 7: good
      ['IMP-BAD7', '坏单位', '件', '', '', '箱=abc'], // row 8: bad unit ratio
      ['IMP-BAD8', '负价格', '件', '', '-3', ''], // row 9: negative price
    ]);
    const r = await importFile('products', data);
    expectImportInvalid(r, [
      { row: 3, field: '编码' },
      { row: 4, field: '类别' },
      { row: 5, field: '进货价' },
      { row: 6, field: '名称' },
      { row: 8, field: '辅助单位' },
      { row: 9, field: '进货价' },
    ]);
    expect(await total('products')).toBe(before);
    expect((await api.admin.get('/products?q=IMP-')).body.items).toEqual([]);
  });

  it('suppliers with bad rows (unknown status label, bad 账期天数, missing name, duplicate code) → 422, nothing imported', async () => {
    const before = await total('suppliers');
    const r = await importFile(
      'suppliers',
      await sheetOf([
        ['编码', '名称', '状态', '账期天数'],
        ['SI-1', '好供应商', '合格', 30],
        ['SI-2', '坏状态', '优秀', ''],
        ['SI-3', '坏天数', '', '三十'],
        ['SI-4', '', '候选', ''],
        ['SI-1', '重复', '', ''],
      ]),
    );
    expectImportInvalid(r, [
      { row: 3, field: '状态' },
      { row: 4, field: '账期天数' },
      { row: 5, field: '名称' },
      { row: 6, field: '编码' },
    ]);
    expect(await total('suppliers')).toBe(before);
  });

  it('customers with bad rows (unknown grade / payment label, negative credit, unknown salesperson, bad 是/否) → 422, nothing imported', async () => {
    const before = await total('customers');
    const r = await importFile(
      'customers',
      await sheetOf([
        ['编码', '名称', '等级', '结算方式', '信用额度', '业务员', '专卖店'],
        ['CI-1', '好客户', 'A', '现款', '100', '王业务', '是'],
        ['CI-2', '坏等级', 'Z', '', '', '', ''],
        ['CI-3', '坏结算', '', '月结', '', '', ''],
        ['CI-4', '负额度', '', '', '-5', '', ''],
        ['CI-5', '无此人', '', '', '', '赵无名', ''],
        ['CI-6', '坏是否', '', '', '', '', '也许'],
      ]),
    );
    expectImportInvalid(r, [
      { row: 3, field: '等级' },
      { row: 4, field: '结算方式' },
      { row: 5, field: '信用额度' },
      { row: 6, field: '业务员' },
      { row: 7, field: '专卖店' },
    ]);
    expect(await total('customers')).toBe(before);
  });

  it('a file that is not .xlsx → 4xx, nothing imported', async () => {
    const before = await total('products');
    const enc = new TextEncoder();
    const cases: [string, Uint8Array, string][] = [
      ['text', enc.encode('编码,名称,基本单位\nCSV-1,CSV,件\n'), XLSX],
      ['csv as text/csv', enc.encode('编码,名称,基本单位\nCSV-1,CSV,件\n'), 'text/csv'],
      ['random bytes', Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256), XLSX],
      ['zip header only', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), XLSX],
      ['pdf', enc.encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'application/pdf'],
      ['JSON', enc.encode(JSON.stringify([{ code: 'J-1', name: 'x', baseUnit: '件' }])), 'application/json'],
      ['empty', new Uint8Array(0), XLSX],
    ];
    for (const [what, data, type] of cases) {
      const r = await importFile('products', data, type);
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
      expect(r.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String), messageEn: expect.any(String) });
    }
    expect(await total('products')).toBe(before);
  });

  it('unknown columns, no code column, or no data rows → 422', async () => {
    const a = await importFile(
      'products',
      await sheetOf([
        ['编码', '名称', '基本单位', '颜值'],
        ['U-1', 'x', '件', '高'],
      ]),
    );
    expect(a.status).toBe(422);
    expect(a.body.error.code).toBe('IMPORT_UNKNOWN_COLUMN');
    expect(a.body.error.details.columns).toEqual(['颜值']);
    const b = await importFile(
      'products',
      await sheetOf([
        ['名称', '基本单位'],
        ['x', '件'],
      ]),
    );
    expect(b.status).toBe(422);
    expect(b.body.error.code).toBe('IMPORT_NO_CODE_COLUMN');
    const c = await importFile('products', await sheetOf([PRODUCT_HEADERS]));
    expect(c.status).toBe(422);
    expect(c.body.error.code).toBe('IMPORT_EMPTY');
    expect((await api.admin.get('/products?q=U-1')).body.total).toBe(0);
  });
});
