import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Radio, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { api, download } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { decDiv, decIsZero, decMul, fmtMoney, fmtQty } from '../../lib/decimal';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface ReportRow {
  key: string;
  name: string;
  qty: string;
  amount: string;
  total: string;
  cost: string | null;
  grossProfit: string | null;
  margin: string | null;
  documents: number;
}

interface Report {
  label?: string;
  from?: string;
  to?: string;
  rows: ReportRow[];
  totals: Omit<ReportRow, 'key' | 'name' | 'documents'> & { documents?: number };
}

type Period = 'day' | 'dekad' | 'month';
type Group = 'customer' | 'product' | 'salesperson' | 'region';

/** The chart reads the decimal strings as numbers for drawing only; the table shows the strings. */
function Chart({ rows, amountLabel, profitLabel }: { rows: ReportRow[]; amountLabel: string; profitLabel: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const top = rows.slice(0, 15);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [amountLabel, profitLabel] },
      grid: { left: 60, right: 20, bottom: 70, top: 36 },
      xAxis: { type: 'category', data: top.map((r) => r.name), axisLabel: { rotate: 30, fontSize: 11 } },
      yAxis: { type: 'value' },
      series: [
        { name: amountLabel, type: 'bar', data: top.map((r) => r.amount) },
        { name: profitLabel, type: 'bar', data: top.map((r) => r.grossProfit ?? '0') },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows, amountLabel, profitLabel]);
  return <div ref={ref} style={{ height: 300, width: '100%' }} data-testid="report-chart" />;
}

/** 销售日报 / 旬报 / 月累计 (S10, R3) by customer, product, salesperson or region. */
export default function SalesReportPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Period>('day');
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [groupBy, setGroupBy] = useState<Group>('customer');
  const [exporting, setExporting] = useState(false);
  const query = { period, date, groupBy };
  const q = useQuery({ queryKey: ['report', 'sales', query], queryFn: () => api<Report>('/reports/sales', { query }), staleTime: 0 });
  const rows = q.data?.rows ?? [];
  const totals = q.data?.totals;
  const doExport = async () => {
    setExporting(true);
    try {
      await download('/reports/sales/export', query, `${t('page.salesReports')}.xlsx`);
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setExporting(false);
    }
  };
  return (
    <div className="erp-page" data-testid="page-sales-report">
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('page.salesReports')}
        </Typography.Title>
        <Radio.Group
          value={period}
          onChange={(e) => setPeriod(e.target.value as Period)}
          optionType="button"
          data-testid="report-period"
          options={[
            { value: 'day', label: t('report.day') },
            { value: 'dekad', label: t('report.dekad') },
            { value: 'month', label: t('report.month') },
          ]}
        />
        <DatePicker value={dayjs(date)} allowClear={false} onChange={(v) => v && setDate(v.format('YYYY-MM-DD'))} data-testid="report-date" />
        <Radio.Group
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as Group)}
          optionType="button"
          data-testid="report-group"
          options={[
            { value: 'customer', label: t('report.byCustomer') },
            { value: 'product', label: t('report.byProduct') },
            { value: 'salesperson', label: t('report.bySalesperson') },
            { value: 'region', label: t('report.byRegion') },
          ]}
        />
        <div style={{ flex: 1 }} />
        {q.data?.label ? (
          <Typography.Text strong data-testid="report-label">
            {q.data.label}
          </Typography.Text>
        ) : null}
        {can('reports:export') ? (
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="btn-export">
            {t('common.export')}
          </Button>
        ) : null}
      </div>
      {q.isError ? <Typography.Text type="danger">{errorText(q.error, i18n)}</Typography.Text> : null}
      <Card size="small" title={t('report.chart')} style={{ marginBottom: 8 }}>
        <Chart rows={rows} amountLabel={t('report.amount')} profitLabel={t('report.grossProfit')} />
      </Card>
      <Table<ReportRow>
        size="small"
        bordered
        rowKey="key"
        loading={q.isFetching}
        dataSource={rows}
        pagination={false}
        data-testid="report-table"
        columns={[
          { title: t('report.name'), dataIndex: 'name' },
          { title: t('report.qty'), dataIndex: 'qty', width: 90, align: 'right', render: (v: string) => fmtQty(v) },
          { title: t('report.amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
          { title: t('report.total'), dataIndex: 'total', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
          { title: t('report.cost'), dataIndex: 'cost', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
          { title: t('report.grossProfit'), dataIndex: 'grossProfit', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
          { title: t('report.margin'), dataIndex: 'margin', width: 80, align: 'right' },
          { title: t('report.documents'), dataIndex: 'documents', width: 70, align: 'right' },
        ]}
        summary={() =>
          totals ? (
            <Table.Summary.Row className="erp-summary" data-testid="report-totals">
              <Table.Summary.Cell index={0}>
                <b>{t('report.totals')}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {fmtQty(totals.qty)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <b>{fmtMoney(totals.amount)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {fmtMoney(totals.total)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {fmtMoney(totals.cost)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <b>{fmtMoney(totals.grossProfit)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {totals.grossProfit && !decIsZero(totals.amount) ? decDiv(decMul(totals.grossProfit, '100'), totals.amount, 1) : ''}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {totals.documents ?? ''}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}
