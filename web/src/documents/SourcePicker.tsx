import { useQuery } from '@tanstack/react-query';
import { App, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import type { Page, Row } from '../api/types';
import { useI18n } from '../i18n';
import { fmtMoney, fmtQty } from '../lib/decimal';
import { type DocView, fetchDoc } from './api';
import type { DocKind } from './kinds';
import { partyOf } from './parties';
import { StatusTag } from './StatusTag';

interface Props {
  kind: DocKind;
  /** orders for a bill (生成进货单 / 选择订单), bills for a return (原单退回) */
  source: 'order' | 'bill' | null;
  supplierId: string | undefined;
  onClose: () => void;
  onPick: (doc: DocView) => void;
}

/** Choose an audited order (still open) or an audited bill of the supplier. */
export function SourcePicker({ kind, source, supplierId, onClose, onPick }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [loading, setLoading] = useState<string | null>(null);
  const resource = kind.source?.resource ?? kind.resource;
  const query = { [partyOf(kind).field]: supplierId, status: source === 'order' ? 'audited,partial' : 'audited', pageSize: 200, sort: '-date' };
  const list = useQuery({
    queryKey: ['list', resource, query],
    queryFn: () => api<Page>(`/${resource}`, { query }),
    enabled: !!source && !!supplierId,
    staleTime: 0,
  });

  const pick = async (row: Row) => {
    setLoading(row.id);
    try {
      onPick(await fetchDoc(resource, row.id));
      onClose();
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setLoading(null);
    }
  };

  return (
    <Modal
      open={!!source}
      title={source === 'order' ? t('doc.pickOrder') : t(kind.source?.from === 'bill' ? kind.source.pick : 'doc.pickBill')}
      onCancel={onClose}
      footer={null}
      width={860}
      destroyOnHidden
    >
      <div data-testid="source-picker">
        <Table<Row>
          size="small"
          bordered
          rowKey="id"
          loading={list.isFetching || !!loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ y: 420 }}
          locale={{ emptyText: source === 'order' ? t('doc.noOpenOrders') : t('doc.noBills') }}
          onRow={(row) => ({ onClick: () => void pick(row), className: 'erp-row', 'data-testid': `source-${String(row.number)}` }) as never}
          columns={[
            { title: t('doc.number'), dataIndex: 'number', width: 160, render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t('doc.date'), dataIndex: 'date', width: 100 },
            { title: t('doc.warehouse'), dataIndex: 'warehouseName', width: 100 },
            { title: t('doc.totalQty'), dataIndex: 'totalQty', width: 90, align: 'right', render: (v: string) => fmtQty(v) },
            { title: t('doc.total'), dataIndex: 'total', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
            { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: string) => <StatusTag status={v} /> },
            { title: t('doc.remark'), dataIndex: 'remark', ellipsis: true },
          ]}
        />
      </div>
    </Modal>
  );
}
