// A2 审批 on a document's page: each step of the live round (who, decision, comment,
// when), submit, and approve / reject with a comment for whoever may decide the step due.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Space, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import type { DocKind } from '../documents/kinds';
import { useI18n } from '../i18n';
import { type ApprovalStep, type Approvals, PENDING_KEY } from './api';

const STEP_STATUS = { pending: 'wait', approved: 'finish', rejected: 'error', void: 'wait' } as const;
const ROUND_COLOR = { none: 'default', pending: 'processing', approved: 'success', rejected: 'error' } as const;

export function ApprovalsPanel({ kind, docId, onError }: { kind: DocKind; docId: string; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const key = ['approvals', kind.resource, docId];
  const q = useQuery({ queryKey: key, queryFn: () => api<Approvals>(`/${kind.resource}/${docId}/approvals`) });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const a = q.data;
  if (!a) return null;
  if (a.status === 'none' && !a.canSubmit && !a.history.length) return null;

  const act = async (what: 'submit' | 'approve' | 'reject') => {
    setBusy(what);
    try {
      const path = what === 'submit' ? `/${kind.resource}/${docId}/approvals` : `/${kind.resource}/${docId}/approvals/${a.current}/${what}`;
      const body = what === 'submit' ? undefined : { comment: comment.trim() || null };
      qc.setQueryData(key, await api<Approvals>(path, { method: 'POST', json: body }));
      setComment('');
      void qc.invalidateQueries({ queryKey: PENDING_KEY });
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };
  const who = (s: ApprovalStep) => s.approverUserName ?? s.approverRoleName ?? t('approvals.anyApprover');
  return (
    <Card
      size="small"
      style={{ marginTop: 8 }}
      data-testid="approvals-panel"
      title={
        <Space>
          {t('approvals.title')}
          <Tag color={ROUND_COLOR[a.status]} data-testid="approvals-status">
            {t(`approvals.status.${a.status}`)}
          </Tag>
          {a.requireBeforeAudit ? <Typography.Text type="secondary">{t('approvals.beforeAudit')}</Typography.Text> : null}
        </Space>
      }
      extra={
        a.canSubmit ? (
          <Button size="small" type="primary" loading={busy === 'submit'} onClick={() => void act('submit')} data-testid="btn-submit-approval">
            {t('approvals.submit')}
          </Button>
        ) : null
      }
    >
      {a.steps.length ? (
        <Steps
          size="small"
          current={a.current ? a.current - 1 : a.steps.length}
          items={a.steps.map((s) => ({
            status: STEP_STATUS[s.decision],
            title: (
              <span data-testid={`approval-step-${s.step}`}>
                {who(s)} · {t(`approvals.decision.${s.decision}`)}
              </span>
            ),
            description: (
              <span>
                {s.aboveTotal ? `${t('approvals.above', { amount: s.aboveTotal })} ` : ''}
                {s.decidedByName ? `${s.decidedByName} ${dayjs(s.decidedAt).format('MM-DD HH:mm')}` : ''}
                {s.comment ? ` · ${s.comment}` : ''}
              </span>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{t('approvals.notSubmitted')}</Typography.Text>
      )}
      {a.canDecide ? (
        <Space.Compact style={{ width: '100%', maxWidth: 640, marginTop: 12 }}>
          <Input id="approvalComment" placeholder={t('approvals.commentPlaceholder')} value={comment} onChange={(e) => setComment(e.target.value)} />
          <Button type="primary" loading={busy === 'approve'} onClick={() => void act('approve')} data-testid="btn-approve-step">
            {t('approvals.approve')}
          </Button>
          <Button danger loading={busy === 'reject'} disabled={comment.trim().length < 2} onClick={() => void act('reject')} data-testid="btn-reject-step">
            {t('approvals.reject')}
          </Button>
        </Space.Compact>
      ) : null}
    </Card>
  );
}
