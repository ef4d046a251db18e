import { App, Button, Descriptions, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { ReferenceSelect } from '../../crud/ReferenceSelect';
import { useI18n } from '../../i18n';
import { decCmp, fmtQty } from '../../lib/decimal';

interface AllocLine {
  lineId: string;
  orderNumber: string;
  orderDate: string;
  customer: string;
  grade: string | null;
  open: string;
  reserved: string;
  shortfall: string;
}

/** S3 缺货分配: scarce stock of one product in one warehouse, by customer grade then order date. */
export default function AllocationPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [productId, setProductId] = useState<string | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ onHand: string; reserved: string; lines: AllocLine[] } | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      setResult(await api('/sales-orders/allocation', { method: 'POST', json: { productId, warehouseId } }));
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="erp-page" data-testid="page-allocation">
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('page.allocation')}
        </Typography.Title>
        <div style={{ width: 320 }}>
          <ReferenceSelect
            id="productId"
            resource="products"
            value={productId}
            onChange={(v) => setProductId((v as string | null) ?? null)}
            placeholder={t('alloc.product')}
          />
        </div>
        <div style={{ width: 160 }}>
          <ReferenceSelect
            id="warehouseId"
            resource="warehouses"
            value={warehouseId}
            onChange={(v) => setWarehouseId((v as string | null) ?? null)}
            placeholder={t('alloc.warehouse')}
          />
        </div>
        <Button type="primary" disabled={!productId || !warehouseId} loading={busy} onClick={() => void run()} data-testid="btn-allocate">
          {t('alloc.run')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('alloc.hint')}</Typography.Paragraph>
      {result ? (
        <>
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 8 }}>
            <Descriptions.Item label={t('alloc.onHand')}>
              <span data-testid="alloc-onhand">{fmtQty(result.onHand)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('alloc.reserved')}>
              <span data-testid="alloc-reserved">{fmtQty(result.reserved)}</span>
            </Descriptions.Item>
          </Descriptions>
          <Table<AllocLine>
            size="small"
            bordered
            rowKey="lineId"
            dataSource={result.lines}
            pagination={false}
            data-testid="alloc-table"
            columns={[
              { title: t('alloc.order'), dataIndex: 'orderNumber', width: 160 },
              { title: t('alloc.date'), dataIndex: 'orderDate', width: 100 },
              { title: t('alloc.customer'), dataIndex: 'customer' },
              { title: t('alloc.grade'), dataIndex: 'grade', width: 60 },
              { title: t('alloc.open'), dataIndex: 'open', width: 100, align: 'right', render: (v: string) => fmtQty(v) },
              { title: t('alloc.reserved'), dataIndex: 'reserved', width: 100, align: 'right', render: (v: string) => fmtQty(v) },
              {
                title: t('alloc.shortfall'),
                dataIndex: 'shortfall',
                width: 100,
                align: 'right',
                render: (v: string) => <span className={decCmp(v, '0') > 0 ? 'erp-neg' : undefined}>{fmtQty(v)}</span>,
              },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
