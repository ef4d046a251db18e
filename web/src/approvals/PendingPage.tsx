// 待审批: the steps due now that the signed-in user may decide.
import { Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { errorText } from '../api/errors';
import { docHref } from '../documents/kinds';
import { useI18n } from '../i18n';
import { type PendingItem, usePendingApprovals } from './api';

export default function PendingApprovalsPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const q = usePendingApprovals();
  return (
    <div data-testid="pending-approvals-page">
      <Typography.Title level={4}>{t('page.pendingApprovals')}</Typography.Title>
      {q.error ? <Typography.Text type="danger">{errorText(q.error, i18n)}</Typography.Text> : null}
      <Table<PendingItem>
        size="small"
        rowKey={(r) => `${r.documentId}-${r.step}`}
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('approvals.col.kind'), dataIndex: 'kindName', render: (_, r) => (lang === 'en' ? r.kindNameEn : r.kindName) },
          {
            title: t('approvals.col.number'),
            dataIndex: 'number',
            render: (_, r) => {
              const href = docHref(r.kind, r.documentId);
              return href ? <Link to={href}>{r.number}</Link> : r.number;
            },
          },
          { title: t('approvals.col.partner'), dataIndex: 'partnerName' },
          { title: t('approvals.col.date'), dataIndex: 'date' },
          { title: t('approvals.col.step'), dataIndex: 'step', render: (v: number) => t('approvals.stepN', { n: v }) },
          { title: t('approvals.col.submittedBy'), dataIndex: 'submittedByName' },
          { title: t('approvals.col.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </div>
  );
}
