// A2 审批: the approval engine's answers as the web app reads them.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export interface ApprovalStep {
  id: string;
  round: number;
  step: number;
  approverRole: string | null;
  approverRoleName: string | null;
  approverUserId: string | null;
  approverUserName: string | null;
  aboveTotal: string | null;
  decision: 'pending' | 'approved' | 'rejected' | 'void';
  decisionName: string;
  comment: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  submittedByName: string | null;
  submittedAt: string;
}

export interface Approvals {
  documentId: string;
  number: string;
  status: 'none' | 'pending' | 'approved' | 'rejected';
  statusName: string;
  current: number | null;
  requireBeforeAudit: boolean;
  canDecide: boolean;
  canSubmit: boolean;
  steps: ApprovalStep[];
  history: ApprovalStep[];
}

export interface PendingItem {
  documentId: string;
  resource: string;
  kind: string;
  kindName: string;
  kindNameEn: string;
  number: string;
  date: string;
  partnerName: string | null;
  step: number;
  approverRole: string | null;
  submittedAt: string;
  submittedByName: string | null;
}

export const PENDING_KEY = ['approvals-pending'] as const;

/** 待审批: polled, so the header's count moves when others submit or decide. */
export function usePendingApprovals() {
  return useQuery({
    queryKey: PENDING_KEY,
    queryFn: () => api<{ items: PendingItem[]; total: number }>('/approvals/pending'),
    refetchInterval: 30_000,
  });
}
