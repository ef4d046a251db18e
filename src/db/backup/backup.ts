// Taking a backup: a dump of the whole database to a dated file in the backups folder,
// then the keep-last-N rule, and a line in the folder's backup.log either way.
//
// Embedded: the tarball of PGlite's data folder taken inside the running process
// (Database.dumpDataDir), gzipped. PostgreSQL: pg_dump's custom format, which reads
// the whole database in one snapshot. Both are consistent: they hold every transaction
// committed before the dump began and nothing of one still open.
import { appendFileSync, closeSync, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database } from '../database.js';
import { backupErrors } from './backup.errors.js';
import { type BackupFormat, backupFileName, backupsNewestFirst, filesToPrune } from './backup-files.js';
import { runPgTool } from './pg-tools.js';

export interface BackupSettings {
  /** Folder the backups are written to. */
  dir: string;
  /** How many backups of each kind to keep (the oldest beyond are deleted). */
  keep: number;
  /** Folder of pg_dump / pg_restore when they are not on the PATH. */
  pgBin?: string;
}

/** Who asked: `npm run backup`, the server's daily schedule, or a user through the API. */
export type BackupTrigger = 'command' | 'daily' | 'api';

export interface BackupRecord {
  name: string;
  path: string;
  format: BackupFormat;
  bytes: number;
  /** When the dump began (ISO). */
  at: string;
  ms: number;
  trigger: BackupTrigger;
  by?: string;
  /** Older backups deleted by the keep-last-N rule. */
  pruned: string[];
}

export const BACKUP_LOG = 'backup.log';

export interface BackupListing {
  name: string;
  format: BackupFormat;
  at: string;
  bytes: number;
}

/** Our backups in the folder, newest first (an absent folder has none). */
export function listBackups(dir: string): BackupListing[] {
  if (!existsSync(dir)) return [];
  return backupsNewestFirst(readdirSync(dir)).map(({ name, parsed }) => ({
    name,
    format: parsed.format,
    at: parsed.at.toISOString(),
    bytes: statSync(join(dir, name)).size,
  }));
}

const formatOf = (db: Database): BackupFormat => (db.kind === 'pg' ? 'pg' : 'pglite');

/** When the newest backup of this database's kind was taken, if there is one. */
export function newestBackupAt(dir: string, db: Database): Date | undefined {
  return listBackups(dir)
    .filter((b) => b.format === formatOf(db))
    .map((b) => new Date(b.at))[0];
}

// One backup at a time per process: two at once would only race for a name and double the load.
let queue: Promise<unknown> = Promise.resolve();

export interface BackupRequest {
  trigger: BackupTrigger;
  by?: string;
  /** The instant the file is named after (default: now). */
  now?: Date;
  /** Where progress goes besides backup.log (default: the console). */
  log?: (line: string) => void;
}

export function writeBackup(db: Database, settings: BackupSettings, request: BackupRequest): Promise<BackupRecord> {
  const run = queue.then(() => backUp(db, settings, request));
  queue = run.catch(() => undefined);
  return run;
}

async function backUp(db: Database, settings: BackupSettings, request: BackupRequest): Promise<BackupRecord> {
  const dir = resolve(settings.dir);
  const log = request.log ?? ((line: string) => console.log(line));
  const at = request.now ?? new Date();
  const started = Date.now();
  const format = formatOf(db);
  mkdirSync(dir, { recursive: true });
  let name = backupFileName(format, at);
  for (let seq = 2; existsSync(join(dir, name)); seq++) name = backupFileName(format, at, seq);
  const path = join(dir, name);
  // Written under another name and renamed when complete: a file named like a backup is one.
  const partial = `${path}.partial`;
  const who = `${request.trigger}${request.by ? ` by ${request.by}` : ''}`;
  try {
    if (format === 'pglite') await dumpEmbedded(db, partial);
    else await runPgTool('pg_dump', ['--format=custom', `--file=${partial}`], requireUrl(db), settings.pgBin, backupErrors.failed);
    syncFile(partial);
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    const why = err instanceof Error ? err.message : String(err);
    writeLog(dir, `${at.toISOString()}  FAILED  ${who}  ${why.replace(/\s+/g, ' ')}`, log);
    throw err;
  }
  const pruned = filesToPrune(readdirSync(dir), settings.keep);
  for (const old of pruned) rmSync(join(dir, old), { force: true });
  const record: BackupRecord = {
    name,
    path,
    format,
    bytes: statSync(path).size,
    at: at.toISOString(),
    ms: Date.now() - started,
    trigger: request.trigger,
    by: request.by,
    pruned,
  };
  writeLog(
    dir,
    `${record.at}  ok  ${who}  ${name}  ${megabytes(record.bytes)}  ${(record.ms / 1000).toFixed(1)} s${pruned.length ? `  deleted (keep ${settings.keep}): ${pruned.join(', ')}` : ''}`,
    log,
  );
  return record;
}

function requireUrl(db: Database): string {
  if (!db.url) throw backupErrors.failed('no connection string for pg_dump');
  return db.url;
}

async function dumpEmbedded(db: Database, file: string): Promise<void> {
  if (!db.dumpDataDir) throw backupErrors.failed('this database cannot dump its data folder');
  // The tarball is taken with queries held; compressing it happens after, with them running.
  const tar = Buffer.from(await (await db.dumpDataDir()).arrayBuffer());
  await pipeline(Readable.from([tar]), createGzip(), createWriteStream(file));
}

/** On disk before it is renamed into place: a power cut must not leave a named, empty file. */
function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeLog(dir: string, line: string, log: (line: string) => void): void {
  log(`[backup] ${line}`);
  try {
    appendFileSync(join(dir, BACKUP_LOG), `${line}\n`);
  } catch {
    // The backup itself stands or falls on its own; a full disk shows in the line above.
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
