import { useI18n } from '../../../i18n';
import { moneyInWords } from '../../../lib/chineseMoney';
import { fmtMoney } from '../../../lib/decimal';
import type { DocView } from '../../api';
import type { KindUi, PanelProps } from '../types';
import { LiveTotalToPay, SalesOrderFields, salesOrderBody, salesOrderInitial } from './fields';
import { OrderFigures } from './figures';
import { OrderTracking } from './tracking';

/** S2: the reply to the customer under the lines of the 订单确认书 — what they owe in all. */
function PrintToPay({ doc: d, money }: { doc: DocView; money: boolean }) {
  const { t } = useI18n();
  if (!money) return null;
  return (
    <div className="print-remark" data-testid="print-to-pay">
      <p>
        {t('print.confirmNote', {
          receivable: fmtMoney(d.customerReceivable),
          advance: fmtMoney(d.customerAdvance),
          total: fmtMoney(d.total),
          deposit: fmtMoney(d.depositRequired),
        })}
      </p>
      <p style={{ fontSize: 16 }}>
        {t('print.totalToPay')}: <b>¥ {fmtMoney(d.totalToPay)}</b> （{moneyInWords(d.totalToPay)}）
      </p>
    </div>
  );
}

const ui: KindUi = {
  Header: ({ editable, partnerId }) => (
    <>
      <SalesOrderFields editable={editable} />
      {editable ? <LiveTotalToPay customerId={partnerId} /> : null}
    </>
  ),
  initial: salesOrderInitial,
  body: salesOrderBody,
  panels: [({ doc }: PanelProps) => <OrderFigures doc={doc} />, OrderTracking],
  PrintBeforeFigures: PrintToPay,
};

export default ui;
