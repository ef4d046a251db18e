// The purchasing module's document kinds (篇三 采购员工作流程 i–vi).
import type { DocumentKind } from '../documents/documents.types.js';
import { registerKinds } from '../documents/registry.js';
import { prepaymentKind } from './prepayment.kind.js';
import { purchaseBillKind } from './purchase-bill.kind.js';
import { purchaseOrderKind } from './purchase-order.kind.js';
import { purchaseReturnKind } from './purchase-return.kind.js';
import { purchaseSettlementKind } from './purchase-settlement.kind.js';

export const PURCHASING_KINDS: DocumentKind[] = registerKinds([
  purchaseOrderKind,
  purchaseBillKind,
  purchaseReturnKind,
  purchaseSettlementKind,
  prepaymentKind,
]);
