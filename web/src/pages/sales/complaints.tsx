import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { DateInput } from '../../crud/FieldInput';
import { ReferenceSelect } from '../../crud/ReferenceSelect';
import { today } from '../../documents/layout';
import { type MsgKey, useI18n } from '../../i18n';
import { isDecimalString, normalizeDecimalInput } from '../../lib/decimal';

interface Complaint {
  id: string;
  number: string;
  customerId: string;
  customerName: string | null;
  orderId: string | null;
  orderNumber: string | null;
  productName: string | null;
  description: string;
  status: 'received' | 'confirmed' | 'in_progress' | 'closed';
  resolution: string | null;
  receivedAt: string;
  receivedByName: string | null;
  confirmedByName: string | null;
  confirmationNote: string | null;
  replacementOrderId: string | null;
  replacementNumber: string | null;
  closedByName: string | null;
  closingNote: string | null;
}

const STATUS_COLOR: Record<string, string> = { received: 'red', confirmed: 'orange', in_progress: 'blue', closed: 'green' };
const STATUSES = ['received', 'confirmed', 'in_progress', 'closed'] as const;
const RESOLUTIONS = ['replacement', 'production', 'exchange', 'refund', 'explained'] as const;

type Dialog = { type: 'new' } | { type: 'confirm' | 'replacement' | 'close'; row: Complaint } | null;

/** S9 客户投诉: log, daily summary, manager confirmation, 补件单, closure. */
export default function ComplaintsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [date, setDate] = useState<string>('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['list', 'complaints', status, q, date],
    queryFn: () =>
      api<{ items: Complaint[]; total: number; summary: Record<string, number> }>('/complaints', {
        query: { pageSize: 200, ...(status ? { status } : {}), ...(q ? { q } : {}), ...(date ? { date } : {}) },
      }),
    staleTime: 0,
  });
  const todayList = useQuery({
    queryKey: ['list', 'complaints', 'today'],
    queryFn: () => api<{ items: Complaint[]; total: number; summary: Record<string, number> }>('/complaints', { query: { date: today(), pageSize: 500 } }),
    staleTime: 0,
  });

  const open = (d: Dialog) => {
    form.resetFields();
    if (d && d.type === 'replacement') form.setFieldsValue({ date: today(), qty: '1', production: false });
    if (d && d.type === 'close') form.setFieldsValue({ resolution: d.row.resolution ?? 'explained' });
    setDialog(d);
  };

  const submit = async () => {
    if (!dialog) return;
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    try {
      if (dialog.type === 'new') {
        await api('/complaints', {
          method: 'POST',
          json: { customerId: v.customerId, orderId: v.orderId || null, productId: v.productId || null, description: v.description },
        });
      } else if (dialog.type === 'confirm') {
        await api(`/complaints/${dialog.row.id}/confirmation`, { method: 'POST', json: { note: v.note || undefined } });
      } else if (dialog.type === 'replacement') {
        await api(`/complaints/${dialog.row.id}/replacement`, {
          method: 'POST',
          json: {
            warehouseId: v.warehouseId,
            date: v.date,
            production: !!v.production,
            lines: [{ productId: v.productId, qty: normalizeDecimalInput(String(v.qty)) }],
          },
        });
      } else {
        await api(`/complaints/${dialog.row.id}/close`, { method: 'POST', json: { note: v.note, resolution: v.resolution } });
      }
      message.success(t('common.saved'));
      setDialog(null);
      void qc.invalidateQueries({ queryKey: ['list', 'complaints'] });
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  const summary = todayList.data?.summary ?? {};
  const title = dialog
    ? dialog.type === 'new'
      ? t('complaint.new')
      : dialog.type === 'confirm'
        ? t('complaint.confirm')
        : dialog.type === 'replacement'
          ? t('complaint.replacement')
          : t('complaint.close')
    : '';

  return (
    <div className="erp-page" data-testid="page-complaints" data-q={q} data-busy={list.isFetching}>
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('page.complaints')}
        </Typography.Title>
        <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => setQ(v.trim())} style={{ width: 220 }} data-testid="search" />
        <Select
          allowClear
          placeholder={t('complaint.status')}
          value={status}
          onChange={setStatus}
          style={{ width: 110 }}
          options={STATUSES.map((s) => ({ value: s, label: t(`complaint.status.${s}` as MsgKey) }))}
          data-testid="filter-status"
        />
        <DateInput value={date} onChange={(v) => setDate(v ?? '')} placeholder={t('complaint.receivedAt')} style={{ width: 140 }} />
        <div style={{ flex: 1 }} />
        {can('complaints:create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ type: 'new' })} data-testid="btn-new">
            {t('complaint.new')}
          </Button>
        ) : null}
      </div>
      <div className="erp-doc-balance" data-testid="complaint-summary" style={{ marginBottom: 8 }}>
        <b>
          {t('complaint.today')} {today()}: {todayList.data?.total ?? 0}
        </b>
        {STATUSES.map((s) => (
          <span key={s} data-testid={`summary-${s}`}>
            <Tag color={STATUS_COLOR[s]}>{t(`complaint.status.${s}` as MsgKey)}</Tag>
            {summary[s] ?? 0}
          </span>
        ))}
      </div>
      <Table<Complaint>
        size="small"
        bordered
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="complaints-table"
        columns={[
          { title: t('complaint.number'), dataIndex: 'number', width: 150 },
          { title: t('complaint.receivedAt'), dataIndex: 'receivedAt', width: 130, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('complaint.customer'), dataIndex: 'customerName', width: 180 },
          {
            title: t('complaint.order'),
            dataIndex: 'orderNumber',
            width: 150,
            render: (v: string | null, r) => (v && r.orderId ? <Link to={`/sales/orders/${r.orderId}`}>{v}</Link> : null),
          },
          { title: t('complaint.product'), dataIndex: 'productName', width: 120 },
          { title: t('complaint.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('complaint.status'),
            dataIndex: 'status',
            width: 80,
            render: (v: string) => (
              <Tag color={STATUS_COLOR[v]} data-testid="complaint-status" data-status={v}>
                {t(`complaint.status.${v}` as MsgKey)}
              </Tag>
            ),
          },
          {
            title: t('complaint.replacementOrder'),
            dataIndex: 'replacementNumber',
            width: 150,
            render: (v: string | null, r) =>
              v && r.replacementOrderId ? (
                <Link to={`/sales/orders/${r.replacementOrderId}`} data-testid="replacement-link">
                  {v}
                </Link>
              ) : null,
          },
          { title: t('complaint.receivedBy'), dataIndex: 'receivedByName', width: 110 },
          {
            title: '',
            key: 'actions',
            width: 200,
            render: (_v, r) => (
              <Space size={4}>
                {r.status === 'received' && can('complaints:approve') ? (
                  <Button size="small" onClick={() => open({ type: 'confirm', row: r })} data-testid="btn-confirm">
                    {t('complaint.confirm')}
                  </Button>
                ) : null}
                {r.status === 'confirmed' && can('sales-orders:create') ? (
                  <Button size="small" onClick={() => open({ type: 'replacement', row: r })} data-testid="btn-replacement">
                    {t('complaint.replacement')}
                  </Button>
                ) : null}
                {(r.status === 'confirmed' || r.status === 'in_progress') && can('complaints:edit') ? (
                  <Button size="small" onClick={() => open({ type: 'close', row: r })} data-testid="btn-close">
                    {t('complaint.close')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!dialog}
        title={title}
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'btn-confirm-ok' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.type === 'new' ? (
            <>
              <Form.Item
                name="customerId"
                label={t('complaint.customer')}
                rules={[{ required: true, message: t('common.required', { field: t('complaint.customer') }) }]}
              >
                <ReferenceSelect id="customerId" resource="customers" />
              </Form.Item>
              <Form.Item name="orderId" label={t('complaint.order')}>
                <ReferenceSelect id="orderId" resource="sales-orders" />
              </Form.Item>
              <Form.Item name="productId" label={t('complaint.product')}>
                <ReferenceSelect id="productId" resource="products" />
              </Form.Item>
              <Form.Item
                name="description"
                label={t('complaint.description')}
                rules={[{ required: true, min: 2, message: t('common.required', { field: t('complaint.description') }) }]}
              >
                <Input.TextArea id="description" rows={4} maxLength={2000} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.type === 'confirm' ? (
            <Form.Item name="note" label={t('complaint.confirmNote')}>
              <Input.TextArea id="note" rows={3} maxLength={500} />
            </Form.Item>
          ) : null}
          {dialog?.type === 'replacement' ? (
            <>
              <Form.Item
                name="warehouseId"
                label={t('doc.warehouse')}
                rules={[{ required: true, message: t('common.required', { field: t('doc.warehouse') }) }]}
              >
                <ReferenceSelect id="warehouseId" resource="warehouses" />
              </Form.Item>
              <Form.Item name="date" label={t('doc.date')} rules={[{ required: true }]}>
                <DateInput id="date" allowClear={false} />
              </Form.Item>
              <Form.Item
                name="productId"
                label={t('complaint.product')}
                rules={[{ required: true, message: t('common.required', { field: t('complaint.product') }) }]}
              >
                <ReferenceSelect id="productId" resource="products" />
              </Form.Item>
              <Form.Item
                name="qty"
                label={t('line.qty')}
                rules={[
                  {
                    validator: async (_r, v) =>
                      isDecimalString(normalizeDecimalInput(String(v ?? '')), 4) ? undefined : Promise.reject(new Error(t('line.qtyPositive'))),
                  },
                ]}
              >
                <Input id="qty" />
              </Form.Item>
              <Form.Item name="production" valuePropName="checked">
                <Checkbox>{t('complaint.production')}</Checkbox>
              </Form.Item>
            </>
          ) : null}
          {dialog?.type === 'close' ? (
            <>
              <Form.Item name="resolution" label={t('complaint.resolution')}>
                <Select options={RESOLUTIONS.map((r) => ({ value: r, label: t(`complaint.resolution.${r}` as MsgKey) }))} />
              </Form.Item>
              <Form.Item
                name="note"
                label={t('complaint.closeNote')}
                rules={[{ required: true, message: t('common.required', { field: t('complaint.closeNote') }) }]}
              >
                <Input.TextArea id="note" rows={3} maxLength={500} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
