import { Descriptions } from 'antd';
import { useI18n } from '../../../i18n';
import { fmtMoney } from '../../../lib/decimal';
import { OneStepApproval } from '../../OneStepApproval';
import type { KindUi, PanelProps } from '../types';
import { CodPanel } from './cod';

/** 成本 and 毛利 of the delivery, for those who see costs. */
function DeliveryProfit({ doc }: PanelProps) {
  const { t } = useI18n();
  if (doc.grossProfit == null) return null;
  return (
    <Descriptions size="small" bordered column={3} style={{ marginTop: 8 }} data-testid="delivery-profit">
      <Descriptions.Item label={t('delivery.cost')}>{fmtMoney(doc.costOfGoods)}</Descriptions.Item>
      <Descriptions.Item label={t('delivery.grossProfit')}>{fmtMoney(doc.grossProfit)}</Descriptions.Item>
    </Descriptions>
  );
}

// S5: a delivery outside the delivery rules waits for one approval
const ui: KindUi = { panels: [DeliveryProfit, OneStepApproval, CodPanel] };

export default ui;
