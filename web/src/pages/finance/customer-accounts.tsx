import { CUSTOMER_SIDE, PartnerAccountsPage } from './partner-accounts';

/** 客户往来: a customer's 应收 / 预收, open deliveries and returns, and 对账单 (S8, R5). */
export default function CustomerAccountsPage() {
  return <PartnerAccountsPage side={CUSTOMER_SIDE} />;
}
