import { Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { decDiv, decIsZero, decMul, fmtMoney, fmtQty } from '../../lib/decimal';
import { ReportPage } from '../../reports/ReportPage';
import type { ReportDef } from '../../reports/types';

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

// the chart redraws when its rows change: no rows yet are always the same empty list
const NO_ROWS: ReportRow[] = [];

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
export const salesReport: ReportDef<ReportRow, Report> = {
  key: 'sales-report',
  title: 'page.salesReports',
  endpoint: '/reports/sales',
  filters: [
    {
      type: 'choice',
      key: 'period',
      default: 'day',
      testId: 'report-period',
      options: [
        { value: 'day', label: 'report.day' },
        { value: 'dekad', label: 'report.dekad' },
        { value: 'month', label: 'report.month' },
      ],
    },
    { type: 'date', key: 'date', default: () => dayjs().format('YYYY-MM-DD'), testId: 'report-date' },
    {
      type: 'choice',
      key: 'groupBy',
      default: 'customer',
      testId: 'report-group',
      options: [
        { value: 'customer', label: 'report.byCustomer' },
        { value: 'product', label: 'report.byProduct' },
        { value: 'salesperson', label: 'report.bySalesperson' },
        { value: 'region', label: 'report.byRegion' },
      ],
    },
  ],
  rows: (d) => d.rows,
  rowKey: 'key',
  tableTestId: 'report-table',
  export: { path: '/reports/sales/export', permission: 'reports:export' },
  figures: ({ data }) =>
    data?.label ? (
      <Typography.Text strong data-testid="report-label">
        {data.label}
      </Typography.Text>
    ) : null,
  above: ({ data, i18n: { t } }) => (
    <Card size="small" title={t('report.chart')} style={{ marginBottom: 8 }}>
      <Chart rows={data?.rows ?? NO_ROWS} amountLabel={t('report.amount')} profitLabel={t('report.grossProfit')} />
    </Card>
  ),
  columns: ({ i18n: { t } }) => [
    { title: t('report.name'), dataIndex: 'name' },
    { title: t('report.qty'), dataIndex: 'qty', width: 90, align: 'right', render: (v: string) => fmtQty(v) },
    { title: t('report.amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
    { title: t('report.total'), dataIndex: 'total', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
    { title: t('report.cost'), dataIndex: 'cost', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
    { title: t('report.grossProfit'), dataIndex: 'grossProfit', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
    { title: t('report.margin'), dataIndex: 'margin', width: 80, align: 'right' },
    { title: t('report.documents'), dataIndex: 'documents', width: 70, align: 'right' },
  ],
  summary: ({ data, i18n: { t } }) => {
    const totals = data?.totals;
    return totals ? (
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
    ) : null;
  },
};

export default function SalesReportPage() {
  return <ReportPage def={salesReport} />;
}
