// What a backup file is called, which ones the keep-last-N rule deletes, and when the
// daily backup is due. Pure: no files, no clock.
//
// A name carries the office's time (UTC+8, as every date the clerk sees) to the second:
// erp-backup-20261126-163005.tar.gz (embedded: a gzipped tarball of the PGlite data
// folder) or erp-backup-20261126-163005.dump (PostgreSQL: pg_dump's custom format); a
// second backup within the same second gets -2, -3…. Only names of exactly this shape
// are ours: the pruning never deletes anything else a clerk put in the folder.

export type BackupFormat = 'pglite' | 'pg';

export const DAY_MS = 86_400_000;
const OFFICE_OFFSET_MS = 8 * 3600_000;
/** A newest backup dated further ahead than this means the clock went back, not drift. */
const CLOCK_SLACK_MS = 3600_000;

const EXTENSION: Record<BackupFormat, string> = { pglite: '.tar.gz', pg: '.dump' };
const NAME = /^erp-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{1,4}))?(\.tar\.gz|\.dump)$/;

export interface ParsedBackupName {
  at: Date;
  format: BackupFormat;
  seq: number;
}

export function backupFileName(format: BackupFormat, at: Date, seq = 1): string {
  const office = new Date(at.getTime() + OFFICE_OFFSET_MS).toISOString(); // 2026-11-26T16:30:05.123Z
  const stamp = `${office.slice(0, 4)}${office.slice(5, 7)}${office.slice(8, 10)}-${office.slice(11, 13)}${office.slice(14, 16)}${office.slice(17, 19)}`;
  return `erp-backup-${stamp}${seq > 1 ? `-${seq}` : ''}${EXTENSION[format]}`;
}

export function parseBackupName(name: string): ParsedBackupName | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, seq, ext] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`;
  const at = new Date(iso);
  // 20261340-250000 parses to some other day; a name is ours only if it says what it means.
  if (Number.isNaN(at.getTime()) || backupFileName('pg', at).slice(11, 26) !== `${y}${mo}${d}-${h}${mi}${s}`) return undefined;
  const n = seq === undefined ? 1 : Number(seq);
  if (n < 1) return undefined;
  return { at, format: ext === '.dump' ? 'pg' : 'pglite', seq: n };
}

const newestFirst = (a: ParsedBackupName, b: ParsedBackupName) => b.at.getTime() - a.at.getTime() || b.seq - a.seq;

/** Our backups in a folder listing, newest first. */
export function backupsNewestFirst(names: readonly string[]): { name: string; parsed: ParsedBackupName }[] {
  return names
    .map((name) => ({ name, parsed: parseBackupName(name) }))
    .filter((x): x is { name: string; parsed: ParsedBackupName } => x.parsed !== undefined)
    .sort((a, b) => newestFirst(a.parsed, b.parsed));
}

/**
 * The backups to delete so that the newest `keep` of each kind remain. Each kind counts
 * apart: moving an installation to PostgreSQL must not delete its embedded backups.
 */
export function filesToPrune(names: readonly string[], keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be a whole number of at least 1 (got ${keep})`);
  const seen: Record<BackupFormat, number> = { pglite: 0, pg: 0 };
  const doomed: string[] = [];
  for (const { name, parsed } of backupsNewestFirst(names)) {
    seen[parsed.format] += 1;
    if (seen[parsed.format] > keep) doomed.push(name);
  }
  return doomed;
}

/**
 * Whether the daily backup is due: none yet, or the newest is `every` old or older. A
 * newest dated well in the future (the clock was put back) makes one due too, or the
 * backups would stop until the clock caught up.
 */
export function backupDue(newest: Date | undefined, now: Date, every = DAY_MS): boolean {
  if (!newest) return true;
  const age = now.getTime() - newest.getTime();
  return age >= every || age < -CLOCK_SLACK_MS;
}
