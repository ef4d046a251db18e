// One Database type over two drivers: embedded PGlite (a folder) or a PostgreSQL server
// (DATABASE_URL). Same schema, same SQL, same migrations.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, is, Placeholder, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireFolderLock, type FolderLock } from './folder-lock.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Orm | Tx;

export interface Database {
  readonly kind: 'pglite' | 'pg';
  readonly orm: Orm;
  /** PostgreSQL: the connection string, for pg_dump (backups). */
  readonly url?: string;
  /**
   * Embedded: a tarball of the data folder at one instant (backups). Committed work is in
   * it, a transaction still open is not: no transaction runs while it is taken.
   */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// DATE stays a 'YYYY-MM-DD' string: a JS Date would shift it by the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  url?: string;
  /** Folder of the embedded database. */
  dataDir?: string;
  /** A dumped, migrated data folder to start an in-memory PGlite from (tests). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openServer(opts.url, opts.poolSize ?? 10);
  return openEmbedded(opts.dataDir, opts.loadDataDir);
}

async function openServer(url: string, max: number): Promise<Database> {
  // Pipeline mode: a query is written to the server without waiting for the answer to the
  // one before (node-postgres answers them in order); beginTogether uses it.
  // A server that does not answer a new connection fails the request after 5 s (a 503)
  // instead of holding it. On the client, not the pool: the pool's own option would also
  // fail a request that merely waits its turn for a connection under load.
  const pool = new pg.Pool({ connectionString: url, max, pipeline: true, Client: ConnectingClient as never });
  // A broken idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    // A connection lost while checked out (mid-transaction) is an 'error' event with no
    // listener of the pool's: unheard, it would end the process. Its queries get the error
    // anyway (the request answers 503), and the pool drops the broken client on release.
    client.on('error', () => {});
    beginTogether(client);
  });
  const orm = drizzlePg(pool, { schema }) as unknown as Orm;
  return {
    kind: 'pg',
    orm,
    url,
    close: () => pool.end(),
  };
}

class ConnectingClient extends pg.Client {
  constructor(config: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: 5000 });
  }
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;
const isText = (config: unknown, text: string) => {
  const t = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
  return typeof t === 'string' && t.trim().toLowerCase() === text;
};
const EMPTY_RESULT = { command: '', rowCount: null, oid: 0, rows: [], fields: [] };

/**
 * A transaction's BEGIN goes to the server with its first statement, in one write: every
 * round trip costs CPU on both ends of the socket, and a short posting transaction has
 * only two (BEGIN + flip, then apply + COMMIT: atCommit). BEGIN is held back until the next query and
 * answered at once; the two then go out together and the caller awaits both answers.
 */
function beginTogether(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  let pending = false;
  const stream = (client as unknown as { connection: { stream: { cork?(): void; uncork?(): void } } }).connection.stream;
  (client as unknown as { query: QueryFn }).query = (config, values, callback) => {
    if (!callback && typeof values !== 'function' && isText(config, 'begin')) {
      pending = true;
      return Promise.resolve({ ...EMPTY_RESULT, command: 'BEGIN' });
    }
    if (pending) {
      pending = false;
      // Nothing ran: an empty transaction ends without a word to the server.
      if (!callback && (isText(config, 'commit') || isText(config, 'rollback'))) return Promise.resolve({ ...EMPTY_RESULT, command: 'COMMIT' });
      if (callback) {
        query('begin');
        return query(config, values, callback);
      }
      stream.cork?.();
      try {
        const begun = query('begin') as Promise<unknown>;
        const answered = query(config, values) as Promise<unknown>;
        // Both answers count: a BEGIN that failed fails the statement written behind it.
        return Promise.all([begun, answered]).then(([, result]) => result);
      } finally {
        stream.uncork?.();
      }
    }
    return query(config, values, callback);
  };
}

async function openEmbedded(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Database> {
  let lock: FolderLock | undefined;
  let client: PGlite;
  if (dataDir) {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    // PGlite has no lock of its own: two processes on one folder would lose writes.
    lock = acquireFolderLock(dir);
    try {
      client = await PGlite.create(join(dir, 'pgdata'));
    } catch (err) {
      lock.release();
      throw err;
    }
  } else {
    client = await PGlite.create(loadDataDir ? { loadDataDir } : {});
  }
  const orm = drizzlePglite(client, { schema }) as unknown as Orm;
  return {
    kind: 'pglite',
    orm,
    // Inside a transaction of PGlite's own, no other transaction is open or can begin while
    // the files are read (the tarball is taken between two statements). CHECKPOINT first
    // writes what sits in memory to the data files, so the copy starts without replaying WAL.
    dumpDataDir: () =>
      client.transaction(async (tx) => {
        await tx.exec('CHECKPOINT');
        return client.dumpDataDir('none');
      }),
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

export async function migrateDatabase(db: Database): Promise<void> {
  if (db.kind === 'pg') {
    // Two servers starting at once must not both migrate.
    await db.orm.transaction(async (tx) => {
      await tx.execute('SELECT pg_advisory_xact_lock(727272)');
    });
    await migratePg(db.orm as never, { migrationsFolder });
  } else {
    await migratePglite(db.orm as never, { migrationsFolder });
  }
}

/** A dump of a freshly migrated embedded database, for fast test databases. */
export async function dumpMigratedTemplate(): Promise<Blob> {
  const client = await PGlite.create();
  const orm = drizzlePglite(client, { schema });
  await migratePglite(orm, { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}

// What drizzle's node-postgres driver hands over as text (timestamps, intervals and their
// arrays, numeric[]): a statement run straight on the driver must read the same.
const AS_TEXT = new Set([1082, 1114, 1184, 1186, 1115, 1182, 1185, 1187, 1231]);
const RAW_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (AS_TEXT.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format)),
};

type DriverInternals = {
  session: {
    client: unknown;
    prepareQuery(q: unknown, fields: undefined, name: string, arrayMode: boolean): { execute(values: Record<string, unknown>): Promise<unknown> };
  };
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
};

/**
 * A parameter the driver cannot write fails the statement before it is sent, and the
 * driver closes the statement on the server but goes on believing it is prepared: every
 * later use on that connection would fail. Forget it, so the next use prepares it again.
 * (Only the driver's own errors: the server's carry a severity.)
 */
function forgetRefused(client: pg.Client, name: string, err: unknown) {
  if ((err as { severity?: unknown } | null)?.severity !== undefined) return;
  const connection = (client as unknown as { connection: { parsedStatements?: Record<string, unknown>; submittedNamedStatements?: Record<string, unknown> } })
    .connection;
  delete connection.parsedStatements?.[name];
  delete connection.submittedNamedStatements?.[name];
}

/**
 * A hot statement, run as a named prepared statement: PostgreSQL parses and plans it once
 * per connection instead of at every call, and its text is compiled from the drizzle
 * template once per process instead of at every call (a posting statement has hundreds
 * of template parts). What varies is written as `arg('name')` and given at each call.
 * On PostgreSQL it goes straight to the driver, which writes it to the socket before
 * returning (atCommit relies on that); on PGlite, through drizzle, the name ignored.
 */
export function defineStatement<A extends Record<string, unknown>>(name: string, build: (arg: (key: keyof A & string) => Placeholder) => SQL) {
  const query = build((key) => sql.placeholder(key));
  let compiled: { sql: string; params: unknown[]; slots: (string | undefined)[] } | undefined;
  return <T>(exec: Executor, args: A): Promise<{ rows: T[] }> => {
    const internals = exec as unknown as DriverInternals;
    if (!compiled) {
      const q = internals.dialect.sqlToQuery(query);
      compiled = { ...q, slots: q.params.map((p) => (is(p, Placeholder) ? p.name : undefined)) };
    }
    const client = internals.session.client;
    if (client instanceof pg.Client || client instanceof pg.Pool) {
      const { sql: text, params, slots } = compiled;
      const values = slots.map((slot, i) => {
        if (slot === undefined) return params[i];
        // As drizzle does on PGlite: a missing argument is a mistake, not a NULL.
        if (!(slot in args)) throw new Error(`${name}: no value for "${slot}"`);
        return args[slot];
      });
      const answer = client.query({ name, text, types: RAW_TYPES }, values) as unknown as Promise<{ rows: T[] }>;
      if (client instanceof pg.Client) answer.catch((err: unknown) => forgetRefused(client, name, err));
      return answer;
    }
    return internals.session.prepareQuery(compiled, undefined, name, false).execute(args) as Promise<{ rows: T[] }>;
  };
}

/**
 * Holds what a transaction writes to the server until the returned release is called,
 * so a statement and the COMMIT issued right behind it leave in one write. PostgreSQL
 * only (elsewhere it does nothing).
 */
export function holdWrites(exec: Executor): () => void {
  const client = (exec as unknown as DriverInternals).session.client;
  if (!(client instanceof pg.Client)) return () => {};
  const stream = (client as unknown as { connection: { stream: { cork?(): void; uncork?(): void } } }).connection.stream;
  if (!stream.cork || !stream.uncork) return () => {};
  stream.cork();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    stream.uncork?.();
  };
}
