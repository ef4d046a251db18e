// 10.10 Backups: how backup files are named, which ones the keep-last-N rule deletes, and
// when the daily backup is due. Pure rules, no files and no clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupDue, backupFileName, DAY_MS, filesToPrune, parseBackupName } from '../../src/db/backup/backup-files.js';

describe('10.10 backup file names', () => {
  it('10.10 a name carries the office time (UTC+8) of the backup and the database kind', () => {
    const at = new Date('2026-11-26T08:30:05Z');
    expect(backupFileName('pglite', at)).toBe('erp-backup-20261126-163005.tar.gz');
    expect(backupFileName('pg', at)).toBe('erp-backup-20261126-163005.dump');
    expect(backupFileName('pg', at, 2)).toBe('erp-backup-20261126-163005-2.dump');
    // 16:00 UTC is already the next office day.
    expect(backupFileName('pglite', new Date('2026-12-31T16:00:00Z'))).toBe('erp-backup-20270101-000000.tar.gz');
  });

  it('10.10 a name reads back to its instant, kind and sequence; anything else is not ours', () => {
    expect(parseBackupName('erp-backup-20261126-163005.tar.gz')).toEqual({ at: new Date('2026-11-26T08:30:05Z'), format: 'pglite', seq: 1 });
    expect(parseBackupName('erp-backup-20261126-163005-3.dump')).toEqual({ at: new Date('2026-11-26T08:30:05Z'), format: 'pg', seq: 3 });
    for (const other of [
      'erp-backup-20261126-163005.tar.gz.partial',
      'my-copy.tar.gz',
      'erp-backup-2026112-163005.dump',
      'erp-backup-20261126-163005.zip',
      'backup.log',
      'erp-backup-20261340-250000.dump',
    ]) {
      expect(parseBackupName(other)).toBeUndefined();
    }
  });

  it('10.10 every instant and sequence round-trips through the name (to the second)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('pglite' as const, 'pg' as const),
        fc.integer({ min: 1, max: 99 }),
        (at, format, seq) => {
          const parsed = parseBackupName(backupFileName(format, at, seq));
          expect(parsed).toEqual({ at: new Date(Math.floor(at.getTime() / 1000) * 1000), format, seq });
        },
      ),
    );
  });
});

describe('10.10 keep the last N backups', () => {
  const nameAt = (iso: string, format: 'pglite' | 'pg' = 'pglite', seq = 1) => backupFileName(format, new Date(iso), seq);

  it('10.10 deletes the oldest beyond N and nothing that is not a backup of ours', () => {
    const names = [
      nameAt('2026-11-20T01:00:00Z'),
      nameAt('2026-11-22T01:00:00Z'),
      'notes.txt',
      nameAt('2026-11-21T01:00:00Z'),
      'backup.log',
      nameAt('2026-11-23T01:00:00Z'),
      `${nameAt('2026-11-01T01:00:00Z')}.partial`,
      'erp-backup-before-upgrade.tar.gz',
    ];
    expect(filesToPrune(names, 2).sort()).toEqual([nameAt('2026-11-20T01:00:00Z'), nameAt('2026-11-21T01:00:00Z')].sort());
    expect(filesToPrune(names, 4)).toEqual([]);
    expect(filesToPrune(names, 10)).toEqual([]);
  });

  it('10.10 two backups in the same second are ordered by their sequence', () => {
    const a = nameAt('2026-11-20T01:00:00Z', 'pglite', 1);
    const b = nameAt('2026-11-20T01:00:00Z', 'pglite', 2);
    expect(filesToPrune([b, a], 1)).toEqual([a]);
  });

  it('10.10 each database kind keeps its own N (a switch to PostgreSQL does not delete the embedded backups)', () => {
    const lite = [nameAt('2026-11-20T01:00:00Z'), nameAt('2026-11-21T01:00:00Z')];
    const pg = [nameAt('2026-11-22T01:00:00Z', 'pg'), nameAt('2026-11-23T01:00:00Z', 'pg'), nameAt('2026-11-24T01:00:00Z', 'pg')];
    expect(filesToPrune([...lite, ...pg], 2)).toEqual([pg[0]]);
  });

  it('10.10 refuses a keep of less than one (that would delete the backup just taken)', () => {
    expect(() => filesToPrune([nameAt('2026-11-20T01:00:00Z')], 0)).toThrow(/at least 1/);
  });

  it('10.10 property: what is kept is exactly the newest N of each kind; other files are never touched', () => {
    const stamp = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / 1000, max: Date.parse('2030-01-01T00:00:00Z') / 1000 });
    const ours = fc.record({ s: stamp, format: fc.constantFrom('pglite' as const, 'pg' as const), seq: fc.integer({ min: 1, max: 3 }) });
    const foreign = fc.string({ maxLength: 30 }).filter((n) => parseBackupName(n) === undefined);
    fc.assert(
      fc.property(
        fc.uniqueArray(ours, { selector: (o) => `${o.s}-${o.format}-${o.seq}`, maxLength: 40 }),
        fc.array(foreign, { maxLength: 5 }),
        fc.integer({ min: 1, max: 15 }),
        (backups, others, keep) => {
          const names = backups.map((o) => backupFileName(o.format, new Date(o.s * 1000), o.seq));
          const pruned = new Set(filesToPrune([...names, ...others], keep));
          for (const other of others) expect(pruned.has(other)).toBe(false);
          for (const format of ['pglite', 'pg'] as const) {
            const mine = backups.filter((o) => o.format === format).sort((x, y) => y.s - x.s || y.seq - x.seq);
            const expectedKept = mine.slice(0, keep).map((o) => backupFileName(format, new Date(o.s * 1000), o.seq));
            const kept = names.filter((n) => parseBackupName(n)?.format === format && !pruned.has(n));
            expect(kept.sort()).toEqual(expectedKept.sort());
          }
        },
      ),
    );
  });
});

describe('10.10 the daily backup is due', () => {
  const now = new Date('2026-11-26T08:00:00Z');
  it('10.10 when there is none yet, or the newest is a day old or more; not before', () => {
    expect(backupDue(undefined, now)).toBe(true);
    expect(backupDue(new Date(now.getTime() - DAY_MS), now)).toBe(true);
    expect(backupDue(new Date(now.getTime() - DAY_MS - 1), now)).toBe(true);
    expect(backupDue(new Date(now.getTime() - DAY_MS + 1000), now)).toBe(false);
    expect(backupDue(new Date(now.getTime() - 3600_000), now)).toBe(false);
  });

  it('10.10 a newest backup dated in the future (the clock was put back) makes one due, not a silent pause for ever', () => {
    expect(backupDue(new Date(now.getTime() + 2 * DAY_MS), now)).toBe(true);
    // A few minutes ahead is ordinary clock drift between the name and now.
    expect(backupDue(new Date(now.getTime() + 60_000), now)).toBe(false);
  });
});
