import type { QueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { ComponentType } from 'react';
import type { I18n } from '../i18n';
import type { DocView } from './api';
import type { DocKind, KindUi } from './kinds';

export interface BodyProps {
  kind: DocKind;
  /** what the kind's folder adds to the form */
  ui: KindUi;
  doc: DocView | undefined;
  form: FormInstance;
  /** false for audited documents and for users who may not edit */
  editable: boolean;
  /** something changed that the server has not seen */
  markDirty: () => void;
  /** a dialog (inline create, source picker) is above the document: its keys are its own */
  setDialogOpen: (open: boolean) => void;
}

export interface BuildResult {
  body: Record<string, unknown>;
  /** goods: the form row of each line sent (blank rows are not), to place server errors */
  lineIndex?: number[];
}

/** What differs between goods documents, settlements and prepayments. */
export interface DocLayout {
  /** Form values of a new document (URL parameters may preset some) or of a loaded one. */
  initial: (kind: DocKind, doc: DocView | undefined, params: URLSearchParams, ui: KindUi) => Record<string, unknown>;
  /** Validate and build the request body; a string is an error to show. Throws antd's validation error. */
  build: (kind: DocKind, form: FormInstance, i18n: I18n, ui: KindUi) => Promise<BuildResult | string>;
  Body: ComponentType<BodyProps>;
  /**
   * A question the clerk must answer yes to before this (valid) save goes to the server,
   * or null: a settlement that allocates nothing while open items wait (9.5).
   */
  confirmSave?: (kind: DocKind, form: FormInstance, i18n: I18n, qc: QueryClient) => string | null;
  onValuesChange?: (changed: Record<string, unknown>, form: FormInstance, qc: QueryClient) => void;
}

export const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** Trimmed text or null (the API's "no value"). */
export const textOrNull = (v: unknown) => {
  const s = v == null ? '' : String(v).trim();
  return s === '' ? null : s;
};
