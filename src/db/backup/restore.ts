// Bringing a backup back: into an empty embedded data folder, or an empty PostgreSQL
// database. Never over data: a restore that would overwrite something is refused, and
// one that fails part-way leaves the target as empty as it found it.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { acquireFolderLock } from '../folder-lock.js';
import { backupErrors } from './backup.errors.js';
import type { BackupFormat } from './backup-files.js';
import { runPgTool } from './pg-tools.js';

export type RestoreTarget = { kind: 'pglite'; dataDir: string } | { kind: 'pg'; url: string };

/** The kind of backup a file holds, by its first bytes: gzip (embedded) or pg_dump's archive. */
export function backupFormatOf(file: string): BackupFormat | undefined {
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (head.toString('latin1') === 'PGDMP') return 'pg';
  return undefined;
}

/** Where the embedded database keeps its files inside DATA_DIR (as openDatabase does). */
export const pgdataOf = (dataDir: string) => join(resolve(dataDir), 'pgdata');

export async function restoreBackup(file: string, target: RestoreTarget, pgBin?: string): Promise<void> {
  const path = resolve(file);
  if (!existsSync(path)) throw backupErrors.fileMissing(path);
  const made = backupFormatOf(path);
  if (!made) throw backupErrors.notABackup(path);
  if (made !== target.kind) throw backupErrors.wrongKind(path, made, target.kind);
  if (target.kind === 'pglite') await restoreEmbedded(path, target.dataDir);
  else await restoreServer(path, target.url, pgBin);
}

function folderHoldsData(dataDir: string): boolean {
  const pgdata = pgdataOf(dataDir);
  return existsSync(pgdata) && readdirSync(pgdata).length > 0;
}

async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  // Asked first, so a folder in use by a running server is refused for what it is: not empty.
  if (folderHoldsData(dir)) throw backupErrors.targetNotEmpty(dir);
  let tar: Buffer;
  try {
    tar = gunzipSync(readFileSync(file));
  } catch {
    throw backupErrors.notABackup(file);
  }
  mkdirSync(dir, { recursive: true });
  const lock = acquireFolderLock(dir);
  try {
    if (folderHoldsData(dir)) throw backupErrors.targetNotEmpty(dir);
    const pgdata = pgdataOf(dir);
    try {
      const client = await PGlite.create({ dataDir: pgdata, loadDataDir: new Blob([new Uint8Array(tar.buffer as ArrayBuffer, tar.byteOffset, tar.length)]) });
      try {
        // Starts the copied database and reads from it: a tarball that is not a data folder fails here.
        await client.query('SELECT count(*) FROM pg_class');
      } finally {
        await client.close();
      }
    } catch (err) {
      rmSync(pgdata, { recursive: true, force: true });
      throw backupErrors.restoreFailed(err instanceof Error ? err.message : String(err));
    }
  } finally {
    lock.release();
  }
}

// Anything a user made: a table, sequence, view or type outside the system schemas, or a schema of its own.
const USER_OBJECTS = `
  SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')
       + (SELECT count(*) FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%') AS n`;

async function databaseHoldsData(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(USER_OBJECTS);
    return Number(rows[0].n) > 0;
  } finally {
    await client.end();
  }
}

async function restoreServer(file: string, url: string, pgBin: string | undefined): Promise<void> {
  if (await databaseHoldsData(url)) {
    const u = new URL(url);
    throw backupErrors.targetNotEmpty(`PostgreSQL ${u.host}${u.pathname}`);
  }
  // One transaction: an error anywhere undoes everything pg_restore wrote.
  await runPgTool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', file], url, pgBin, backupErrors.restoreFailed);
}
