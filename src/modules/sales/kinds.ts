// The sales module's document kinds (篇二 / 篇五 / 篇六).
import type { DocumentKind } from '../documents/documents.types.js';
import { registerKinds } from '../documents/registry.js';
import { advanceReceiptKind, receiptKind } from './receipt.kind.js';
import { salesDeliveryKind } from './sales-delivery.kind.js';
import { salesOrderKind } from './sales-order.kind.js';
import { salesReturnKind } from './sales-return.kind.js';

export const SALES_KINDS: DocumentKind[] = registerKinds([salesOrderKind, salesDeliveryKind, salesReturnKind, receiptKind, advanceReceiptKind]);
