// Command line: serve | migrate | demo | check | rebuild | backup | restore.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { config } from './config.js';
import { AppError } from './core/errors.js';
import { type BackupRecord, type BackupSettings, writeBackup } from './db/backup/backup.js';
import { type DailyBackups, startDailyBackups } from './db/backup/daily-backup.js';
import { pgdataOf, restoreBackup } from './db/backup/restore.js';
import { askServerToBackUp, localUrl, newChannelToken, publishChannel } from './db/backup/server-channel.js';
import { type Database, migrateDatabase, openDatabase } from './db/database.js';
import { createApp } from './http/app.js';
import { checkInvariants } from './ledger/invariants.js';
import { compareBalances, restoreBalances } from './ledger/rebuild.js';
import { ensureInstalled } from './modules/auth/install.js';
import { DEMO_PASSWORD, loadDemoData } from './modules/demo/demo-data.js';

async function open(): Promise<Database> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(db);
  return db;
}

const backupSettings: BackupSettings = { dir: config.backupDir, keep: config.backupKeep, pgBin: config.pgBin };

function where(db: Database) {
  return db.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite 嵌入式数据库 embedded database at ${config.dataDir}`;
}

async function cmdServe() {
  const db = await open();
  const install = await ensureInstalled(db, config.adminPassword);
  let demo = false;
  if (install.created && db.kind === 'pglite' && !config.noDemo) {
    await loadDemoData(db, install.companyId);
    demo = true;
  }
  // The embedded database can be backed up only from inside this process: `npm run backup`
  // asks through the API with a token published in DATA_DIR (server-channel.ts).
  const localToken = db.kind === 'pglite' ? newChannelToken() : undefined;
  const app = createApp(db, { backups: backupSettings, localToken });
  let unpublish = () => {};
  let daily: DailyBackups | undefined;
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    if (localToken) unpublish = publishChannel(config.dataDir, { pid: process.pid, url: localUrl(config.host, info.port), token: localToken });
    const url = `http://localhost:${info.port}`;
    console.log(`\n进销存 ERP 已启动 / started — ${where(db)}`);
    console.log(`  网页 Web UI:   ${url}`);
    console.log(`  API 文档 docs: ${url}/api/docs`);
    if (install.adminPassword) {
      console.log(`  管理员 admin:  用户名 admin  密码 ${install.adminPassword}   (只显示这一次 shown once; set ERP_ADMIN_PASSWORD to choose it)`);
    } else if (install.created) {
      console.log('  管理员 admin:  用户名 admin  密码 = ERP_ADMIN_PASSWORD');
    } else {
      console.log('  登录 log in:   用户名 admin (password chosen at first start)');
    }
    if (demo) console.log(`  演示数据 demo: loaded; demo users caigou, cangku, gendan, kaidan, caiwu, jingli… password ${DEMO_PASSWORD}`);
    if (db.kind === 'pglite' && config.backupDaily) {
      console.log(`  每日备份 daily backup: ${config.backupDir} (keep ${config.backupKeep}; log ${config.backupDir}/backup.log)`);
      daily = startDailyBackups(db, backupSettings);
    }
  });
  const stop = async () => {
    server.close();
    unpublish();
    await daily?.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function cmdMigrate() {
  const db = await open();
  console.log(`migrated: ${where(db)}`);
  await db.close();
}

async function cmdDemo() {
  const db = await open();
  const install = await ensureInstalled(db, config.adminPassword);
  if (install.adminPassword) console.log(`admin password: ${install.adminPassword} (shown once)`);
  const result = await loadDemoData(db, install.companyId);
  console.log(
    result.loaded
      ? `demo data loaded into company ${result.companyName}; demo users' password: ${DEMO_PASSWORD}`
      : `demo data already present in ${result.companyName}`,
  );
  await db.close();
}

async function cmdCheck() {
  const db = await open();
  const violations = await checkInvariants(db.orm);
  await db.close();
  if (violations.length === 0) {
    console.log(`invariants hold: ${where(db)}`);
    return;
  }
  console.error(`${violations.length} invariant violation(s):`);
  for (const v of violations) console.error(`- ${v.rule}: ${JSON.stringify(v.detail)}`);
  process.exit(1);
}

/** Rebuilds every balance from its ledger and compares; `--write` restores them. */
async function cmdRebuild() {
  const db = await open();
  const write = process.argv.includes('--write');
  const diffs = await compareBalances(db.orm);
  if (diffs.length === 0) {
    console.log(`balances rebuilt from the ledgers equal the live balances: ${where(db)}`);
  } else {
    console.error(`${diffs.length} balance(s) differ from their ledgers:`);
    for (const d of diffs.slice(0, 50))
      console.error(`- ${d.table} ${JSON.stringify(d.key)} live ${JSON.stringify(d.live)} rebuilt ${JSON.stringify(d.rebuilt)}`);
    if (write) console.log(`restored ${await restoreBalances(db.orm)} balance(s) from the ledgers`);
  }
  await db.close();
  if (diffs.length && !write) process.exit(1);
}

function printBackup(b: BackupRecord) {
  console.log(`备份完成 backup written: ${b.path}  (${(b.bytes / 1024 / 1024).toFixed(1)} MB, ${(b.ms / 1000).toFixed(1)} s)`);
  if (b.pruned.length) console.log(`  只保留最近 ${config.backupKeep} 份 kept the last ${config.backupKeep}; deleted: ${b.pruned.join(', ')}`);
}

/**
 * PostgreSQL: pg_dump, whether or not a server runs. Embedded: through the running server
 * when there is one (it holds the folder), else by opening the folder itself.
 */
async function cmdBackup() {
  if (!config.databaseUrl) {
    const answer = await askServerToBackUp(config.dataDir);
    if (answer.reached) {
      if (answer.ok) return printBackup(answer.backup);
      const e = answer.error as { code?: string; message?: string; messageEn?: string };
      throw new AppError(
        e.code ?? 'BACKUP_FAILED',
        500,
        `服务器未能备份：${e.message ?? answer.status}`,
        `The server could not back up: ${e.messageEn ?? answer.status}`,
      );
    }
  }
  // Opening an empty folder would make a new database: there is nothing to back up there.
  if (!config.databaseUrl && !existsSync(join(pgdataOf(config.dataDir), 'PG_VERSION'))) {
    throw new AppError('BACKUP_NOTHING_THERE', 404, `${config.dataDir} 里没有数据库，无可备份。`, `There is no database in ${config.dataDir} to back up.`);
  }
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    printBackup(await writeBackup(db, backupSettings, { trigger: 'command' }));
  } finally {
    await db.close();
  }
}

/** Restores FILE into DATA_DIR (embedded) or DATABASE_URL, both of which must be empty. */
async function cmdRestore() {
  const file = process.argv[3];
  if (!file) {
    console.error('usage: npm run restore <backup file>   (into DATA_DIR, or DATABASE_URL when set; the target must be empty)');
    process.exit(2);
  }
  const target = config.databaseUrl ? ({ kind: 'pg', url: config.databaseUrl } as const) : ({ kind: 'pglite', dataDir: config.dataDir } as const);
  await restoreBackup(resolve(file), target, config.pgBin);
  // Brought up to this version's schema, as a start would, and checked.
  const db = await open();
  try {
    const violations = await checkInvariants(db.orm);
    console.log(`已恢复 restored ${resolve(file)} into ${where(db)}`);
    if (violations.length) {
      console.error(`${violations.length} invariant violation(s) in the restored copy:`);
      for (const v of violations) console.error(`- ${v.rule}: ${JSON.stringify(v.detail)}`);
      process.exitCode = 1;
    } else {
      console.log('  账目检查通过 invariants hold');
    }
  } finally {
    await db.close();
  }
}

const commands: Record<string, () => Promise<void>> = {
  serve: cmdServe,
  migrate: cmdMigrate,
  demo: cmdDemo,
  check: cmdCheck,
  rebuild: cmdRebuild,
  backup: cmdBackup,
  restore: cmdRestore,
};

const name = process.argv[2] ?? 'serve';
const command = commands[name];
if (!command) {
  console.error(`usage: tsx src/main.ts <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
command().catch((err) => {
  if (err instanceof AppError) console.error(`\n${err.messageZh}\n${err.messageEn}`);
  else console.error(err);
  process.exit(1);
});
