// `npm run soak`: the project's own resilience suite (issue 10.11), on the embedded
// database and on a private PostgreSQL cluster.
//
//   npm run soak                         short run on both databases (CI)
//   npm run soak -- --long               ≥ 10,000 operations per database
//   npm run soak -- --db=pglite|pg       one database
//   npm run soak -- --ops=3000 --clients=8 --seed=42 --no-kills --no-fuzz --fuzz-only
//
// 1. Eight clients run fast-check command lists (master data, orders, bills, returns,
//    settlements, audits, un-audits) over the HTTP API of a real server process, every
//    write with an Idempotency-Key, against a model of what the server acknowledged.
// 2. Meanwhile the server is killed with SIGKILL at random moments (on PostgreSQL the
//    postmaster too) and started again; the clients retry lost answers with their keys.
//    Afterwards: every acknowledged document exactly once, as acknowledged; books as the
//    acknowledged documents make them; every key replays; the invariant checker is clean.
// 3. A fuzz pass generated from /api/openapi.json over every route: no 5xx, every refusal
//    {error:{code,message,messageEn}}, and nothing written by a refusal.
// Prints a table; exits 1 on any violation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.js';
import { checkInvariants } from '../../src/ledger/invariants.js';
import { type FuzzResult, runFuzz } from './fuzz.js';
import { Target } from './http.js';
import { commandLists, DeadlockMeter, type Killing, OPENING_CASH, runLoad, setUp } from './load.js';
import { startPgCluster } from './pg-cluster.js';
import { emptyFindings, type Findings, verify } from './verify.js';

type DbKind = 'pglite' | 'pg';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const long = flag('long');
const dbs: DbKind[] = option('db') === 'pglite' ? ['pglite'] : option('db') === 'pg' ? ['pg'] : ['pglite', 'pg'];
const clients = Number(option('clients') ?? 8);
const operations = Number(option('ops') ?? (long ? 10_000 : 1_200));
const seed = Number(option('seed') ?? Date.now() % 1_000_000);
const kills = !flag('no-kills');
const fuzz = !flag('no-fuzz');
const fuzzOnly = flag('fuzz-only');
const ADMIN_PASSWORD = 'soak-admin-password';

const log = (s: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${s}`);

export interface Result {
  db: DbKind;
  operations: number;
  acknowledged: number;
  killing: Killing;
  clients: number;
  lostAnswers: number;
  unavailable: number;
  findings: Findings;
  stuckKeys: string[];
  serverErrors: string[];
  badRefusals: string[];
  unanswered: string[];
  deadlocks: number | null;
  invariants: string[];
  refusals: Map<string, number>;
  fuzz?: FuzzResult;
  seconds: number;
}

async function soakOn(db: DbKind): Promise<Result> {
  const started = Date.now();
  const tag = `SK${(Date.now() % 1e8).toString(36).toUpperCase()}`;
  const cluster = db === 'pg' ? await startPgCluster() : undefined;
  const url = cluster ? await cluster.createDatabase('soak') : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'erp-soak-data-'));
  const target = new Target({ dataDir, adminPassword: ADMIN_PASSWORD, env: url ? { DATABASE_URL: url } : {} });
  const killing: Killing = { serverKills: 0, dbKills: 0, deadlocksCounted: 0 };
  const meter = cluster ? new DeadlockMeter(cluster.url('postgres'), 'soak') : undefined;
  try {
    const fuzzed = async () => {
      if (!fuzz) return undefined;
      log(`${db}: fuzz pass over every route of /api/openapi.json${long ? ' (every value)' : ''}`);
      const r = await runFuzz(db, { url: cluster ? await cluster.createDatabase('fuzz') : undefined, long, seed, log });
      log(`${db}: fuzz done: ${r.requests} requests over ${r.routes} routes in ${r.seconds} s`);
      return r;
    };
    if (fuzzOnly) return { ...emptyResult(db), fuzz: await fuzzed(), seconds: Math.round((Date.now() - started) / 1000) };
    log(`${db}: starting the server${cluster ? ` on a private PostgreSQL (port ${cluster.port})` : ` on ${dataDir}`}`);
    await target.start();
    await meter?.start();
    const soak = await setUp(target, ADMIN_PASSWORD, clients, tag);
    log(`${db}: ${clients} clients, ${operations} operations, seed ${seed}${kills ? ', with kills' : ''}`);
    // More commands than needed: the run stops at the operation count.
    const lists = commandLists(seed, clients, Math.ceil((operations / clients) * 2) + 10);
    await runLoad(soak, lists, target, {
      operations,
      kills,
      gapMs: long ? [8_000, 40_000] : [5_000, 15_000],
      seed,
      cluster,
      meter,
      killing,
      log,
    });
    log(`${db}: load done (${soak.reg.operations} operations, ${killing.serverKills} server kills, ${killing.dbKills} database kills); verifying`);
    const findings = await verify(soak.reg, soak.clients, tag, OPENING_CASH, soak.world.accountId);
    await meter?.sample();
    log(`${db}: running the invariant checker`);
    // PGlite is one process's: the server lets go of the folder first.
    if (!url) await target.stop();
    const checked = await openDatabase(url ? { url, poolSize: 2 } : { dataDir });
    const violations = await checkInvariants(checked.orm);
    await checked.close();
    const fuzzResult = await fuzzed();
    return {
      db,
      operations: soak.reg.operations,
      acknowledged: soak.reg.acknowledged,
      killing,
      clients,
      lostAnswers: soak.stats.lostAnswers,
      unavailable: soak.stats.unavailable,
      findings,
      stuckKeys: soak.stats.stuckKeys,
      serverErrors: soak.stats.serverErrors,
      badRefusals: soak.stats.badRefusals,
      unanswered: soak.stats.unanswered,
      deadlocks: cluster ? Math.max(meter?.total ?? 0, cluster.deadlocksLogged()) : null,
      invariants: violations.map((v) => `${v.rule}: ${JSON.stringify(v.detail)}`),
      refusals: soak.stats.refusals,
      fuzz: fuzzResult,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } catch (err) {
    console.error(`soak: ${db} failed:`, err);
    console.error(`server log (last part):\n${target.log().slice(-5000)}`);
    throw err;
  } finally {
    await target.stop().catch(() => {});
    await cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function emptyResult(db: DbKind): Result {
  return {
    db,
    operations: 0,
    acknowledged: 0,
    killing: { serverKills: 0, dbKills: 0, deadlocksCounted: 0 },
    clients: 0,
    lostAnswers: 0,
    unavailable: 0,
    findings: emptyFindings(),
    stuckKeys: [],
    serverErrors: [],
    badRefusals: [],
    unanswered: [],
    deadlocks: null,
    invariants: [],
    refusals: new Map(),
    seconds: 0,
  };
}

function violationsOf(r: Result): [string, string[]][] {
  return [
    ['lost', r.findings.lost],
    ['duplicated', r.findings.duplicated],
    ['never acknowledged, yet written', r.findings.ghosts],
    ['not as acknowledged', r.findings.mismatched],
    ['books', r.findings.books],
    ['replays', r.findings.replays],
    ['stuck keys', r.stuckKeys],
    ['5xx', r.serverErrors],
    ['refusals without a code', r.badRefusals],
    ['unanswered', r.unanswered],
    ['invariants', r.invariants],
    ['deadlocks', r.deadlocks ? [`${r.deadlocks} deadlock(s)`] : []],
    ['fuzz: 5xx', r.fuzz?.serverErrors ?? []],
    ['fuzz: refusals without a code', r.fuzz?.badRefusals ?? []],
    ['fuzz: written by a refusal', r.fuzz?.writtenByRefusal ?? []],
    ['fuzz: routes not reached', r.fuzz?.unreached ?? []],
  ];
}

function printTable(all: Result[]) {
  const results = all.filter((r) => r.operations > 0);
  const head = [
    'database',
    'operations',
    'kills (server/db)',
    'clients',
    'acknowledged',
    'answers lost→retried',
    'lost',
    'duplicated',
    'stuck keys',
    'deadlocks',
    '5xx',
    'invariants',
    'seconds',
  ];
  const rows = results.map((r) => [
    r.db === 'pg' ? 'postgresql' : 'pglite',
    String(r.operations),
    `${r.killing.serverKills}/${r.killing.dbKills}`,
    String(r.clients),
    String(r.acknowledged),
    String(r.lostAnswers),
    String(r.findings.lost.length),
    String(r.findings.duplicated.length),
    String(r.stuckKeys.length),
    r.deadlocks === null ? '—' : String(r.deadlocks),
    String(r.serverErrors.length),
    r.invariants.length ? `${r.invariants.length} violated` : 'clean',
    String(r.seconds),
  ]);
  console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  const fuzzed = all.filter((r) => r.fuzz);
  if (fuzzed.length) {
    console.log(
      '\n| database | routes | fuzz requests | accepted | refused | 5xx | refusals without a code | written by a refusal |\n|---|---|---|---|---|---|---|---|',
    );
    for (const r of fuzzed) {
      const f = r.fuzz as FuzzResult;
      console.log(
        `| ${r.db === 'pg' ? 'postgresql' : 'pglite'} | ${f.routes} | ${f.requests} | ${f.accepted} | ${f.refused} | ${f.serverErrors.length} | ${f.badRefusals.length} | ${f.writtenByRefusal.length} |`,
      );
    }
  }
  for (const r of results) {
    console.log(
      `\n${r.db}: ${r.findings.replayed} keys replayed, ${r.unavailable} answers 503 while the database was away, mismatched ${r.findings.mismatched.length}, ghosts ${r.findings.ghosts.length}, books ${r.findings.books.length}`,
    );
    console.log(`${r.db} refusals: ${[...r.refusals].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  }
}

async function main() {
  const results: Result[] = [];
  for (const db of dbs) results.push(await soakOn(db));
  printTable(results);
  let failed = false;
  for (const r of results) {
    for (const [what, list] of violationsOf(r)) {
      if (list.length === 0) continue;
      failed = true;
      console.error(`\n✗ ${r.db}: ${what} (${list.length})`);
      for (const x of list.slice(0, 15)) console.error(`  - ${x}`);
    }
  }
  if (failed) process.exit(1);
  console.log('\nsoak: every acknowledged document once, as acknowledged; every key replays; invariants clean.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
