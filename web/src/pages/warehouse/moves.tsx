import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, download, type Query } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { ReferenceSelect } from '../../crud/ReferenceSelect';
import { DocNumberLink } from '../../documents/DocNumberLink';
import { kindName } from '../../documents/kinds';
import { useI18n } from '../../i18n';
import { fmtMoney, fmtQty } from '../../lib/decimal';

interface MoveRow {
  id: string;
  date: string;
  number: string;
  kind: string;
  documentId: string;
  productCode: string;
  productName: string;
  warehouseName: string;
  inQty: string | null;
  outQty: string | null;
  cost: string | null;
  balanceQty: string;
  balanceValue: string | null;
  reversal: boolean;
}

/** R2 库存流水: every stock move of a product / warehouse / date range, with the balance after it. */
export default function StockMovesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const productId = params.get('productId');
  const warehouseId = params.get('warehouseId');
  const from = params.get('from');
  const to = params.get('to');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(100);
  const [exporting, setExporting] = useState(false);

  const setParam = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };

  const filters: Query = { productId: productId ?? undefined, warehouseId: warehouseId ?? undefined, from: from ?? undefined, to: to ?? undefined };
  const list = useQuery({
    queryKey: ['stock-moves', filters, page, pageSize],
    queryFn: ({ signal }) => api<{ items: MoveRow[]; total: number }>('/stock/moves', { query: { ...filters, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
  const seePrices = (list.data?.items ?? []).some((r) => r.balanceValue != null);

  const doExport = async () => {
    setExporting(true);
    try {
      await download('/stock/moves/export', filters, `${t('page.stockLedger')}.xlsx`);
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="erp-page" data-testid="page-stock-moves">
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0, marginRight: 8 }}>
          {t('page.stockLedger')}
        </Typography.Title>
        <div style={{ width: 240 }} data-testid="filter-product">
          <ReferenceSelect
            resource="products"
            value={productId}
            onChange={(v) => setParam('productId', typeof v === 'string' ? v : null)}
            placeholder={t('stock.product')}
          />
        </div>
        <div style={{ width: 140 }} data-testid="filter-warehouse">
          <ReferenceSelect
            resource="warehouses"
            value={warehouseId}
            onChange={(v) => setParam('warehouseId', typeof v === 'string' ? v : null)}
            placeholder={t('stock.warehouse')}
          />
        </div>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            const f = v?.[0]?.format('YYYY-MM-DD');
            const tt = v?.[1]?.format('YYYY-MM-DD');
            if (f) next.set('from', f);
            else next.delete('from');
            if (tt) next.set('to', tt);
            else next.delete('to');
            setParams(next, { replace: true });
            setPage(1);
          }}
          placeholder={[t('common.from'), t('common.to')]}
          style={{ width: 230 }}
        />
        <div style={{ flex: 1 }} />
        {can('stock:export') ? (
          <Button icon={<FileExcelOutlined />} onClick={() => void doExport()} loading={exporting} data-testid="btn-export">
            {t('common.export')}
          </Button>
        ) : null}
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {list.isError ? <Typography.Text type="danger">{errorText(list.error, i18n)}</Typography.Text> : null}
      <Table<MoveRow>
        size="small"
        bordered
        sticky
        rowKey="id"
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [100, 200, 500],
          showTotal: (total) => t('common.total', { total }),
          size: 'small',
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('doc.date'), dataIndex: 'date', width: 96 },
          {
            title: t('doc.number'),
            dataIndex: 'number',
            width: 150,
            render: (v: string | undefined, r) => <DocNumberLink kind={r.kind} documentId={r.documentId} number={v} />,
          },
          {
            title: t('moves.kind'),
            dataIndex: 'kind',
            width: 110,
            render: (v: string, r) => {
              const k = kindName(v);
              return `${k ? t(k) : v}${r.reversal ? t('moves.reversal') : ''}`;
            },
          },
          { title: t('line.code'), dataIndex: 'productCode', width: 120 },
          { title: t('line.name'), dataIndex: 'productName', width: 140 },
          { title: t('stock.warehouse'), dataIndex: 'warehouseName', width: 90 },
          { title: t('moves.in'), dataIndex: 'inQty', width: 90, align: 'right', className: 'erp-num', render: (v: string | null) => fmtQty(v) },
          { title: t('moves.out'), dataIndex: 'outQty', width: 90, align: 'right', className: 'erp-num', render: (v: string | null) => fmtQty(v) },
          ...(seePrices
            ? [
                {
                  title: t('moves.cost'),
                  dataIndex: 'cost',
                  width: 110,
                  align: 'right' as const,
                  className: 'erp-num',
                  render: (v: string | null) => fmtMoney(v),
                },
              ]
            : []),
          { title: t('moves.balanceQty'), dataIndex: 'balanceQty', width: 100, align: 'right', className: 'erp-num', render: (v: string) => fmtQty(v) },
          ...(seePrices
            ? [
                {
                  title: t('moves.balanceValue'),
                  dataIndex: 'balanceValue',
                  width: 120,
                  align: 'right' as const,
                  className: 'erp-num',
                  render: (v: string | null) => fmtMoney(v),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
