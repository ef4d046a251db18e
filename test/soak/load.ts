// The load: eight clients, each its own user, run their fast-check command lists against
// one server at once, while a killer SIGKILLs the server (and, on PostgreSQL, the
// postmaster) at random moments and starts it again.
import fc from 'fast-check';
import pg from 'pg';
import { Decimal } from '../../src/core/decimal.js';
import { type Actor, Runner, SOAK_DATE, type SoakCmd, soakCommandArb, type World } from './commands.js';
import { SoakClient, Stats, type Target } from './http.js';
import { Registry } from './model.js';
import type { PgCluster } from './pg-cluster.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const OPENING_CASH = new Decimal('1000000.00');
const USER_PASSWORD = 'soak-password-1';

export interface Soak {
  reg: Registry;
  world: World;
  stats: Stats;
  actors: Actor[];
  runner: Runner;
  clients: SoakClient[];
}

/** A small seeded generator for the killer's timing (fast-check drives the commands). */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export async function setUp(target: Target, adminPassword: string, clients: number, tag: string): Promise<Soak> {
  const stats = new Stats();
  const makeClient = () => new SoakClient(target, stats);
  const admin = makeClient();
  await admin.login('admin', adminPassword);
  const roles = await admin.send('GET', '/roles?pageSize=500');
  const adminRole = roles.body.items.find((r: { code: string }) => r.code === 'admin').id;
  const reg = new Registry();
  const actors: Actor[] = [];
  for (let i = 0; i < clients; i++) {
    const username = `${tag}-u${i}`.toLowerCase();
    const u = await admin.send('POST', '/users', { username, displayName: `浸泡 ${i}`, password: USER_PASSWORD, roleIds: [adminRole] }, { retryLost: true });
    if (u.status !== 201) throw new Error(`soak: creating ${username}: ${u.status} ${JSON.stringify(u.body)}`);
    const c = makeClient();
    await c.login(username, USER_PASSWORD);
    actors.push({ index: i, client: c, peer: () => actors[(i + 1) % actors.length].client, tag, seq: 0 });
  }
  const wh = await admin.send('POST', '/warehouses', { code: `${tag}-W`, name: '浸泡仓' }, { retryLost: true });
  const acc = await admin.send(
    'POST',
    '/accounts',
    { code: `${tag}-A`, name: '浸泡银行', type: 'bank', openingBalance: OPENING_CASH.toFixed(2) },
    { retryLost: true },
  );
  if (wh.status !== 201 || acc.status !== 201) throw new Error(`soak: setting up: ${wh.status} ${acc.status}`);
  const world: World = { warehouseId: wh.body.id, accountId: acc.body.id };
  const runner = new Runner(reg, world);
  const a0 = actors[0];
  for (const name of ['办公桌', '椅子', '书柜']) await runner.run(a0, { t: 'product', name });
  for (const side of ['purchase', 'sales', 'purchase', 'sales'] as const) await runner.run(a0, { t: 'partner', side, name: '初始' });
  if (reg.products().length !== 3 || reg.master.length !== 7) throw new Error(`soak: setting up master data failed: ${JSON.stringify(stats.serverErrors)}`);
  // Opening stock, so that deliveries have something to ship.
  await runner.run(a0, {
    t: 'trade',
    side: 'purchase',
    shift: 0,
    cmd: { t: 'bill', supplier: 0, lines: [0, 1, 2].map((p) => ({ product: p, qty: 500, cents: 1000 })) },
  });
  await runner.run(a0, { t: 'trade', side: 'purchase', shift: 0, cmd: { t: 'auditBill', pick: 1 } });
  const opening = reg.list('purchase', 'bill')[0];
  if (opening?.audits !== 1) throw new Error('soak: the opening stock was not posted');
  return { reg, world, stats, actors, runner, clients: actors.map((a) => a.client) };
}

/** Each client's command list, from the seed: fast-check's generators, our own runner. */
export function commandLists(seed: number, clients: number, perClient: number): SoakCmd[][] {
  return Array.from({ length: clients }, (_, i) => fc.sample(soakCommandArb, { seed: seed + i * 7919, numRuns: perClient }));
}

export interface Killing {
  serverKills: number;
  dbKills: number;
  /** pg_stat_database.deadlocks summed over the postmaster's lives (a crash resets it). */
  deadlocksCounted: number;
}

export class DeadlockMeter {
  private base = 0;
  total = 0;
  constructor(
    private readonly url: string,
    private readonly database: string,
  ) {}
  private async read(): Promise<number> {
    const c = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      const r = await c.query('SELECT deadlocks FROM pg_stat_database WHERE datname = $1', [this.database]);
      return Number(r.rows[0]?.deadlocks ?? 0);
    } finally {
      await c.end().catch(() => {});
    }
  }
  async start() {
    this.base = await this.read();
  }
  /** Adds what this postmaster counted since the last start. */
  async sample() {
    const now = await this.read();
    this.total += Math.max(0, now - this.base);
    this.base = now;
  }
}

export async function runLoad(
  soak: Soak,
  lists: SoakCmd[][],
  target: Target,
  opts: {
    operations: number;
    kills: boolean;
    gapMs: [number, number];
    seed: number;
    cluster?: PgCluster;
    meter?: DeadlockMeter;
    killing: Killing;
    log: (s: string) => void;
  },
): Promise<void> {
  let done = false;
  const random = rng(opts.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
  const killer = (async () => {
    if (!opts.kills) return;
    for (;;) {
      const gap = between(opts.gapMs[0], opts.gapMs[1]);
      for (let t = 0; t < gap && !done; t += 100) await sleep(100);
      if (done) return;
      if (opts.cluster && random() < 0.4) {
        // The meter reads what this postmaster counted before it dies with its counters.
        await opts.meter?.sample().catch(() => {});
        await opts.cluster.kill();
        opts.killing.dbKills++;
        opts.log(`  kill -9 postmaster (${opts.killing.dbKills})`);
        await sleep(between(0, 1500));
        await opts.cluster.start();
        await opts.meter?.start();
      } else {
        const t0 = Date.now();
        await target.killAndRestart();
        opts.killing.serverKills++;
        opts.log(`  kill -9 server (${opts.killing.serverKills}), serving again after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
  })();
  let finished = 0;
  let before = -1;
  const progress = setInterval(() => {
    opts.log(`  ${soak.reg.operations}/${opts.operations} operations (${finished} commands)`);
    // No command finished in the last interval: say what the clients wait for.
    if (finished === before) for (const w of soak.stats.oldest(3)) opts.log(`    waiting: ${w}`);
    before = finished;
  }, 15_000);
  try {
    await Promise.all(
      soak.actors.map(async (a, i) => {
        for (const cmd of lists[i]) {
          if (soak.reg.operations >= opts.operations) return;
          await soak.runner.run(a, cmd);
          finished++;
        }
      }),
    );
  } finally {
    done = true;
    clearInterval(progress);
    await killer;
  }
}

export { SOAK_DATE };
