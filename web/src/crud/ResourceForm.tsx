import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Form, Row as GridRow, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../api/client';
import { errorText } from '../api/errors';
import type { Row } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { focusFirstField, useFormKeys } from '../lib/keyboard';
import { FieldInput } from './FieldInput';
import { fetchRow, invalidateResource, rowKey } from './queries';
import { resourceInfo } from './registry';
import { fieldRules, isRequired } from './rules';
import { SubTable } from './SubTable';
import type { FieldDef, FormMode, ResourceDef } from './types';
import { buildBody, createDefaults, rowToFormValues } from './values';

export interface FormTarget {
  mode: FormMode;
  id?: string;
  /** 查看: the user may not edit this resource — a disabled form without 保存 */
  readOnly?: boolean;
  /** changes on every open, so "save and new" gets a fresh form */
  nonce: number;
}

interface Props {
  def: ResourceDef;
  target: FormTarget | null;
  onClose: () => void;
  /** After a successful save; `andNew` asks for a fresh create form. */
  onSaved: (row: Row, andNew: boolean) => void;
  /**
   * A centred modal instead of the side drawer: used to create a supplier, product or
   * employee from inside a bill (P5) without leaving it. No "save and new" there.
   */
  asModal?: boolean;
}

/** The fields a user sees in the form for this mode. */
export function useFormFields(def: ResourceDef, mode: FormMode): FieldDef[] {
  const { can } = useSession();
  return useMemo(() => def.fields.filter((f) => f.form !== false && can(f.permission) && (!f.createOnly || mode === 'create')), [def, mode, can]);
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

/** Create / edit form of one resource row, in a drawer. */
export function ResourceForm({ def, target, onClose, onSaved, asModal }: Props) {
  const open = !!target;
  const mode: FormMode = target?.mode ?? 'create';
  const id = target?.id;
  const { t, tl } = useI18n();
  const i18n = useI18n();
  const row = useQuery({
    queryKey: rowKey(def.key, id ?? ''),
    queryFn: () => fetchRow(def.key, id as string),
    enabled: open && mode === 'edit' && !!id,
    staleTime: 0,
  });
  const loading = mode === 'edit' && (row.isPending || row.isFetching);
  const readOnly = mode === 'edit' && !!target?.readOnly;
  const title = mode === 'create' ? t('common.newTitle', { res: tl(def.noun) }) : t(readOnly ? 'common.viewTitle' : 'common.editTitle', { res: tl(def.noun) });

  if (asModal) {
    return (
      <Modal
        open={open}
        onCancel={onClose}
        title={title}
        footer={null}
        width={def.formWidth ?? 760}
        keyboard={false}
        mask={{ closable: false }}
        destroyOnHidden
        styles={{ body: { paddingTop: 8 } }}
      >
        {open ? <FormBody key={`${target?.nonce}-new`} def={def} mode="create" row={undefined} onClose={onClose} onSaved={onSaved} noSaveNew /> : null}
      </Modal>
    );
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={
        <Space size={12}>
          <span>{title}</span>
          {mode === 'edit' && row.data ? (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {(def.rowLabel ?? resourceInfo(def.key).label)(row.data)}
            </Typography.Text>
          ) : null}
        </Space>
      }
      size={def.formWidth ?? 760}
      keyboard={false}
      mask={{ closable: false }}
      destroyOnHidden
      styles={{ body: { paddingTop: 12 } }}
    >
      {!open ? null : loading && !row.data ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : row.isError && mode === 'edit' ? (
        <Typography.Text type="danger">{errorText(row.error, i18n)}</Typography.Text>
      ) : (
        <FormBody
          key={`${target?.nonce}-${id ?? 'new'}`}
          def={def}
          mode={mode}
          row={mode === 'edit' ? row.data : undefined}
          readOnly={readOnly}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Drawer>
  );
}

interface BodyProps {
  def: ResourceDef;
  mode: FormMode;
  row: Row | undefined;
  onClose: () => void;
  onSaved: (row: Row, andNew: boolean) => void;
  noSaveNew?: boolean;
  readOnly?: boolean;
}

function FormBody({ def, mode, row, onClose, onSaved, noSaveNew, readOnly }: BodyProps) {
  const i18n = useI18n();
  const { t, tl } = i18n;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const fields = useFormFields(def, mode);
  const containerRef = useRef<HTMLDivElement>(null);
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  const initial = useMemo(() => (row ? rowToFormValues(fields, row) : createDefaults(fields)), [row, fields]);

  useEffect(() => {
    if (readOnly) return;
    // Wait for the drawer's own focus handling, then put the caret in the first field.
    const timer = setTimeout(() => focusFirstField(containerRef.current), 120);
    return () => clearTimeout(timer);
  }, [readOnly]);

  const save = async (andNew: boolean) => {
    if (savingRef.current || readOnly) return;
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.focusField(first.name);
      message.error(t('common.fixErrors'));
      return;
    }
    let body = buildBody(fields, { ...form.getFieldsValue(true), ...values }, mode, initial);
    if (def.toBody) body = def.toBody(body, mode);
    if (mode === 'edit' && row && Object.keys(body).length === 0) {
      onSaved(row, andNew);
      return;
    }
    savingRef.current = true;
    setSaving(true);
    try {
      const path = `/${resourceInfo(def.key).path}`;
      const saved =
        mode === 'create'
          ? await api<Row>(path, { method: 'POST', json: body })
          : await api<Row>(`${path}/${encodeURIComponent(row?.id ?? '')}`, { method: 'PATCH', json: body });
      message.success(mode === 'create' ? t('common.created') : t('common.saved'));
      await invalidateResource(qc, def.key);
      onSaved(saved, andNew);
    } catch (err) {
      showServerErrors(err);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  const showServerErrors = (err: unknown) => {
    message.error(errorText(err, i18n));
    if (!(err instanceof ApiError)) return;
    const names = new Set(fields.map((f) => f.name));
    const issues = err.details?.issues ?? [];
    const marks = issues
      .map((iss) => ({ name: issuePath(iss.path), errors: [i18n.pick(iss.message, iss.messageEn)] }))
      .filter((m) => typeof m.name[0] === 'string' && names.has(m.name[0]));
    const dupField =
      typeof err.details?.field === 'string'
        ? err.details.field
        : err.code.startsWith('DUPLICATE')
          ? names.has('code')
            ? 'code'
            : names.has('username')
              ? 'username'
              : undefined
          : undefined;
    if (dupField && names.has(dupField)) marks.push({ name: [dupField], errors: [errorText(err, i18n)] });
    if (marks.length) {
      form.setFields(marks);
      const first = marks[0];
      if (first) form.focusField(first.name);
    }
  };

  const onKeyDown = useFormKeys({ containerRef, enabled: true, onSave: () => void save(false), onClose });
  const cols = def.formColumns ?? 2;

  return (
    <div
      ref={containerRef}
      onKeyDownCapture={onKeyDown}
      data-testid="resource-form"
      data-mode={readOnly ? 'view' : mode}
      className={readOnly ? 'erp-form erp-form-readonly' : 'erp-form'}
    >
      <Form
        form={form}
        initialValues={initial}
        disabled={readOnly}
        layout="horizontal"
        labelCol={{ flex: cols >= 2 ? '88px' : '110px' }}
        labelWrap
        wrapperCol={{ flex: 1 }}
        colon={false}
        requiredMark={!readOnly}
        onFinish={() => void save(false)}
        autoComplete="off"
      >
        <GridRow gutter={16}>
          {fields.map((f) => {
            const label = mode === 'edit' && f.editLabel ? tl(f.editLabel) : tl(f.label);
            const wide = f.wide || f.type === 'subtable' || f.type === 'textarea' || f.type === 'custom';
            const span = wide ? 24 : 24 / cols;
            if (f.type === 'subtable') {
              return (
                <Col span={24} key={f.name}>
                  <Form.Item label={label} required={!readOnly && isRequired(f, mode)}>
                    <SubTable field={f} mode={mode} form={form} readOnly={readOnly} />
                  </Form.Item>
                </Col>
              );
            }
            return (
              <Col span={span} key={f.name}>
                <Form.Item name={f.name} label={label} rules={fieldRules(f, mode, i18n, label)}>
                  <FieldInput field={f} mode={mode} form={form} rowId={row?.id} />
                </Form.Item>
              </Col>
            );
          })}
        </GridRow>
      </Form>
      <div className="erp-form-footer">
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={readOnly ? 'form-readonly' : undefined}>
          {readOnly ? t('common.viewOnly', { res: tl(def.noun) }) : t('common.keyboardHint')}
        </Typography.Text>
        <Space>
          <Button onClick={onClose} data-testid="btn-cancel">
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {readOnly ? null : mode === 'create' && !noSaveNew ? (
            <Button onClick={() => void save(true)} loading={saving} data-testid="btn-save-new">
              {t('common.saveAndNew')}
            </Button>
          ) : null}
          {readOnly ? null : (
            <Button type="primary" onClick={() => void save(false)} loading={saving} data-testid="btn-save">
              {t('common.save')}
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}
