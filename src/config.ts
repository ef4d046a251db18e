// Settings from the environment, read in one place.
import { resolve } from 'node:path';

export const config = {
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: resolve(process.env.DATA_DIR ?? 'data'),
  databaseUrl: process.env.DATABASE_URL || undefined,
  adminPassword: process.env.ERP_ADMIN_PASSWORD || undefined,
  /** Set to 1 to skip loading demo data on the first start of an embedded database. */
  noDemo: process.env.ERP_NO_DEMO === '1',
  /** 1: always mark the session cookie Secure (it is anyway when the request is HTTPS). */
  cookieSecure: process.env.ERP_COOKIE_SECURE === '1',
  /** 1: a reverse proxy in front of us is believed about the client (X-Forwarded-Proto, -Host). */
  trustProxy: process.env.ERP_TRUST_PROXY === '1',
  /** Origins besides our own whose pages may change data with a user's session (comma-separated). */
  allowedOrigins: originsOf(process.env.ERP_ALLOWED_ORIGINS),
  /** Folder the backups are written to (npm run backup, the daily backup, POST /api/v1/backups). */
  backupDir: resolve(process.env.ERP_BACKUP_DIR || 'backups'),
  /** How many backups of each kind are kept; older ones are deleted after each backup. */
  backupKeep: wholeNumber('ERP_BACKUP_KEEP', process.env.ERP_BACKUP_KEEP, 14),
  /** 0: the embedded database takes no daily backup of its own. */
  backupDaily: process.env.ERP_BACKUP_DAILY !== '0',
  /** Folder of pg_dump / pg_restore when they are not on the PATH. */
  pgBin: process.env.ERP_PG_BIN || undefined,
};

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: a whole number of at least 1, not ${value}`);
  return n;
}

function originsOf(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const origin = URL.canParse(s) ? new URL(s).origin : 'null';
      if (origin === 'null') throw new Error(`ERP_ALLOWED_ORIGINS: not an origin: ${s} (write it as https://erp.example.com)`);
      return origin;
    });
}
