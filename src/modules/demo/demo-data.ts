// Demo data: 天杉家具, a small furniture maker that also runs a garment line, with the
// people of the seed's job descriptions. Loaded through the same services as the API.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { companies, products, roles } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import { ALL_PERMISSIONS } from '../auth/permissions.js';
import { createUser } from '../auth/users.service.js';
import * as md from '../masterdata/masterdata.service.js';
import {
  accountsResource,
  customersResource,
  departmentsResource,
  employeesResource,
  productCategoriesResource,
  productsResource,
  suppliersResource,
  warehousesResource,
} from '../masterdata/resources.js';
import { loadDemoDocuments } from './demo-documents.js';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_COMPANY_NAME = '天杉家具（演示账套）';

/** A context with every permission, for loading data outside a request. */
export function systemContext(db: Database, companyId: string): RequestContext {
  return { db, companyId, userId: null as unknown as string, username: 'system', permissions: new Set(ALL_PERMISSIONS) };
}

type Row = Record<string, unknown>;

export async function loadDemoData(db: Database, companyId: string): Promise<{ loaded: boolean; companyName: string }> {
  const [{ n }] = await db.orm.select({ n: sql<number>`count(*)::int` }).from(products).where(eq(products.companyId, companyId));
  if (Number(n) > 0) {
    const [c] = await db.orm.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
    return { loaded: false, companyName: c?.name ?? '' };
  }
  await db.orm.update(companies).set({ name: DEMO_COMPANY_NAME }).where(eq(companies.id, companyId));
  const ctx = systemContext(db, companyId);
  const create = async (res: Parameters<typeof md.create>[1], body: Row) => (await md.create(ctx, res, body)).id as string;

  const dept: Record<string, string> = {};
  for (const [code, name] of [
    ['D01', '总经办'],
    ['D02', '采购部'],
    ['D03', '营销部'],
    ['D04', '财务部'],
    ['D05', '仓储物流部'],
    ['D06', '生产计划部'],
    ['D07', '客服部'],
  ]) {
    dept[code] = await create(departmentsResource, { code, name });
  }

  const emp: Record<string, string> = {};
  const people: [string, string, string, string][] = [
    ['E001', '王建国', 'D01', '总经理'],
    ['E002', '李秀英', 'D01', '副总经理'],
    ['E003', '张伟', 'D02', '采购部经理'],
    ['E004', '刘洋', 'D02', '采购员'],
    ['E005', '陈静', 'D03', '跟单文员'],
    ['E006', '杨帆', 'D03', '开单文员'],
    ['E007', '赵磊', 'D03', '华东区域经理'],
    ['E008', '黄丽', 'D03', '业务员'],
    ['E009', '周敏', 'D04', '出纳'],
    ['E010', '吴强', 'D05', '库管员'],
    ['E011', '徐军', 'D05', '司机'],
    ['E012', '孙芳', 'D07', '客服主管'],
    ['E013', '马超', 'D06', 'PMC'],
    ['E014', '林小红', 'D06', '板房打版师'],
  ];
  for (const [code, name, d, position] of people) {
    emp[code] = await create(employeesResource, { code, name, departmentId: dept[d], position, phone: `1380000${code.slice(1)}0` });
  }

  const wh1 = await create(warehousesResource, { code: 'CK01', name: '成品仓', address: '佛山市顺德区龙江镇工业大道 18 号', keeperId: emp.E010 });
  await create(warehousesResource, { code: 'CK02', name: '原料仓', address: '佛山市顺德区龙江镇工业大道 20 号', keeperId: emp.E010 });
  void wh1;
  await create(accountsResource, { code: 'XJ01', name: '现金', type: 'cash', openingBalance: '5000.00' });
  await create(accountsResource, {
    code: 'YH01',
    name: '工商银行基本户',
    type: 'bank',
    bankName: '中国工商银行顺德龙江支行',
    accountNo: '2013 0000 1234 5678 901',
    openingBalance: '200000.00',
  });

  const cat: Record<string, string> = {};
  for (const [code, name] of [
    ['01', '沙发'],
    ['02', '床'],
    ['03', '餐桌椅'],
    ['04', '柜类'],
    ['05', '服装'],
    ['06', '五金辅料'],
  ]) {
    cat[code] = await create(productCategoriesResource, { code, name });
  }

  const box = (ratio: string, barcode?: string) => [{ name: '箱', ratio, barcode: barcode ?? null }];
  const furniture: Row[] = [
    {
      code: 'SF-1001-HS',
      name: '真皮三人沙发',
      spec: 'SF-1001',
      series: '欧式经典',
      colour: '棕色',
      size: '2100×900×850',
      categoryId: cat['01'],
      baseUnit: '套',
      packages: '3',
      purchasePrice: '2600.00',
      wholesalePrice: '3680.00',
      retailPrice: '5980.00',
      price1: '3500.00',
      price2: '3380.00',
      sellingPoints: '头层黄牛皮，实木框架，高回弹海绵',
    },
    {
      code: 'SF-1001-MS',
      name: '真皮三人沙发',
      spec: 'SF-1001',
      series: '欧式经典',
      colour: '米色',
      size: '2100×900×850',
      categoryId: cat['01'],
      baseUnit: '套',
      packages: '3',
      purchasePrice: '2600.00',
      wholesalePrice: '3680.00',
      retailPrice: '5980.00',
    },
    {
      code: 'SF-2002-HS',
      name: '布艺转角沙发',
      spec: 'SF-2002',
      series: '北欧简约',
      colour: '灰色',
      size: '2800×1700×820',
      categoryId: cat['01'],
      baseUnit: '套',
      packages: '4',
      purchasePrice: '1900.00',
      wholesalePrice: '2780.00',
      retailPrice: '4580.00',
      sellingPoints: '科技布防水防污，可拆洗',
    },
    {
      code: 'SF-2002-LS',
      name: '布艺转角沙发',
      spec: 'SF-2002',
      series: '北欧简约',
      colour: '蓝色',
      size: '2800×1700×820',
      categoryId: cat['01'],
      baseUnit: '套',
      packages: '4',
      purchasePrice: '1900.00',
      wholesalePrice: '2780.00',
      retailPrice: '4580.00',
    },
    {
      code: 'C-1500-BS',
      name: '实木双人床',
      spec: 'C-1500',
      series: '新中式',
      colour: '胡桃色',
      size: '1500×2000',
      categoryId: cat['02'],
      baseUnit: '张',
      packages: '3',
      purchasePrice: '1500.00',
      wholesalePrice: '2180.00',
      retailPrice: '3680.00',
    },
    {
      code: 'C-1800-BS',
      name: '实木双人床',
      spec: 'C-1800',
      series: '新中式',
      colour: '胡桃色',
      size: '1800×2000',
      categoryId: cat['02'],
      baseUnit: '张',
      packages: '3',
      purchasePrice: '1680.00',
      wholesalePrice: '2380.00',
      retailPrice: '3980.00',
    },
    {
      code: 'C-1800-BW',
      name: '软包床',
      spec: 'C-1860',
      series: '北欧简约',
      colour: '米白',
      size: '1800×2000',
      categoryId: cat['02'],
      baseUnit: '张',
      packages: '2',
      purchasePrice: '1200.00',
      wholesalePrice: '1780.00',
      retailPrice: '2980.00',
    },
    {
      code: 'CZ-1350-YS',
      name: '岩板餐桌',
      spec: 'CZ-1350',
      series: '意式极简',
      colour: '雪山白',
      size: '1350×800×750',
      categoryId: cat['03'],
      baseUnit: '张',
      packages: '2',
      purchasePrice: '980.00',
      wholesalePrice: '1480.00',
      retailPrice: '2380.00',
    },
    {
      code: 'CY-08-HS',
      name: '餐椅',
      spec: 'CY-08',
      series: '意式极简',
      colour: '灰色',
      size: '标准',
      categoryId: cat['03'],
      baseUnit: '把',
      packages: '0.5',
      purchasePrice: '160.00',
      wholesalePrice: '240.00',
      retailPrice: '398.00',
      units: box('2'),
    },
    {
      code: 'YG-4M-BS',
      name: '四门衣柜',
      spec: 'YG-4M',
      series: '新中式',
      colour: '胡桃色',
      size: '1600×600×2200',
      categoryId: cat['04'],
      baseUnit: '组',
      packages: '6',
      purchasePrice: '2200.00',
      wholesalePrice: '3180.00',
      retailPrice: '5280.00',
    },
    {
      code: 'CTG-2-BS',
      name: '床头柜',
      spec: 'CTG-2',
      series: '新中式',
      colour: '胡桃色',
      size: '500×400×550',
      categoryId: cat['04'],
      baseUnit: '个',
      packages: '1',
      purchasePrice: '260.00',
      wholesalePrice: '380.00',
      retailPrice: '680.00',
    },
    {
      code: 'DSG-18-YS',
      name: '电视柜',
      spec: 'DSG-18',
      series: '意式极简',
      colour: '雪山白',
      size: '1800×400×450',
      categoryId: cat['04'],
      baseUnit: '个',
      packages: '2',
      purchasePrice: '720.00',
      wholesalePrice: '1080.00',
      retailPrice: '1780.00',
    },
  ];
  const garments: Row[] = [];
  for (const [colour, c] of [
    ['藏青', 'ZQ'],
    ['白色', 'BS'],
  ]) {
    for (const size of ['M', 'L', 'XL']) {
      garments.push({
        code: `FZ-TX-${c}-${size}`,
        name: '纯棉工装T恤',
        spec: 'TX-2026',
        series: '工装系列',
        colour,
        size,
        categoryId: cat['05'],
        baseUnit: '件',
        packages: '0.02',
        purchasePrice: '28.50',
        wholesalePrice: '45.00',
        retailPrice: '79.00',
        units: box('50', `69012345${c === 'ZQ' ? '1' : '2'}${size.length}${size.charCodeAt(0) % 10}`),
      });
    }
  }
  for (const size of ['S', 'M', 'L']) {
    garments.push({
      code: `FZ-JK-HS-${size}`,
      name: '防风工装夹克',
      spec: 'JK-08',
      series: '工装系列',
      colour: '灰色',
      size,
      categoryId: cat['05'],
      baseUnit: '件',
      packages: '0.05',
      purchasePrice: '86.00',
      wholesalePrice: '128.00',
      retailPrice: '219.00',
      units: box('20'),
    });
  }
  const hardware: Row[] = [
    {
      code: 'WJ-JL-35',
      name: '液压铰链',
      spec: '35mm 全盖',
      series: '五金',
      categoryId: cat['06'],
      baseUnit: '个',
      purchasePrice: '3.2000',
      wholesalePrice: '4.5000',
      retailPrice: '6.0000',
      units: [
        { name: '包', ratio: '10' },
        { name: '箱', ratio: '200' },
      ],
    },
    {
      code: 'WJ-LS-40',
      name: '连接螺丝',
      spec: 'M6×40',
      series: '五金',
      categoryId: cat['06'],
      baseUnit: '个',
      purchasePrice: '0.0850',
      wholesalePrice: '0.1200',
      retailPrice: '0.2000',
      units: [{ name: '盒', ratio: '100' }],
    },
  ];
  for (const p of [...furniture, ...garments, ...hardware]) await create(productsResource, { minStock: '5', maxStock: '200', ...p });

  const suppliers: Row[] = [
    {
      code: 'GYS001',
      name: '佛山市顺德区龙江皮革制品厂',
      contact: '何志明',
      phone: '0757-23301234',
      fax: '0757-23301235',
      address: '佛山市顺德区龙江镇皮革城 A12',
      taxNo: '91440606MA4UH1234X',
      bankName: '顺德农商银行龙江支行',
      bankAccount: '8001 2345 6789',
      paymentTerms: '月结30天',
      paymentDays: 30,
      status: 'qualified',
    },
    {
      code: 'GYS002',
      name: '东莞市大岭山实木家具配件有限公司',
      contact: '林国强',
      phone: '0769-85601122',
      fax: '0769-85601123',
      address: '东莞市大岭山镇家具大道 66 号',
      taxNo: '91441900MA5ABCDE1Y',
      bankName: '建设银行东莞大岭山支行',
      bankAccount: '4405 0177 0001 2345',
      paymentTerms: '货到付款',
      status: 'qualified',
    },
    {
      code: 'GYS003',
      name: '广州海珠布艺面料行',
      contact: '梁婉仪',
      phone: '020-84221100',
      address: '广州市海珠区中大布匹市场 3 楼',
      paymentTerms: '预付30%',
      status: 'probation',
    },
    {
      code: 'GYS004',
      name: '揭阳市五金制品有限公司',
      contact: '郑伟东',
      phone: '0663-8612345',
      fax: '0663-8612346',
      address: '揭阳市揭东区五金城 8 栋',
      paymentTerms: '月结60天',
      paymentDays: 60,
      status: 'qualified',
    },
    {
      code: 'GYS005',
      name: '宁波纺织服饰有限公司',
      contact: '俞海峰',
      phone: '0574-87654321',
      address: '宁波市鄞州区纺织工业园',
      paymentTerms: '月结30天',
      paymentDays: 30,
      status: 'candidate',
    },
  ];
  for (const s of suppliers) await create(suppliersResource, s);

  const customers: Row[] = [
    {
      code: 'KH001',
      name: '长沙天杉家具专卖店',
      principal: '罗志刚',
      contact: '罗志刚',
      phone: '0731-88881234',
      fax: '0731-88881235',
      shippingAddress: '长沙市岳麓区红星美凯龙 3 楼',
      consignee: '罗志刚',
      region: '华中',
      grade: 'A',
      priceLevel: 'price1',
      paymentTerm: 'credit',
      creditLimit: '100000.00',
      creditDays: 30,
      salespersonId: emp.E008,
      regionalManagerId: emp.E007,
      isFranchise: true,
    },
    {
      code: 'KH002',
      name: '武汉居然之家天杉店',
      principal: '付红梅',
      contact: '张敏',
      phone: '027-85556677',
      shippingAddress: '武汉市江汉区居然之家 2 楼',
      consignee: '张敏',
      region: '华中',
      grade: 'A',
      priceLevel: 'price1',
      paymentTerm: 'credit',
      creditLimit: '80000.00',
      creditDays: 30,
      salespersonId: emp.E008,
      regionalManagerId: emp.E007,
      isFranchise: true,
    },
    {
      code: 'KH003',
      name: '南昌美家家居',
      principal: '邹文华',
      phone: '0791-86667788',
      shippingAddress: '南昌市青山湖区家具城 B 区 12 号',
      consignee: '邹文华',
      region: '华东',
      grade: 'B',
      priceLevel: 'price2',
      paymentTerm: 'cash',
      salespersonId: emp.E008,
      regionalManagerId: emp.E007,
    },
    {
      code: 'KH004',
      name: '杭州悦居软装',
      principal: '沈佳琪',
      phone: '0571-87771234',
      shippingAddress: '杭州市拱墅区家居广场 5 号',
      consignee: '沈佳琪',
      region: '华东',
      grade: 'B',
      priceLevel: 'wholesale',
      paymentTerm: 'credit',
      creditLimit: '30000.00',
      creditDays: 15,
      salespersonId: emp.E008,
      regionalManagerId: emp.E007,
    },
    {
      code: 'KH005',
      name: '苏州工业园区职工服务中心',
      principal: '陆建平',
      phone: '0512-62881234',
      shippingAddress: '苏州工业园区星湖街 328 号',
      consignee: '陆建平',
      region: '华东',
      grade: 'B',
      priceLevel: 'wholesale',
      paymentTerm: 'cash',
      salespersonId: emp.E008,
    },
    {
      code: 'KH006',
      name: '郑州新家园家具商行',
      principal: '王振华',
      phone: '0371-65551234',
      fax: '0371-65551235',
      shippingAddress: '郑州市金水区家具市场 8 排',
      consignee: '王振华',
      region: '华北',
      grade: 'C',
      priceLevel: 'wholesale',
      paymentTerm: 'cash',
      salespersonId: emp.E008,
    },
    {
      code: 'KH007',
      name: '成都锦江天杉专卖店',
      principal: '唐小兵',
      phone: '028-86661234',
      shippingAddress: '成都市锦江区富森美家居 1 楼',
      consignee: '唐小兵',
      region: '西南',
      grade: 'A',
      priceLevel: 'price1',
      paymentTerm: 'credit',
      creditLimit: '120000.00',
      creditDays: 45,
      salespersonId: emp.E008,
      isFranchise: true,
    },
    {
      code: 'KH008',
      name: '广州番禺酒店用品公司',
      principal: '区志伟',
      phone: '020-34561234',
      shippingAddress: '广州市番禺区市桥街 99 号',
      consignee: '区志伟',
      region: '华南',
      grade: 'C',
      priceLevel: 'wholesale',
      paymentTerm: 'cash',
    },
    {
      code: 'KH009',
      name: '深圳宝安建筑劳务公司',
      principal: '钟伟',
      phone: '0755-27771234',
      shippingAddress: '深圳市宝安区西乡街道 12 号',
      consignee: '钟伟',
      region: '华南',
      grade: 'D',
      priceLevel: 'retail',
      paymentTerm: 'cash',
    },
    {
      code: 'KH010',
      name: '南宁天杉家具体验馆',
      principal: '黄海',
      phone: '0771-55501234',
      shippingAddress: '南宁市青秀区东盟家居城 2 楼',
      consignee: '黄海',
      region: '华南',
      grade: 'B',
      priceLevel: 'price2',
      paymentTerm: 'credit',
      creditLimit: '50000.00',
      creditDays: 30,
      salespersonId: emp.E008,
      isFranchise: true,
    },
  ];
  for (const c of customers) await create(customersResource, c);

  const roleRows = await db.orm
    .select({ id: roles.id, code: roles.code })
    .from(roles)
    .where(and(eq(roles.companyId, companyId)));
  const roleId = new Map(roleRows.map((r) => [r.code, r.id]));
  const demoUsers: [string, string, string[], string][] = [
    ['jingli', '王建国（总经理）', ['gm'], 'E001'],
    ['caigoujl', '张伟（采购部经理）', ['purchasing_manager'], 'E003'],
    ['caigou', '刘洋（采购员）', ['buyer'], 'E004'],
    ['gendan', '陈静（跟单文员）', ['order_clerk'], 'E005'],
    ['kaidan', '杨帆（开单文员）', ['billing_clerk'], 'E006'],
    ['quyu', '赵磊（区域经理）', ['sales_manager'], 'E007'],
    ['caiwu', '周敏（出纳）', ['finance'], 'E009'],
    ['cangku', '吴强（库管员）', ['warehouse_keeper'], 'E010'],
    ['siji', '徐军（司机）', ['driver'], 'E011'],
    ['kefu', '孙芳（客服主管）', ['cs_supervisor'], 'E012'],
    ['pmc', '马超（PMC）', ['pmc'], 'E013'],
    ['banfang', '林小红（板房）', ['pattern_room'], 'E014'],
  ];
  for (const [username, displayName, codes, e] of demoUsers) {
    await createUser(ctx, {
      username,
      displayName,
      password: DEMO_PASSWORD,
      employeeId: emp[e],
      roleIds: codes.map((c) => roleId.get(c) as string),
    }).catch((err) => {
      // A demo user name taken by a real user elsewhere in the installation is skipped.
      if ((err as { code?: string }).code !== 'DUPLICATE_CODE') throw err;
    });
  }
  try {
    await loadDemoDocuments(db, companyId, ctx);
  } catch (err) {
    // The master data is loaded and usable: a refused demo document must not stop the first start.
    console.warn(`演示单据未能全部载入 / some demo documents were not loaded: ${(err as Error).message}`);
  }
  return { loaded: true, companyName: DEMO_COMPANY_NAME };
}
