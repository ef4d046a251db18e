import { getLang } from '../i18n';

export const API_BASE = '/api/v1';

export interface ApiIssue {
  path?: string | (string | number)[];
  message?: string;
  messageEn?: string;
}

export interface ImportRowError {
  row: number;
  field?: string;
  message?: string;
  messageEn?: string;
}

export interface ApiErrorBody {
  code: string;
  message?: string;
  messageEn?: string;
  details?: { issues?: ApiIssue[]; rows?: ImportRowError[]; [k: string]: unknown };
}

/** Any non-2xx answer, or a network failure (status 0, code NETWORK). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string | undefined;
  readonly messageEn: string | undefined;
  readonly details: ApiErrorBody['details'];

  constructor(status: number, body: ApiErrorBody) {
    super(body.message ?? body.messageEn ?? body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.message;
    this.messageEn = body.messageEn;
    this.details = body.details;
  }
}

/** Called on every 401 so the app can drop back to the login page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: (() => void) | null) {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function buildQuery(params: Query | undefined): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

async function toError(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: `HTTP_${res.status}` };
  try {
    const json = (await res.json()) as { error?: ApiErrorBody };
    if (json && typeof json === 'object' && json.error && typeof json.error.code === 'string') body = json.error;
  } catch {
    // not JSON (proxy error page…): keep the generic body
  }
  return new ApiError(res.status, body);
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  /** The version of the record the user edited: the server refuses (412) if it changed since. */
  ifMatch?: number;
  signal?: AbortSignal;
  /** Don't trigger the global 401 handler (used by the session probe and login). */
  quiet401?: boolean;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': getLang() };
  if (opts.ifMatch !== undefined) headers['If-Match'] = String(opts.ifMatch);
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.contentType) {
    headers['Content-Type'] = opts.contentType;
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${buildQuery(opts.query)}`, {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK' });
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.quiet401) onUnauthenticated?.();
    throw err;
  }
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function filenameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // malformed: try the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** GET a file (export, template) and hand it to the browser as a download. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  const res = await send(path, { query });
  const blob = await res.blob();
  const name = filenameFrom(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST raw .xlsx bytes (import). */
export async function uploadXlsx<T>(path: string, file: Blob): Promise<T> {
  const bytes = await file.arrayBuffer();
  return api<T>(path, { method: 'POST', body: bytes, contentType: XLSX_TYPE });
}
