import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';

// The embedded database's folder lock: this test opens PGlite folders of its own, so it
// means the same whichever database the rest of the run uses.
describe('embedded database folder', () => {
  it('a second opener of the same folder is refused with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'erp-lock-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await migrateDatabase(first);
      const err = await openDatabase({ dataDir: dir }).catch((e) => e);
      expect(err.code).toBe('DATA_DIR_LOCKED');
      expect(err.messageZh).toContain('已在本进程中打开');
      await first.close();
      // Released on close: it opens again, with the data still there.
      const again = await openDatabase({ dataDir: dir });
      const res = (await again.orm.execute('SELECT count(*)::int AS n FROM companies')) as unknown as { rows: { n: number }[] };
      expect(Number(res.rows[0].n)).toBe(0);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder held by another live process is refused, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'erp-lock-'));
    try {
      // The parent of this worker is alive and is not us: it stands for another server.
      writeFileSync(join(dir, 'erp.lock'), String(process.ppid));
      const err = await openDatabase({ dataDir: dir }).catch((e) => e);
      expect(err.code).toBe('DATA_DIR_LOCKED');
      expect(err.messageZh).toContain(`PID ${process.ppid}`);
      expect(err.messageEn).toMatch(/in use by another process/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a stale lock left by a dead process is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'erp-lock-'));
    try {
      writeFileSync(join(dir, 'erp.lock'), '999999999');
      const db = await openDatabase({ dataDir: dir });
      // The lock now names this process.
      expect(readFileSync(join(dir, 'erp.lock'), 'utf8').trim()).toBe(String(process.pid));
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
