import {
  ArrowLeftOutlined,
  AuditOutlined,
  CloseCircleOutlined,
  DeleteOutlined,
  FileAddOutlined,
  PlusOutlined,
  PrinterOutlined,
  RollbackOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Result, Space, Spin, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Route, Routes, useBlocker, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../app/session';
import { ApprovalsPanel } from '../approvals/ApprovalsPanel';
import { rowKey } from '../crud/queries';
import { ResourceListPage } from '../crud/ResourceListPage';
import { useI18n } from '../i18n';
import { fmtMoney } from '../lib/decimal';
import { overlayIsOpen, useFormKeys } from '../lib/keyboard';
import { type DocView, useDoc } from './api';
import { BlockerList, blockersOf } from './BlockerList';
import { goodsLayout } from './goods';
import { DOC_KINDS, type DocKind, type KindUi, printHref } from './kinds';
import type { DocLayout } from './layout';
import { docListDef } from './listDef';
import { PrepaidForOrder } from './orderDeposits';
import { partyOf } from './parties';
import { prepaymentLayout } from './prepayment';
import { SettlementTag, StatusTag } from './StatusTag';
import { settlementLayout } from './settlement';

const LAYOUTS: Record<DocKind['layout'], DocLayout> = { goods: goodsLayout, settlement: settlementLayout, prepayment: prepaymentLayout };

/** A document kind's pages: the list, /new and /:id. */
export function DocumentRoutes({ kind, ui }: { kind: DocKind; ui: KindUi }) {
  const def = useMemo(() => docListDef(kind), [kind]);
  return (
    <Routes>
      <Route index element={<ResourceListPage def={def} />} />
      <Route path="new" element={<DocumentPage kind={kind} ui={ui} />} />
      <Route path=":id" element={<DocumentPage kind={kind} ui={ui} />} />
    </Routes>
  );
}

/** After an audit, un-audit, save or delete: whatever the documents feed is stale. */
export function invalidatePosting(qc: QueryClient) {
  const docs = Object.keys(DOC_KINDS);
  return Promise.all([
    ...docs.flatMap((r) => [qc.invalidateQueries({ queryKey: ['list', r] }), qc.invalidateQueries({ queryKey: ['row', r] })]),
    qc.invalidateQueries({ queryKey: ['stock'] }),
    qc.invalidateQueries({ queryKey: ['stock-moves'] }),
    qc.invalidateQueries({ queryKey: ['open-items'] }),
    qc.invalidateQueries({ queryKey: ['supplier-balance'] }),
    qc.invalidateQueries({ queryKey: ['customer-balance'] }),
    qc.invalidateQueries({ queryKey: ['customer-account'] }),
    qc.invalidateQueries({ queryKey: ['cod-outstanding'] }),
    qc.invalidateQueries({ queryKey: ['statement'] }),
    qc.invalidateQueries({ queryKey: ['default-price'] }),
  ]);
}

function DocumentPage({ kind, ui }: { kind: DocKind; ui: KindUi }) {
  const { id } = useParams();
  const loc = useLocation();
  const i18n = useI18n();
  const doc = useDoc(kind.resource, id);
  const { can } = useSession();
  const navigate = useNavigate();
  // /new typed or bookmarked by someone who may not create this kind: say so, instead of a
  // greyed form without a 保存 button
  if (!id && !can(`${kind.resource}:create`)) {
    return (
      <div className="erp-page" data-testid="doc-forbidden">
        <Result
          status="403"
          title={i18n.t('forbidden.title')}
          subTitle={i18n.t('doc.noCreate', { res: i18n.t(kind.name) })}
          extra={
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(kind.base)} data-testid="btn-back">
              {i18n.t('doc.backToList')}
            </Button>
          }
        />
      </div>
    );
  }
  if (id && doc.isPending) {
    return (
      <div className="erp-page" style={{ textAlign: 'center', paddingTop: 64 }}>
        <Spin />
      </div>
    );
  }
  if (id && doc.isError) {
    return (
      <div className="erp-page">
        <Result status="warning" title={i18n.t('doc.loadError')} subTitle={errorText(doc.error, i18n)} />
      </div>
    );
  }
  // A fresh editor for each document version (after a save or an audit the server's view wins)
  // and for each visit to /new.
  const key = doc.data ? `${doc.data.id}:${doc.data.version}:${doc.data.status}` : `new:${loc.key}`;
  return <DocumentEditor key={key} kind={kind} ui={ui} doc={doc.data} />;
}

function fmtTime(v: string | null | undefined) {
  return v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '';
}

function SignOff({ doc }: { doc: DocView }) {
  const { t } = useI18n();
  return (
    <div className="erp-doc-signoff" data-testid="doc-signoff">
      <span data-testid="signoff-created">
        {t('doc.createdBy')}: <b>{doc.createdByName ?? ''}</b> {fmtTime(doc.createdAt)}
      </span>
      {doc.auditedAt ? (
        <span data-testid="signoff-audited">
          {t('doc.auditedBy')}: <b>{doc.auditedByName ?? ''}</b> {fmtTime(doc.auditedAt)}
        </span>
      ) : null}
      {doc.closedAt ? (
        <span data-testid="signoff-closed">
          {t('doc.closedAt')}: <b>{doc.closedByName ?? ''}</b> {fmtTime(doc.closedAt)}
        </span>
      ) : null}
      <span>
        {t('doc.updatedAt')}: {fmtTime(doc.updatedAt)}
      </span>
    </div>
  );
}

function issuePath(path: unknown): (string | number)[] {
  if (Array.isArray(path)) return path as (string | number)[];
  if (typeof path !== 'string' || !path) return [];
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function DocumentEditor({ kind, ui, doc }: { kind: DocKind; ui: KindUi; doc: DocView | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can, session } = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const layout = LAYOUTS[kind.layout];
  const res = kind.resource;
  const { next, returnedBy } = kind;
  const containerRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);
  const [error, setError] = useState<unknown>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const dirty = useRef(false);
  const markDirty = useCallback(() => {
    dirty.current = true;
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the initial values of this editor instance
  const initial = useMemo(() => {
    const values = layout.initial(kind, doc, params, ui);
    // a new document's 经手人 is the signed-in user's employee (GET /session → user.employeeId)
    if (!doc && !values.employeeId && session?.user.employeeId) values.employeeId = session.user.employeeId;
    return values;
  }, []);

  const editable = doc ? doc.status === 'saved' && can(`${res}:edit`) : can(`${res}:create`);
  const canAudit = can(`${res}:audit`);

  // Leaving for another page of the app (返回列表, the menu, a link) with unsaved changes asks first.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => editable && dirty.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('doc.unsavedLeave'),
      okText: t('doc.leave'),
      okButtonProps: { danger: true, 'data-testid': 'btn-leave' } as never,
      cancelText: t('doc.stay'),
      cancelButtonProps: { 'data-testid': 'btn-stay' } as never,
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!editable) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [editable]);

  useEffect(() => {
    // a new document starts at the supplier
    if (!doc && editable) setTimeout(() => document.getElementById(partyOf(kind).field)?.focus(), 80);
  }, [doc, editable, kind]);

  const run = async <T,>(name: string, fn: () => Promise<T>): Promise<T | null> => {
    if (busyRef.current) return null;
    busyRef.current = true;
    setBusy(name);
    try {
      return await fn();
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  const showServerError = (err: unknown, lineIndex?: number[]) => {
    setError(err);
    if (!(err instanceof ApiError)) return;
    const marks: { name: (string | number)[]; errors: string[] }[] = [];
    const place = (path: unknown, text: string) => {
      const p = issuePath(path);
      if (p[0] === 'lines' && typeof p[1] === 'number' && lineIndex) p[1] = lineIndex[p[1]] ?? p[1];
      if (p.length && (p[0] !== 'lines' || p.length >= 3)) marks.push({ name: p, errors: [text] });
    };
    for (const iss of err.details?.issues ?? []) place(iss.path, i18n.pick(iss.message, iss.messageEn));
    if (typeof err.details?.field === 'string') place(err.details.field, errorText(err, i18n));
    if (marks.length) form.setFields(marks);
  };

  /** Asks before going on; true when the clerk said yes. */
  const ask = (title: string) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title,
        okText: t('doc.saveAnyway'),
        okButtonProps: { 'data-testid': 'btn-confirm-ok' } as never,
        cancelText: t('common.cancel'),
        cancelButtonProps: { 'data-testid': 'btn-confirm-cancel' } as never,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  /** 保存: POST a new document or PATCH (replace) an unaudited one. */
  const save = async (): Promise<DocView | null> => {
    // a new attempt: the last attempt's error no longer stands
    setError(null);
    let built: Awaited<ReturnType<DocLayout['build']>>;
    try {
      built = await layout.build(kind, form, i18n, ui);
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) {
        form.scrollToField(first.name, { block: 'center' });
        form.focusField(first.name);
      }
      message.error(t('common.fixErrors'));
      return null;
    }
    if (typeof built === 'string') {
      setError(new Error(built));
      message.error(built);
      return null;
    }
    const question = layout.confirmSave?.(kind, form, i18n, qc);
    if (question && !(await ask(question))) return null;
    try {
      const saved = doc
        ? await api<DocView>(`/${res}/${doc.id}`, { method: 'PATCH', json: built.body, ifMatch: doc.version })
        : await api<DocView>(`/${res}`, { method: 'POST', json: built.body });
      dirty.current = false;
      setError(null);
      qc.setQueryData(rowKey(res, saved.id), saved);
      void invalidatePosting(qc);
      return saved;
    } catch (err) {
      showServerError(err, built.lineIndex);
      message.error(errorText(err, i18n));
      return null;
    }
  };

  const onSave = () =>
    void run('save', async () => {
      const saved = await save();
      if (!saved) return;
      message.success(t('common.saved'));
      if (!doc) navigate(`${kind.base}/${saved.id}`, { replace: true });
    });

  /** 审核: saves first when there is anything unsaved, then posts. */
  const onAudit = () =>
    void run('audit', async () => {
      let target = doc;
      if (editable && (!doc || dirty.current)) {
        const saved = await save();
        if (!saved) return;
        target = saved;
      }
      if (!target) return;
      try {
        const audited = await api<DocView>(`/${res}/${target.id}/audit`, { method: 'POST', ifMatch: target.version });
        qc.setQueryData(rowKey(res, audited.id), audited);
        void invalidatePosting(qc);
        message.success(t('doc.auditDone'));
        if (!doc) navigate(`${kind.base}/${audited.id}`, { replace: true });
      } catch (err) {
        if (!doc) {
          // saved but not audited: show it saved, with the reason
          message.error(errorText(err, i18n));
          navigate(`${kind.base}/${target.id}`, { replace: true });
        } else showServerError(err);
      }
    });

  const confirm = (title: string, okText: string, danger: boolean, go: () => Promise<void>) =>
    modal.confirm({
      title,
      okText,
      okButtonProps: { danger, 'data-testid': 'btn-confirm-ok' },
      cancelText: t('common.cancel'),
      onOk: () => run('confirm', go),
    });

  const post = (action: 'unaudit' | 'close', done: string) => async () => {
    if (!doc) return;
    try {
      const r = await api<DocView>(`/${res}/${doc.id}/${action}`, { method: 'POST', ifMatch: action === 'unaudit' ? doc.version : undefined });
      qc.setQueryData(rowKey(res, r.id), r);
      void invalidatePosting(qc);
      message.success(done);
    } catch (err) {
      showServerError(err);
    }
  };

  const onUnaudit = () => doc && confirm(t('doc.confirmUnaudit', { number: doc.number }), t('doc.unaudit'), true, post('unaudit', t('doc.unauditDone')));
  const onClose = () => doc && confirm(t('doc.confirmClose', { number: doc.number }), t('doc.closeOrder'), true, post('close', t('doc.closed')));
  const onDelete = () =>
    doc &&
    confirm(t('doc.confirmDelete', { number: doc.number }), t('doc.delete'), true, async () => {
      try {
        await api(`/${res}/${doc.id}`, { method: 'DELETE', ifMatch: doc.version });
        dirty.current = false;
        message.success(t('doc.deleted'));
        navigate(kind.base);
        qc.removeQueries({ queryKey: rowKey(res, doc.id) });
        void invalidatePosting(qc);
      } catch (err) {
        showServerError(err);
      }
    });

  const onKeyDown = useFormKeys({
    containerRef,
    enabled: !dialogOpen,
    onSave: () => {
      if (editable) onSave();
    },
    // Esc: back to the list, like 返回列表 (which asks first about unsaved changes). A dialog
    // above the page (a confirm, "确定离开吗？" itself) takes its own Esc.
    onClose: () => {
      if (!overlayIsOpen()) navigate(kind.base);
    },
  });

  const status = doc?.status;
  const audited = status && status !== 'saved';
  const title = doc ? t(kind.name) : t('doc.addNew', { res: t(kind.name) });

  return (
    <div
      ref={containerRef}
      onKeyDownCapture={onKeyDown}
      className="erp-page erp-doc erp-form"
      data-testid={`doc-${res}`}
      data-status={status ?? 'new'}
      data-busy={busy ?? undefined}
    >
      <div className="erp-doc-toolbar">
        <Space size={8} wrap className="erp-doc-title">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {doc ? (
            <Typography.Text strong copyable={{ text: doc.number }} data-testid="doc-number">
              {doc.number}
            </Typography.Text>
          ) : null}
          {doc ? <StatusTag status={doc.status} testId="doc-status" sales={partyOf(kind).shipsOut} /> : null}
          {doc && kind.settles && doc.settlementStatus ? (
            <Space size={4}>
              <SettlementTag status={doc.settlementStatus} testId="doc-settlement" />
              {doc.openAmount != null ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('doc.settledAmount')} {fmtMoney(doc.settledAmount)} · {t('doc.openAmount')}{' '}
                  <span data-testid="doc-open-amount">{fmtMoney(doc.openAmount)}</span>
                  {doc.dueDate ? ` · ${t('doc.dueDate')} ${doc.dueDate}` : ''}
                </Typography.Text>
              ) : null}
            </Space>
          ) : null}
        </Space>
        <Space size={4} wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(kind.base)} data-testid="btn-back">
            {t('doc.backToList')}
          </Button>
          {doc && can(`${res}:create`) ? (
            <Button icon={<PlusOutlined />} onClick={() => navigate(`${kind.base}/new`)} data-testid="btn-new-doc">
              {t('common.new')}
            </Button>
          ) : null}
          {editable ? (
            <Tooltip title="Ctrl+S">
              <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={onSave} data-testid="btn-save">
                {t('common.save')}
              </Button>
            </Tooltip>
          ) : null}
          {canAudit && (!doc || status === 'saved') ? (
            <Button icon={<AuditOutlined />} loading={busy === 'audit'} onClick={onAudit} data-testid="btn-audit">
              {t('doc.audit')}
            </Button>
          ) : null}
          {canAudit && audited && status !== 'closed' ? (
            <Button icon={<UndoOutlined />} danger onClick={onUnaudit} data-testid="btn-unaudit">
              {t('doc.unaudit')}
            </Button>
          ) : null}
          {kind.isOrder && (status === 'audited' || status === 'partial') && can(`${res}:edit`) ? (
            <Button icon={<CloseCircleOutlined />} onClick={onClose} data-testid="btn-close-order">
              {t('doc.closeOrder')}
            </Button>
          ) : null}
          {next && doc && (status === 'audited' || status === 'partial') && can(`${next.resource}:create`) ? (
            <Button icon={<FileAddOutlined />} onClick={() => navigate(`${DOC_KINDS[next.resource].base}/new?fromOrder=${doc.id}`)} data-testid="btn-to-bill">
              {t(next.label)}
            </Button>
          ) : null}
          {returnedBy && doc && status === 'audited' && can(`${returnedBy}:create`) ? (
            <Button icon={<RollbackOutlined />} onClick={() => navigate(`${DOC_KINDS[returnedBy].base}/new?fromBill=${doc.id}`)} data-testid="btn-to-return">
              {t('doc.toReturn')}
            </Button>
          ) : null}
          {doc && status === 'saved' && can(`${res}:delete`) ? (
            <Button icon={<DeleteOutlined />} danger onClick={onDelete} data-testid="btn-delete">
              {t('doc.delete')}
            </Button>
          ) : null}
          {doc ? (
            <Button icon={<PrinterOutlined />} onClick={() => window.open(printHref(res, doc.id), '_blank')} data-testid="btn-print">
              {t('common.print')}
            </Button>
          ) : null}
        </Space>
      </div>
      {error ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setError(null) }}
          style={{ marginBottom: 8 }}
          title={
            blockersOf(error).length && doc
              ? t('doc.blockedTitle', { number: doc.number })
              : error instanceof ApiError
                ? errorText(error, i18n)
                : error instanceof Error
                  ? error.message
                  : String(error)
          }
          description={blockersOf(error).length ? <BlockerList error={error} /> : undefined}
          data-testid="doc-error"
        />
      ) : null}
      {doc && audited ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('doc.readOnly')} data-testid="doc-readonly" /> : null}
      {doc && !audited && !editable ? (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('common.viewOnly', { res: t(kind.name) })} data-testid="doc-viewonly" />
      ) : null}
      <Form
        form={form}
        initialValues={initial}
        disabled={!editable}
        requiredMark={editable}
        layout="horizontal"
        labelCol={{ flex: '64px' }}
        labelWrap
        wrapperCol={{ flex: 1 }}
        colon={false}
        autoComplete="off"
        onValuesChange={(changed: Record<string, unknown>) => {
          dirty.current = true;
          layout.onValuesChange?.(changed, form, qc);
        }}
      >
        <layout.Body kind={kind} ui={ui} doc={doc} form={form} editable={editable} markDirty={markDirty} setDialogOpen={setDialogOpen} />
      </Form>
      {doc ? ui.panels?.map((Panel, i) => <Panel key={String(i)} kind={kind} doc={doc} onError={setError} />) : null}
      {/* A2: S5 and S7 keep their one-step panel above (on the same engine) */}
      {doc && !kind.ownApproval && doc.status !== 'deleted' ? (
        <ApprovalsPanel key={`${doc.id}-${doc.version}`} kind={kind} docId={doc.id} onError={setError} />
      ) : null}
      {doc?.depositPayments?.length ? <PrepaidForOrder doc={doc} /> : null}
      {doc ? <SignOff doc={doc} /> : null}
    </div>
  );
}
