// The embedded database backs itself up once a day, in the server process that holds it:
// at start when the newest backup is a day old (or there is none), then whenever the
// hourly look finds the newest a day old again. Looking every hour instead of sleeping
// 24 hours keeps the rhythm through a machine that slept or a clock that moved.
import type { Database } from '../database.js';
import { type BackupRecord, type BackupSettings, newestBackupAt, writeBackup } from './backup.js';
import { backupDue, DAY_MS } from './backup-files.js';

/** Takes the daily backup if one is due at `now`; answers what it wrote, if anything. */
export async function backUpIfDue(db: Database, settings: BackupSettings, now: Date, log?: (line: string) => void): Promise<BackupRecord | undefined> {
  if (!backupDue(newestBackupAt(settings.dir, db), now, DAY_MS)) return undefined;
  return writeBackup(db, settings, { trigger: 'daily', now, log });
}

export interface DailyBackups {
  /** Stops looking and waits for a backup under way to finish (before the database closes). */
  stop(): Promise<void>;
}

export function startDailyBackups(
  db: Database,
  settings: BackupSettings,
  options: { lookEveryMs?: number; now?: () => Date; log?: (line: string) => void } = {},
): DailyBackups {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const look = () => {
    if (stopped) return;
    // A failure is in backup.log and on the console; the server goes on, and the next look tries again.
    running = running.then(() => backUpIfDue(db, settings, now(), log)).catch(() => undefined);
  };
  look();
  const timer = setInterval(look, options.lookEveryMs ?? 3600_000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
