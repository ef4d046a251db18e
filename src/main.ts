// Command line: serve | migrate | demo | check.
import { serve } from '@hono/node-server';
import { config } from './config.js';
import { AppError } from './core/errors.js';
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
  const app = createApp(db);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
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
  });
  const stop = async () => {
    server.close();
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

const commands: Record<string, () => Promise<void>> = { serve: cmdServe, migrate: cmdMigrate, demo: cmdDemo, check: cmdCheck, rebuild: cmdRebuild };

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
