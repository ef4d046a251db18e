import { ResourceListPage } from '../crud/ResourceListPage';
import type { ResourceDef } from '../crud/types';
import { codeField, L, nameField, remarkField } from './common';

export const productCategoriesDef: ResourceDef = {
  key: 'product-categories',
  title: 'page.productCategories',
  noun: L('商品类别', 'category'),
  defaultSort: 'code',
  formWidth: 560,
  formColumns: 1,
  fields: [
    codeField(),
    nameField(),
    {
      name: 'parentId',
      label: L('上级类别', 'Parent'),
      type: 'reference',
      ref: 'product-categories',
      display: 'parentName',
      list: true,
      width: 160,
    },
    remarkField(),
  ],
};

export default function ProductCategoriesPage() {
  return <ResourceListPage def={productCategoriesDef} />;
}
