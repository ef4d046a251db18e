// The soak's HTTP side: the server process it kills and restarts, and a client that acts
// as a careful clerk's browser would: every write carries an Idempotency-Key, an answer
// lost to a crash is retried with the same key once the server is back, a 503 (database
// away) is retried after its Retry-After, and IDEMPOTENCY_IN_PROGRESS is waited out — for
// a bounded time, after which the key counts as stuck.
import { join } from 'node:path';
import { type ServerHandle, startServer } from '../helpers/server-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server process under test: killed with SIGKILL at random moments, started again. */
export class Target {
  private handle: ServerHandle | undefined;
  private readyPromise: Promise<void> = Promise.resolve();
  starts = 0;
  kills = 0;

  constructor(private readonly opts: { dataDir: string; adminPassword: string; env: Record<string, string> }) {}

  /** The fuzz pass posts to /backups too: its files go beside the data, not into the checkout. */
  private serverEnv(): Record<string, string> {
    return { ERP_BACKUP_DIR: join(this.opts.dataDir, 'backups'), ...this.opts.env };
  }

  get baseURL(): string {
    if (!this.handle) throw new Error('soak: the server is not running');
    return this.handle.baseURL;
  }
  get running(): boolean {
    return this.handle !== undefined;
  }

  /** Resolves once a server answers /api/health (immediately when one does). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  async start(): Promise<void> {
    this.readyPromise = (async () => {
      this.handle = await startServer({ dataDir: this.opts.dataDir, adminPassword: this.opts.adminPassword, demo: false, env: this.serverEnv() });
      this.starts++;
    })();
    await this.readyPromise;
  }

  /** kill -9, then a new process (on a new port: clients follow baseURL). */
  async killAndRestart(): Promise<void> {
    const h = this.handle;
    if (!h) return;
    let release!: () => void;
    this.readyPromise = new Promise<void>((r) => {
      release = r;
    });
    this.handle = undefined;
    await h.kill();
    this.kills++;
    try {
      this.handle = await startServer({ dataDir: this.opts.dataDir, adminPassword: this.opts.adminPassword, demo: false, env: this.serverEnv() });
      this.starts++;
    } finally {
      release();
    }
  }

  /** A clean stop (SIGTERM), e.g. to let the soak open the embedded database itself. */
  async stop(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.stop();
  }

  log(): string {
    return this.handle?.log() ?? '';
  }
}

/** What the client saw, over all its requests. */
export class Stats {
  requests = 0;
  /** Answers lost to a crash (the connection died), each retried with its key. */
  lostAnswers = 0;
  /** 503 DATABASE_UNAVAILABLE while the database was away, retried. */
  unavailable = 0;
  /** IDEMPOTENCY_IN_PROGRESS answers waited out. */
  inProgress = 0;
  /** Keys that still answered IDEMPOTENCY_IN_PROGRESS after the wait. */
  stuckKeys: string[] = [];
  /** 5xx answers other than 503 DATABASE_UNAVAILABLE (violations). */
  serverErrors: string[] = [];
  /** Refusals without the {error:{code,message,messageEn}} shape (violations). */
  badRefusals: string[] = [];
  /** Requests still without an answer when the retries ran out (violations). */
  unanswered: string[] = [];
  refusals = new Map<string, number>();
  /** Requests under way, for the progress log when the load stalls. */
  inflight = new Map<number, { what: string; since: number; attempts: number; last: string }>();
  private nextId = 0;
  track(what: string) {
    const id = this.nextId++;
    const entry = { what, since: Date.now(), attempts: 0, last: '' };
    this.inflight.set(id, entry);
    return { entry, done: () => this.inflight.delete(id) };
  }
  oldest(n: number): string[] {
    const now = Date.now();
    return [...this.inflight.values()]
      .sort((a, b) => a.since - b.since)
      .slice(0, n)
      .map((e) => `${e.what}: ${((now - e.since) / 1000).toFixed(0)} s, ${e.attempts} attempts, last ${e.last || '—'}`);
  }
}

export interface Answer<T = any> {
  status: number;
  body: T;
  replayed: boolean;
  /** The first attempt's answer was lost (connection died): for a request without a key, its effect is uncertain. */
  lostOnce: boolean;
}

export interface SendOptions {
  key?: string;
  ifMatch?: number;
  /** Another user's session (approvals need someone other than the maker). */
  cookie?: string;
  /** Retry after a lost answer (default: only with a key, or a GET). */
  retryLost?: boolean;
}

const STUCK_AFTER_MS = 60_000;
const GIVE_UP_AFTER_MS = 300_000;
const REQUEST_TIMEOUT_MS = 120_000;

export const isErrorShape = (body: unknown): boolean => {
  const e = (body as { error?: { code?: unknown; message?: unknown; messageEn?: unknown } } | null)?.error;
  return (
    !!e &&
    typeof e.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(e.code) &&
    typeof e.message === 'string' &&
    e.message.length > 0 &&
    typeof e.messageEn === 'string' &&
    e.messageEn.length > 0
  );
};

export class SoakClient {
  cookie = '';
  constructor(
    readonly target: Target,
    readonly stats: Stats,
  ) {}

  async login(username: string, password: string): Promise<void> {
    const r = await this.send('POST', '/session', { username, password }, { retryLost: true });
    if (r.status !== 200) throw new Error(`soak: login of ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  }

  async send<T = any>(method: string, path: string, body?: unknown, opts: SendOptions = {}): Promise<Answer<T>> {
    const tracked = this.stats.track(`${method} ${path}${opts.key ? ` [${opts.key}]` : ''}`);
    try {
      return await this.attempt<T>(method, path, body, opts, tracked.entry);
    } finally {
      tracked.done();
    }
  }

  private async attempt<T>(method: string, path: string, body: unknown, opts: SendOptions, entry: { attempts: number; last: string }): Promise<Answer<T>> {
    const started = Date.now();
    let inProgressSince: number | undefined;
    let lostOnce = false;
    const retryLost = opts.retryLost ?? (opts.key !== undefined || method === 'GET');
    this.stats.requests++;
    const what = `${method} ${path}${opts.key ? ` [${opts.key}]` : ''}`;
    for (;;) {
      await this.target.ready();
      const headers: Record<string, string> = { origin: this.target.baseURL };
      const cookie = opts.cookie ?? this.cookie;
      if (cookie) headers.cookie = cookie;
      if (opts.key) headers['idempotency-key'] = opts.key;
      if (opts.ifMatch !== undefined) headers['if-match'] = String(opts.ifMatch);
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      entry.attempts++;
      try {
        res = await fetch(`${this.target.baseURL}${path.startsWith('/api') ? path : `/api/v1${path}`}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (err) {
        if ((err as Error).name === 'TimeoutError') {
          this.stats.unanswered.push(`${what}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
          return { status: 0, body: undefined as T, replayed: false, lostOnce: true };
        }
        // The server died under the request (or is being restarted): the answer is lost.
        entry.last = (err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        if (!lostOnce) this.stats.lostAnswers++;
        lostOnce = true;
        if (!retryLost) return { status: 0, body: undefined as T, replayed: false, lostOnce };
        if (Date.now() - started > GIVE_UP_AFTER_MS) {
          this.stats.unanswered.push(`${what}: ${(err as Error).message}`);
          return { status: 0, body: undefined as T, replayed: false, lostOnce };
        }
        await sleep(50);
        continue;
      }
      const setCookie = res.headers.get('set-cookie');
      if (setCookie && !opts.cookie) {
        const m = /erp_session=([^;]*)/.exec(setCookie);
        if (m) this.cookie = m[1] ? `erp_session=${m[1]}` : '';
      }
      const type = res.headers.get('content-type') ?? '';
      let parsed: any;
      try {
        parsed = type.includes('json') ? await res.json() : await res.text();
      } catch {
        // The body was cut off by a crash: as good as no answer.
        if (!lostOnce) this.stats.lostAnswers++;
        lostOnce = true;
        if (!retryLost) return { status: 0, body: undefined as T, replayed: false, lostOnce };
        continue;
      }
      const code: string | undefined = parsed?.error?.code;
      entry.last = `${res.status}${code ? ` ${code}` : ''}`;
      if (res.status === 503 && code === 'DATABASE_UNAVAILABLE') {
        this.stats.unavailable++;
        if (Date.now() - started > GIVE_UP_AFTER_MS) {
          this.stats.unanswered.push(`${what}: still 503 after ${GIVE_UP_AFTER_MS / 1000} s`);
          return { status: res.status, body: parsed, replayed: false, lostOnce };
        }
        // Retry-After says 5 s; the soak comes back sooner to find the recovery's edge.
        const after = Number(res.headers.get('retry-after') ?? 1);
        await sleep(Math.min(Number.isFinite(after) ? after * 1000 : 1000, 500));
        continue;
      }
      if (res.status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS') {
        this.stats.inProgress++;
        inProgressSince ??= Date.now();
        if (Date.now() - inProgressSince > STUCK_AFTER_MS) {
          this.stats.stuckKeys.push(what);
          return { status: res.status, body: parsed, replayed: false, lostOnce };
        }
        await sleep(200);
        continue;
      }
      if (res.status >= 500) this.stats.serverErrors.push(`${what} → ${res.status} ${JSON.stringify(parsed).slice(0, 300)}`);
      else if (res.status >= 400) {
        if (!isErrorShape(parsed)) this.stats.badRefusals.push(`${what} → ${res.status} ${JSON.stringify(parsed).slice(0, 300)}`);
        else this.stats.refusals.set(`${res.status} ${code}`, (this.stats.refusals.get(`${res.status} ${code}`) ?? 0) + 1);
      }
      return { status: res.status, body: parsed, replayed: res.headers.get('idempotency-replayed') === 'true', lostOnce };
    }
  }
}
