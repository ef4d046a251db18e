import { ResourceListPage } from '../crud/ResourceListPage';
import type { FieldDef, ResourceDef } from '../crud/types';
import { codeField, L, nameField, price, qty, remarkField, text } from './common';

const PRICE = 'products:price';

const unitColumns: FieldDef[] = [
  text('name', L('单位', 'Unit'), { required: true, width: 80, maxLength: 20 }),
  qty('ratio', L('换算率', 'Ratio'), { required: true, width: 90 }),
  text('barcode', L('条码', 'Barcode'), { width: 140, maxLength: 64 }),
  price('purchasePrice', L('进货价', 'Purchase price'), { permission: PRICE }),
  price('wholesalePrice', L('批发价', 'Wholesale price'), { permission: PRICE }),
  price('retailPrice', L('零售价', 'Retail price'), { permission: PRICE }),
];

export const productsDef: ResourceDef = {
  key: 'products',
  title: 'page.products',
  noun: L('商品', 'product'),
  defaultSort: 'code',
  formWidth: 860,
  formColumns: 3,
  searchPlaceholder: L('编码 / 名称 / 条码 (按 / 聚焦)', 'Code / name / barcode (press /)'),
  fields: [
    codeField(),
    nameField(),
    // The list shows what a clerk needs to tell products apart and price them; series,
    // category, barcode and the level prices are in 列设置 (so the list fits 1440 px).
    text('spec', L('规格型号', 'Spec / model'), { list: true, sortable: true, width: 110 }),
    text('series', L('系列', 'Series'), { list: 'optional', sortable: true, width: 90 }),
    text('colour', L('颜色', 'Colour'), { list: true, sortable: true, width: 72 }),
    text('size', L('尺码', 'Size'), { list: true, sortable: true, width: 110 }),
    {
      name: 'categoryId',
      label: L('商品类别', 'Category'),
      type: 'reference',
      ref: 'product-categories',
      display: 'categoryName',
      list: 'optional',
      filter: true,
      width: 110,
    },
    text('baseUnit', L('基本单位', 'Base unit'), { required: true, list: true, width: 70, maxLength: 20, placeholder: L('如：件', 'e.g. pcs') }),
    text('barcode', L('条码', 'Barcode'), { list: 'optional', width: 130, maxLength: 64 }),
    qty('packages', L('包数', 'Packages')),
    price('purchasePrice', L('进货价', 'Purchase price'), { list: true, listLabel: L('进货价', 'Purchase'), sortable: true, permission: PRICE }),
    price('wholesalePrice', L('批发价', 'Wholesale price'), { list: true, listLabel: L('批发价', 'Wholesale'), sortable: true, permission: PRICE }),
    price('retailPrice', L('零售价', 'Retail price'), { list: true, listLabel: L('零售价', 'Retail'), sortable: true, permission: PRICE }),
    price('price1', L('一级价', 'Price level 1'), { list: 'optional', listLabel: L('一级价', 'Level 1'), permission: PRICE }),
    price('price2', L('二级价', 'Price level 2'), { list: 'optional', listLabel: L('二级价', 'Level 2'), permission: PRICE }),
    price('price3', L('三级价', 'Price level 3'), { list: 'optional', listLabel: L('三级价', 'Level 3'), permission: PRICE }),
    qty('minStock', L('最低库存', 'Min stock')),
    qty('maxStock', L('最高库存', 'Max stock')),
    {
      name: 'units',
      label: L('辅助单位', 'Alternate units'),
      type: 'subtable',
      columns: unitColumns,
    },
    { name: 'sellingPoints', label: L('卖点', 'Selling points'), type: 'textarea', maxLength: 2000 },
    remarkField(),
  ],
};

export default function ProductsPage() {
  return <ResourceListPage def={productsDef} />;
}
