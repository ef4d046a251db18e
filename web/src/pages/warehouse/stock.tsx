import { FileExcelOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, download, type Query } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { ReferenceSelect } from '../../crud/ReferenceSelect';
import { useI18n } from '../../i18n';
import { decCmp, fmtMoney, fmtPrice, fmtQty, isNumeric } from '../../lib/decimal';

interface StockRow {
  productId: string;
  productCode: string;
  productName: string;
  spec: string | null;
  colour: string | null;
  size: string | null;
  baseUnit: string;
  warehouseId: string;
  warehouseName: string;
  qty: string;
  avgCost: string | null;
  value: string | null;
  minStock: string | null;
  maxStock: string | null;
}

interface StockPage {
  items: StockRow[];
  total: number;
  totals: { qty: string; value: string | null };
}

/** R2 库存查询: stock on hand per product and warehouse, with cost and value (stock:price). */
export default function StockPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [productId, setProductId] = useState<string | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [nonZero, setNonZero] = useState(true);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [search]);

  const filters: Query = { q: q || undefined, productId: productId ?? undefined, warehouseId: warehouseId ?? undefined, nonZero: nonZero ? 'true' : undefined };
  const list = useQuery({
    queryKey: ['stock', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api<StockPage>('/stock', { query: { ...filters, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
  const seePrices = list.data?.totals.value != null;

  const doExport = async () => {
    setExporting(true);
    try {
      await download('/stock/export', filters, `${t('page.stockOnHand')}.xlsx`);
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setExporting(false);
    }
  };

  const level = (r: StockRow) => {
    if (r.minStock && isNumeric(r.minStock) && decCmp(r.qty, r.minStock) < 0) return <Tag color="red">{t('stock.low')}</Tag>;
    if (r.maxStock && isNumeric(r.maxStock) && decCmp(r.maxStock, '0') > 0 && decCmp(r.qty, r.maxStock) > 0) return <Tag color="orange">{t('stock.high')}</Tag>;
    return null;
  };

  return (
    <div className="erp-page" data-testid="page-stock" data-q={q} data-busy={list.isFetching}>
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0, marginRight: 8 }}>
          {t('page.stockOnHand')}
        </Typography.Title>
        <Input
          data-testid="search"
          allowClear
          prefix={<SearchOutlined style={{ color: '#999' }} />}
          placeholder={t('stock.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 220 }}
        />
        <div style={{ width: 220 }} data-testid="filter-product">
          <ReferenceSelect
            resource="products"
            value={productId}
            onChange={(v) => {
              setProductId(typeof v === 'string' ? v : null);
              setPage(1);
            }}
            placeholder={t('stock.product')}
          />
        </div>
        <div style={{ width: 140 }} data-testid="filter-warehouse">
          <ReferenceSelect
            resource="warehouses"
            value={warehouseId}
            onChange={(v) => {
              setWarehouseId(typeof v === 'string' ? v : null);
              setPage(1);
            }}
            placeholder={t('stock.warehouse')}
          />
        </div>
        <Checkbox
          checked={nonZero}
          onChange={(e) => {
            setNonZero(e.target.checked);
            setPage(1);
          }}
          data-testid="filter-nonzero"
        >
          {t('stock.nonZero')}
        </Checkbox>
        <div style={{ flex: 1 }} />
        {can('stock:export') ? (
          <Button icon={<FileExcelOutlined />} onClick={() => void doExport()} loading={exporting} data-testid="btn-export">
            {t('common.export')}
          </Button>
        ) : null}
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} data-testid="btn-refresh" aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {list.isError ? <Typography.Text type="danger">{errorText(list.error, i18n)}</Typography.Text> : null}
      <Table<StockRow>
        size="small"
        bordered
        sticky
        rowKey={(r) => `${r.productId}:${r.warehouseId}`}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        rowClassName={() => 'erp-row'}
        onRow={(r) =>
          ({
            onClick: () => navigate(`/warehouse/moves?productId=${r.productId}&warehouseId=${r.warehouseId}`),
            'data-testid': `stock-${r.productCode}`,
          }) as never
        }
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 200, 500],
          showTotal: (total) => t('common.total', { total }),
          size: 'small',
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('line.code'), dataIndex: 'productCode', width: 130 },
          { title: t('line.name'), dataIndex: 'productName', width: 160 },
          { title: t('line.spec'), dataIndex: 'spec', width: 100 },
          { title: t('line.colour'), dataIndex: 'colour', width: 64 },
          { title: t('line.size'), dataIndex: 'size', width: 90 },
          { title: t('stock.warehouse'), dataIndex: 'warehouseName', width: 90 },
          {
            title: t('stock.qty'),
            dataIndex: 'qty',
            width: 100,
            align: 'right',
            className: 'erp-num',
            render: (v: string) => <span data-testid="stock-qty">{fmtQty(v)}</span>,
          },
          { title: t('stock.unit'), dataIndex: 'baseUnit', width: 56 },
          ...(seePrices
            ? [
                {
                  title: t('stock.avgCost'),
                  dataIndex: 'avgCost',
                  width: 100,
                  align: 'right' as const,
                  className: 'erp-num',
                  render: (v: string | null) => fmtPrice(v),
                },
                {
                  title: t('stock.value'),
                  dataIndex: 'value',
                  width: 120,
                  align: 'right' as const,
                  className: 'erp-num',
                  render: (v: string | null) => fmtMoney(v),
                },
              ]
            : []),
          { title: '', key: 'level', width: 80, render: (_v: unknown, r: StockRow) => level(r) },
          {
            title: '',
            key: 'moves',
            width: 60,
            render: (_v: unknown, r: StockRow) => (
              <Button type="link" size="small" onClick={() => navigate(`/warehouse/moves?productId=${r.productId}&warehouseId=${r.warehouseId}`)}>
                {t('stock.viewMoves')}
              </Button>
            ),
          },
        ]}
        summary={() =>
          list.data ? (
            <Table.Summary fixed>
              <Table.Summary.Row className="erp-summary">
                <Table.Summary.Cell index={0} colSpan={6}>
                  {t('stock.totals')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <b data-testid="stock-total-qty">{fmtQty(list.data.totals.qty)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} />
                {seePrices ? (
                  <>
                    <Table.Summary.Cell index={8} />
                    <Table.Summary.Cell index={9} align="right">
                      <b data-testid="stock-total-value">{fmtMoney(list.data.totals.value)}</b>
                    </Table.Summary.Cell>
                  </>
                ) : null}
                <Table.Summary.Cell index={10} colSpan={2} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </div>
  );
}
