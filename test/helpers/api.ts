// Drives the real HTTP app in-process (no socket) with a cookie jar per client.
import type { Database } from '../../src/db/database.js';
import { type AppOptions, createApp } from '../../src/http/app.js';
import { ensureInstalled } from '../../src/modules/auth/install.js';
import { testDatabase } from './db.js';

export const ADMIN_PASSWORD = 'admin-test-pw';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie = '';
  constructor(readonly app: ReturnType<typeof createApp>) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
        init.body = body as BodyInit;
      } else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
    }
    const res = await this.app.request(path.startsWith('/api') ? path : `/api/v1${path}`, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /erp_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `erp_session=${m[1]}` : '';
    }
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : type.includes('text') ? await res.text() : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body ?? {}, headers);
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  put = <T = any>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  del = <T = any>(path: string) => this.request<T>('DELETE', path);

  async login(username: string, password: string, companyId?: string): Promise<Reply> {
    return this.post('/session', { username, password, companyId });
  }
}

export interface TestApi {
  db: Database;
  app: ReturnType<typeof createApp>;
  companyId: string;
  admin: Client;
  client(): Client;
  close(): Promise<void>;
}

export async function testApi(options: AppOptions = {}): Promise<TestApi> {
  const db = await testDatabase();
  const install = await ensureInstalled(db, ADMIN_PASSWORD);
  const app = createApp(db, options);
  const admin = new Client(app);
  const r = await admin.login('admin', ADMIN_PASSWORD);
  if (r.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(r.body)}`);
  return {
    db,
    app,
    companyId: install.companyId,
    admin,
    client: () => new Client(app),
    close: () => db.close(),
  };
}

/** Creates a user with the given built-in role codes and returns a logged-in client. */
export async function userWithRoles(api: TestApi, username: string, roleCodes: string[], by: Client = api.admin): Promise<Client> {
  const roles = await by.get('/roles?pageSize=500');
  const ids = roleCodes.map((code) => {
    const r = roles.body.items.find((x: { code: string }) => x.code === code);
    if (!r) throw new Error(`no role ${code}`);
    return r.id;
  });
  const created = await by.post('/users', { username, displayName: username, password: 'password-123', roleIds: ids });
  if (created.status !== 201) throw new Error(`create user failed: ${JSON.stringify(created.body)}`);
  const c = api.client();
  const r = await c.login(username, 'password-123');
  if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  return c;
}
