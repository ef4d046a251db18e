import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ExportButton } from './ExportButton';
import { FilterBar, useReportFilters } from './filters';
import type { ReportDef } from './types';

/** A report page drawn from its definition: filter bar, table, paging, totals, export. */
export function ReportPage<R extends object, D = { items: R[] }>({ def }: { def: ReportDef<R, D> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(def.paging?.sizes[0] ?? 0);
  const filters = useReportFilters(def.filters, !!def.urlFilters, () => setPage(1));
  const query = filters.query;
  const q = useQuery({
    queryKey: [def.key, query, ...(def.paging ? [page, pageSize] : [])],
    queryFn: ({ signal }) => api<D & { total?: number }>(def.endpoint, { query: def.paging ? { ...query, page, pageSize } : query, signal }),
    placeholderData: def.paging ? keepPreviousData : undefined,
    staleTime: 0,
  });
  const navigate = useNavigate();
  const ctx = { data: q.data, i18n, can: (p: string) => can(p), navigate: (to: string) => navigate(to) };

  return (
    <div className="erp-page" data-testid={`page-${def.key}`} data-q={query.q ?? ''} data-busy={q.isFetching}>
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0, marginRight: 8 }}>
          {t(def.title)}
        </Typography.Title>
        <FilterBar filters={def.filters} state={filters} />
        <div style={{ flex: 1 }} />
        {def.figures?.(ctx)}
        {def.export ? (
          <ExportButton path={def.export.path} query={query} permission={def.export.permission} fileName={t(def.title)} testId={def.export.testId} />
        ) : null}
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} data-testid={def.refreshTestId} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
      {q.isError ? <Typography.Text type="danger">{errorText(q.error, i18n)}</Typography.Text> : null}
      {def.above?.(ctx)}
      <Table<R>
        size="small"
        bordered
        sticky={def.sticky}
        rowKey={def.rowKey}
        dataSource={q.data ? def.rows(q.data) : []}
        loading={q.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid={def.tableTestId}
        locale={def.emptyText ? { emptyText: t(def.emptyText) } : undefined}
        onRow={def.onRow ? (row) => def.onRow?.(row, ctx) ?? {} : undefined}
        rowClassName={def.onRow ? () => 'erp-row' : undefined}
        pagination={
          def.paging
            ? {
                current: page,
                pageSize,
                total: q.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: def.paging.sizes,
                showTotal: (total) => t('common.total', { total }),
                size: 'small',
                onChange: (p, s) => {
                  setPage(s !== pageSize ? 1 : p);
                  setPageSize(s);
                },
              }
            : false
        }
        columns={def.columns(ctx)}
        summary={def.summary ? () => def.summary?.(ctx) : undefined}
      />
    </div>
  );
}
