// Runs PostgreSQL's own client tools (pg_dump, pg_restore) against a connection string.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { backupErrors } from './backup.errors.js';

export type PgTool = 'pg_dump' | 'pg_restore';

/**
 * The password travels in PGPASSWORD, not on the command line, where any user of the
 * machine could read it in the process list.
 */
export function toolConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs the tool; a failure throws with the tool's own words (its stderr). */
export function runPgTool(tool: PgTool, args: string[], url: string, pgBin: string | undefined, fail: (why: string) => Error): Promise<void> {
  const { dbname, env } = toolConnection(url);
  const path = pgBin ? join(pgBin, tool) : tool;
  return new Promise((resolve, reject) => {
    execFile(path, [`--dbname=${dbname}`, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(backupErrors.toolMissing(tool));
      reject(fail(String(stderr).trim() || err.message));
    });
  });
}
