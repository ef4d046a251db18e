// A real server process (`node --import tsx src/main.ts serve`) for the tests that need
// one: the browser tests, and the crash tests that kill it with SIGKILL mid-request.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_START_TIMEOUT = 90_000;
const LOG_LIMIT = 200_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServerHandle {
  baseURL: string;
  port: number;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
  /** kill -9: no shutdown, no finally blocks, sockets left for the kernel to close. */
  kill: () => Promise<void>;
}

/** Starts `node --import tsx src/main.ts serve` and waits for GET /api/health. */
export async function startServer(opts: { dataDir: string; adminPassword: string; demo: boolean; env?: Record<string, string> }): Promise<ServerHandle> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'ERP_NO_DEMO', 'ERP_COOKIE_SECURE', 'NODE_OPTIONS']) delete env[k];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    ERP_ADMIN_PASSWORD: opts.adminPassword,
    // No daily backup into the checkout's backups/ at every start of a test server.
    ERP_BACKUP_DAILY: '0',
    ...(opts.demo ? {} : { ERP_NO_DEMO: '1' }),
    ...opts.env,
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
  };
  // tsx as a loader of this node process: no intermediate npx/tsx process to orphan.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  // If the test worker dies, don't leave a server behind.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const done = await Promise.race([exitPromise.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
  };

  const deadline = Date.now() + SERVER_START_TIMEOUT;
  for (;;) {
    if (exited) {
      const e = exited as { code: number | null; signal: NodeJS.Signals | null };
      throw new Error(`e2e: the server exited during start-up (code ${e.code}, signal ${e.signal}). Output:\n${log}`);
    }
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`e2e: the server did not answer ${baseURL}/api/health within ${SERVER_START_TIMEOUT / 1000} s. Output:\n${log}`);
    }
    await sleep(150);
  }
  const kill = async () => {
    process.off('exit', killOnExit);
    if (!exited) child.kill('SIGKILL');
    await exitPromise;
  };
  return { baseURL, port, dataDir: opts.dataDir, log: () => log, stop, kill };
}
