import { PartnerAccountsPage, SUPPLIER_SIDE } from './partner-accounts';

/** 供应商往来: a supplier's 应付 / 预付, open bills and returns, and 对账单 (V4, R5). */
export default function SupplierAccountsPage() {
  return <PartnerAccountsPage side={SUPPLIER_SIDE} />;
}
