// A private PostgreSQL cluster for the soak, in a temporary folder on a free port: the soak
// kills its postmaster with SIGKILL, which it must never do to the shared server on 5432
// that other tests use. initdb refuses to run as root, so the cluster runs as the
// `postgres` OS user (runuser) when the soak is root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../helpers/server-process.js';

const BIN = process.env.SOAK_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PgCluster {
  port: number;
  dir: string;
  /** postgres://…/<database> on this cluster. */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** kill -9 of the postmaster: no shutdown checkpoint; its backends die on their own. */
  kill(): Promise<void>;
  /** Starts it again (crash recovery), waiting out backends of the killed postmaster. */
  start(): Promise<void>;
  /** Deadlocks the log reports ("deadlock detected"): counted across crashes, which reset pg_stat_database. */
  deadlocksLogged(): number;
  destroy(): Promise<void>;
}

function asPostgres(cmd: string, args: string[], opts: { input?: string } = {}) {
  const root = userInfo().uid === 0;
  const file = root ? 'runuser' : cmd;
  const argv = root ? ['-u', 'postgres', '--', cmd, ...args] : args;
  const r = spawnSync(file, argv, { encoding: 'utf8', input: opts.input });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export async function startPgCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'erp-soak-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const init = asPostgres(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-instructions']);
  if (!init.ok) throw new Error(`soak: initdb failed:\n${init.out}`);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60 -c log_lock_waits=on -c deadlock_timeout=200ms`;
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

  const postmasterPid = () => {
    const file = join(data, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const ready = async () => {
    for (let i = 0; i < 600; i++) {
      const c = new pg.Client({ connectionString: url('postgres'), connectionTimeoutMillis: 1000 });
      try {
        await c.connect();
        await c.query('SELECT 1');
        await c.end();
        return;
      } catch {
        await c.end().catch(() => {});
        await sleep(100);
      }
    }
    throw new Error(`soak: the private PostgreSQL on port ${port} did not come up; log:\n${readFileSync(log, 'utf8').slice(-4000)}`);
  };
  const start = async () => {
    // Backends of a killed postmaster notice its death and exit; until they do, the shared
    // memory is still attached and a new postmaster refuses to start.
    for (let attempt = 0; ; attempt++) {
      const r = asPostgres(join(BIN, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', log, '-o', options]);
      if (r.ok) break;
      if (attempt >= 60) throw new Error(`soak: pg_ctl start failed:\n${r.out}\n${readFileSync(log, 'utf8').slice(-4000)}`);
      await sleep(500);
    }
    await ready();
  };
  await start();

  const cluster: PgCluster = {
    port,
    dir,
    url,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: url('postgres') });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return url(name);
    },
    async kill() {
      const pid = postmasterPid();
      if (pid === undefined || !alive(pid)) throw new Error('soak: no postmaster to kill');
      process.kill(pid, 'SIGKILL');
      while (alive(pid)) await sleep(20);
    },
    start,
    deadlocksLogged() {
      if (!existsSync(log)) return 0;
      return (readFileSync(log, 'utf8').match(/deadlock detected/g) ?? []).length;
    },
    async destroy() {
      const pid = postmasterPid();
      if (pid !== undefined && alive(pid)) asPostgres(join(BIN, 'pg_ctl'), ['stop', '-m', 'immediate', '-D', data]);
      if (statSync(dir, { throwIfNoEntry: false })) rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
