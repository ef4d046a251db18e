import type { QueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { fillDefaultPrice, type Line, lineFilled } from './lineCells';

/** Another partner: lines from the old partner's orders or bills go; default prices are asked again. */
export function onPartnerChanged(form: FormInstance, qc: QueryClient) {
  const all = (form.getFieldValue('lines') as Line[] | undefined) ?? [];
  const kept = all.filter((l) => !l.orderLineId && !l.billLineId);
  if (kept.length !== all.length) form.setFieldsValue({ lines: kept, orderId: null, billId: null, billNumber: null, returnMode: 'free' });
  kept.forEach((l, i) => {
    if (lineFilled(l) && !l.priceTyped) {
      form.setFieldValue(['lines', i, 'price'], '');
      void fillDefaultPrice(form, qc, i);
    }
  });
}
