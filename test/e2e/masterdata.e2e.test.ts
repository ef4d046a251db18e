// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// The foundation's browser test (SPEC X2/X4/X5): Chinese-first login and menu, master
// data entered the way a clerk does it (Enter between fields, Ctrl+S to save), found
// again by searching, the English UI, and a user who must not see 系统.
// Screenshots: test-results/screenshots/masterdata-*.png
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  currentLanguage,
  DEMO_PASSWORD,
  expectFocused,
  expectNoProblems,
  formOpen,
  login,
  mainTable,
  menuModules,
  menuPages,
  navigate,
  openNewForm,
  type Page,
  pickOption,
  searchList,
  selectedLabel,
  setLanguage,
  setupE2E,
  shot,
  tableRows,
  toastTexts,
  waitFormClosed,
} from './harness';

const e2e = setupE2E();

const ZH_MODULES = ['采购', '销售', '仓库', '财务', '报表', '基础资料', '系统'];
const EN_MODULES = ['Purchasing', 'Sales', 'Warehouse', 'Finance', 'Reports', 'Master data', 'System'];
const EN_MASTERDATA_PAGES = ['Products', 'Product categories', 'Suppliers', 'Customers', 'Employees', 'Departments', 'Warehouses', 'Settlement accounts'];

const SUPPLIER = { code: 'GYS-E2E-01', name: '宁波甬江五金制品有限公司', contact: '李建国', phone: '0574-88886666' };
const PRODUCT = {
  code: 'SP-E2E-01',
  name: '实木餐椅（胡桃）',
  spec: 'CY-808',
  series: '北欧',
  colour: '胡桃色',
  size: '标准',
  category: '餐桌椅',
  categorySearch: '餐桌',
  baseUnit: '件',
  barcode: '6901234567892',
  purchasePrice: '85.5',
  wholesalePrice: '1280',
};

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** Types a value into the focused field, then Enter: the caret must land on `nextId`. */
async function typeThenEnter(page: Page, value: string, nextId: string) {
  if (value) await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await expectFocused(page, nextId);
}

/** No uncaught script error and no 5xx answer happened in the page. */

describe('master data in the browser', () => {
  it('admin logs in in Chinese and sees every module in the left menu', async () => {
    const page = await e2e.newPage();
    await page.goto('/');
    await page.locator('#username').waitFor();
    expect(await currentLanguage(page)).toBe('zh-CN');
    expect(await page.getByTestId('login-title').innerText()).toBe('进销存');
    expect(await page.locator('#username').getAttribute('placeholder')).toBe('用户名');
    expect(await page.locator('#password').getAttribute('placeholder')).toBe('密码');
    // antd puts a space between two CJK characters in a button
    expect((await page.getByTestId('btn-login').innerText()).replace(/\s/g, '')).toBe('登录');
    await shot(page, 'masterdata-01-login-page');

    // a wrong password is refused with a Chinese message, and the form stays
    await page.fill('#username', ADMIN);
    await page.fill('#password', 'wrong-password');
    await page.getByTestId('btn-login').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(CJK);
    expect(await page.locator('#password').inputValue()).toBe('');

    await login(page, ADMIN, e2e.adminPassword);
    expect(await menuModules(page)).toEqual(ZH_MODULES);
    expect(await menuPages(page, 'masterdata')).toEqual(['商品', '商品类别', '供应商', '客户', '职员', '部门', '仓库', '结算账户']);
    expect(await page.getByTestId('company-name').innerText()).toContain('天杉家具');
    await page.getByTestId('page-home').waitFor();
    await shot(page, 'masterdata-02-admin-home');
    expectNoProblems(page);
  });

  it('creates a supplier with Enter and Ctrl+S, then finds it by searching', async () => {
    const page = await e2e.newPage();
    await login(page, ADMIN, e2e.adminPassword);
    await navigate(page, '/masterdata/suppliers');
    await page.getByTestId('page-suppliers').waitFor();
    await expect.poll(async () => (await tableRows(page)).length, { message: 'demo suppliers listed' }).toBeGreaterThanOrEqual(5);

    const form = await openNewForm(page); // caret in #code
    expect(await page.locator('.ant-drawer-title').innerText()).toContain('新增供应商');
    await typeThenEnter(page, SUPPLIER.code, 'name');
    await typeThenEnter(page, SUPPLIER.name, 'contact');
    await typeThenEnter(page, SUPPLIER.contact, 'phone');
    await page.keyboard.type(SUPPLIER.phone);
    expect(await form.locator('#code').inputValue()).toBe(SUPPLIER.code);
    expect(await form.locator('#name').inputValue()).toBe(SUPPLIER.name);
    await page.keyboard.press('Control+s');
    await waitFormClosed(page);
    await expect.poll(() => toastTexts(page)).toContain('已新增');

    const rows = await searchList(page, SUPPLIER.code);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(expect.arrayContaining([SUPPLIER.code, SUPPLIER.name, SUPPLIER.contact, SUPPLIER.phone, '合格', '启用']));
    // the supplier's own status and active / inactive are two columns with two names
    const headers = (await mainTable(page).locator('thead th').allInnerTexts()).map((h) => h.trim());
    expect(headers).toEqual(expect.arrayContaining(['供应商状态', '启用状态']));
    expect(headers).not.toContain('状态');
    // also by part of the name
    const byName = await searchList(page, '甬江五金');
    expect(byName.map((r) => r[0])).toEqual([SUPPLIER.code]);
    await shot(page, 'masterdata-03-supplier-list-new-row');

    // what the server stored
    const api = await e2e.api();
    const found = await api.get(`/suppliers?q=${encodeURIComponent(SUPPLIER.code)}`);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ ...SUPPLIER, status: 'qualified', active: true });
    expectNoProblems(page);
  });

  it('creates a product with an alternate unit (箱 = 12 件) and finds it', async () => {
    const page = await e2e.newPage();
    await login(page, ADMIN, e2e.adminPassword);
    await navigate(page, '/masterdata/products');
    await page.getByTestId('page-products').waitFor();
    await tableRows(page);

    const form = await openNewForm(page);
    await typeThenEnter(page, PRODUCT.code, 'name');
    await typeThenEnter(page, PRODUCT.name, 'spec');
    await typeThenEnter(page, PRODUCT.spec, 'series');
    await typeThenEnter(page, PRODUCT.series, 'colour');
    await typeThenEnter(page, PRODUCT.colour, 'size');
    await typeThenEnter(page, PRODUCT.size, 'categoryId');
    // a reference select: type to search, Enter picks the option, the next Enter moves on
    expect(await pickOption(page, 'categoryId', PRODUCT.categorySearch, PRODUCT.category)).toContain(PRODUCT.category);
    await expectFocused(page, 'categoryId');
    await typeThenEnter(page, '', 'baseUnit');
    expect(await page.locator('#categoryId').getAttribute('aria-expanded')).not.toBe('true');
    await typeThenEnter(page, PRODUCT.baseUnit, 'barcode');
    await typeThenEnter(page, PRODUCT.barcode, 'packages');
    await typeThenEnter(page, '', 'purchasePrice');
    await typeThenEnter(page, PRODUCT.purchasePrice, 'wholesalePrice');
    await page.keyboard.type(PRODUCT.wholesalePrice);

    // alternate unit: 箱, 12 base units
    await page.getByTestId('btn-units-add').click();
    await expectFocused(page, 'units_0_name');
    await typeThenEnter(page, '箱', 'units_0_ratio');
    await page.keyboard.type('12');
    expect(await form.locator('#units_0_name').inputValue()).toBe('箱');
    expect(await form.locator('#units_0_ratio').inputValue()).toBe('12');
    expect(await form.locator('#baseUnit').inputValue()).toBe(PRODUCT.baseUnit);
    await shot(page, 'masterdata-04-product-form');

    await page.keyboard.press('Control+s');
    await waitFormClosed(page);
    await expect.poll(() => toastTexts(page)).toContain('已新增');

    const rows = await searchList(page, PRODUCT.code);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(
      expect.arrayContaining([PRODUCT.code, PRODUCT.name, PRODUCT.spec, PRODUCT.colour, PRODUCT.size, PRODUCT.baseUnit, '85.50', '1,280.00']),
    );
    // series, category and barcode are in 列设置 (the default list fits a 1440 px screen)
    const columnsButton = mainTable(page).locator('thead').getByTestId('btn-columns');
    const chooser = page.locator('[data-testid="column-chooser"]');
    await columnsButton.click();
    await chooser.waitFor({ state: 'visible' });
    for (const col of ['series', 'categoryId', 'barcode']) await chooser.locator(`[data-col="${col}"]`).click();
    await expect.poll(async () => (await tableRows(page))[0]).toEqual(expect.arrayContaining([PRODUCT.series, PRODUCT.category, PRODUCT.barcode]));
    // Back to the default columns (重置), then close the popover with its own button.
    await chooser.getByRole('button').click();
    await columnsButton.click();
    await chooser.waitFor({ state: 'hidden' });
    const byBarcode = await searchList(page, PRODUCT.barcode);
    expect(byBarcode.map((r) => r[0])).toEqual([PRODUCT.code]);
    await shot(page, 'masterdata-05-product-list');

    // open it again: the alternate unit was saved
    await mainTable(page).locator('.ant-table-tbody > tr.ant-table-row').first().click();
    const edit = formOpen(page, 'edit');
    await edit.waitFor();
    await expect.poll(() => edit.locator('#units_0_name').inputValue()).toBe('箱');
    expect(await edit.locator('#units_0_ratio').inputValue()).toBe('12');
    expect(await edit.locator('#code').inputValue()).toBe(PRODUCT.code);
    await expect.poll(() => selectedLabel(page, 'categoryId')).toContain(PRODUCT.category);
    await shot(page, 'masterdata-06-product-edit');
    await page.keyboard.press('Escape');
    await waitFormClosed(page);

    const api = await e2e.api();
    const found = await api.get(`/products?q=${encodeURIComponent(PRODUCT.code)}`);
    expect(found.items).toHaveLength(1);
    const product = await api.get(`/products/${found.items[0].id}`);
    expect(product).toMatchObject({ code: PRODUCT.code, name: PRODUCT.name, baseUnit: '件' });
    expect(product.units).toHaveLength(1);
    expect(product.units[0].name).toBe('箱');
    expect(Number(product.units[0].ratio)).toBe(12);
    expectNoProblems(page);
  });

  it('switches the whole UI to English and keeps the choice', async () => {
    const page = await e2e.newPage();
    await login(page, ADMIN, e2e.adminPassword);
    await navigate(page, '/masterdata/products');
    await tableRows(page);
    await setLanguage(page, 'en');

    expect(await menuModules(page)).toEqual(EN_MODULES);
    expect(await menuPages(page, 'masterdata')).toEqual(EN_MASTERDATA_PAGES);
    const pageEl = page.getByTestId('page-products');
    expect(await pageEl.locator('.erp-toolbar h5').innerText()).toBe('Products');
    expect(await page.getByTestId('btn-new').innerText()).toBe('New');
    expect(await page.getByTestId('btn-export').innerText()).toBe('Export Excel');
    expect(await page.getByTestId('btn-logout').innerText()).toBe('Sign out');
    const headers = (await mainTable(page).locator('thead th').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
    expect(headers).toEqual(expect.arrayContaining(['Code', 'Name', 'Base unit', 'Active', 'Actions']));
    expect(await page.getByTestId('search').getAttribute('placeholder')).toMatch(/^Code/);
    expect(await page.title()).toMatch(/^Products - /);

    // no Chinese left in the UI chrome (data — product names, company and user — may be Chinese)
    const chrome = [
      await page.locator('.erp-sider').innerText(),
      await page.locator('.erp-toolbar').innerText(),
      headers.join(' '),
      await page.locator('[data-testid="page-products"] .ant-pagination').innerText(),
      await page.getByTestId('btn-logout').innerText(),
      await page.getByTestId('lang-switch').innerText(),
    ].join('\n');
    expect(chrome.split('\n').filter((l) => CJK.test(l) && l.trim() !== '中文')).toEqual([]);
    await shot(page, 'masterdata-07-english-ui');

    // the form speaks English too
    await openNewForm(page);
    expect(await page.locator('.ant-drawer-title').innerText()).toContain('New product');
    const labels = (await formOpen(page).locator('.ant-form-item-label label').allInnerTexts()).map((s) => s.trim());
    expect(labels).toEqual(expect.arrayContaining(['Code', 'Name', 'Base unit', 'Alternate units']));
    expect(labels.filter((l) => CJK.test(l))).toEqual([]);
    await shot(page, 'masterdata-08-english-product-form');
    await page.keyboard.press('Escape');
    await waitFormClosed(page);

    // the choice survives a reload
    await page.reload();
    await page.getByTestId('page-products').waitFor();
    expect(await currentLanguage(page)).toBe('en');
    expect(await menuModules(page)).toEqual(EN_MODULES);
    expectNoProblems(page);
  });

  it('a warehouse keeper (cangku) does not see 系统 and cannot add suppliers', async () => {
    const page = await e2e.newPage();
    await login(page, 'cangku', DEMO_PASSWORD);
    expect(await page.getByTestId('user-name').innerText()).toContain('库管员');
    const modules = await menuModules(page);
    expect(modules).not.toContain('系统');
    expect(modules).toEqual(expect.arrayContaining(['仓库', '基础资料']));
    expect(await page.getByTestId('menu-system-users').count()).toBe(0);
    // master data he may read, but not change
    expect(await menuPages(page, 'masterdata')).toEqual(['商品', '商品类别', '供应商', '客户', '仓库']);
    await navigate(page, '/masterdata/suppliers');
    await expect.poll(async () => (await tableRows(page)).length).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('btn-new').count()).toBe(0);
    // no 财务: its pages need a money permission
    expect(modules).not.toContain('财务');
    // rows open read-only (查看): no 编辑, no 停用, no 保存
    expect(await page.getByTestId('btn-edit').count()).toBe(0);
    expect(await page.getByTestId('btn-deactivate').count()).toBe(0);
    await page.getByTestId('btn-view').first().click();
    const view = formOpen(page, 'view');
    await view.waitFor();
    await expect.poll(() => view.locator('#code').inputValue()).not.toBe('');
    expect(await view.locator('#code').isDisabled()).toBe(true);
    expect(await page.getByTestId('btn-save').count()).toBe(0);
    expect(await page.locator('.ant-drawer-title').innerText()).toContain('查看供应商');
    await shot(page, 'masterdata-09b-cangku-supplier-view');
    await page.keyboard.press('Escape');
    await waitFormClosed(page);
    await shot(page, 'masterdata-09-cangku-menu');

    // typing the address of a system page is refused, too
    await page.goto('/system/users');
    await page.getByText('无权访问').waitFor();
    expect(await page.getByTestId('page-users').count()).toBe(0);
    await shot(page, 'masterdata-10-cangku-forbidden');
    const api = await e2e.api('cangku');
    await expect(api.get('/users')).rejects.toMatchObject({ status: 403 });
    expectNoProblems(page);
  });
});
