import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../app/session';
import { type MsgKey, useI18n } from '../i18n';
import type { PanelProps } from './kinds/types';
import { useStep, when } from './panelKit';

/**
 * The one-step approval of S5 (a delivery outside the delivery rules) and S7 (a return):
 * a reason, then 审批. `required`: every document of the kind needs it, said before anyone
 * may approve; `hint` is the line under the reason box.
 */
export function OneStepApproval({ kind, doc, onError, required = false, hint = 'approval.hint' }: PanelProps & { required?: boolean; hint?: MsgKey }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { run, busy } = useStep(kind, doc, onError);
  const [reason, setReason] = useState('');
  if (doc.approval) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginTop: 8 }}
        data-testid="doc-approval"
        title={`${t('approval.approvedBy')} ${doc.approval.byName ?? ''} · ${when(doc.approval.at)} · ${t('approval.reason')}: ${doc.approval.reason}`}
      />
    );
  }
  if (doc.status !== 'saved' || !can(`${kind.resource}:approve`)) {
    return required && doc.status === 'saved' ? <Alert type="info" showIcon style={{ marginTop: 8 }} title={t(hint)} data-testid="approval-needed" /> : null;
  }
  return (
    <Card size="small" title={t('approval.title')} style={{ marginTop: 8 }} data-testid="approval-panel">
      <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
        <Input id="approvalReason" placeholder={t('approval.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button
          type="primary"
          loading={busy === 'approve'}
          disabled={reason.trim().length < 2}
          onClick={() => void run('approve', 'approval', { reason: reason.trim() }, 'approval.done')}
          data-testid="btn-approve"
        >
          {t('approval.approve')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
        {t(hint)}
      </Typography.Paragraph>
    </Card>
  );
}
