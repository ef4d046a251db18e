import { useQueryClient } from '@tanstack/react-query';
import { App, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { rowKey } from '../crud/queries';
import { type MsgKey, useI18n } from '../i18n';
import { isDecimalString, normalizeDecimalInput } from '../lib/decimal';
import type { DocView, Signed } from './api';
import type { DocKind } from './kinds/types';

export const when = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

export function SignedBy({ s }: { s: Signed | undefined | null }) {
  if (!s) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="signed-by">
      {s.by} · {when(s.at)}
    </Typography.Text>
  );
}

/** POST a tracking step; the answer is the document's new view. */
export function useStep(kind: DocKind, doc: DocView, onError: (e: unknown) => void) {
  const qc = useQueryClient();
  const i18n = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  /** `done`: what the toast says happened (default 已保存) */
  const run = async (name: string, path: string, body: Record<string, unknown>, done: MsgKey = 'common.saved') => {
    if (busy) return;
    setBusy(name);
    try {
      const view = await api<DocView>(`/${kind.resource}/${doc.id}/${path}`, { method: 'POST', json: body });
      onError(null);
      qc.setQueryData(rowKey(kind.resource, doc.id), view);
      void qc.invalidateQueries({ queryKey: ['list'] });
      void qc.invalidateQueries({ queryKey: ['customer-balance'] });
      void qc.invalidateQueries({ queryKey: ['customer-account'] });
      void qc.invalidateQueries({ queryKey: ['cod-outstanding'] });
      message.success(i18n.t(done));
    } catch (e) {
      onError(e);
      message.error(errorText(e, i18n));
    } finally {
      setBusy(null);
    }
  };
  return { run, busy };
}

export const moneyOk = (s: string) => isDecimalString(normalizeDecimalInput(s), 2);
