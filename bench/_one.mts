import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { openWorld, prepareBills } from './run.js';
import { rawAudit } from './raw-baseline.js';
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { cookie, prefer: 'return=minimal' } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    req.end();
  });
}
function pgCpu() {
  let t = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
      if (!comm.startsWith('postgres')) continue;
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      t += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return t * 10; // ms (100 Hz)
}
const w = await openWorld('postgresql');
const clients = Number(process.env.C ?? 8);
const N = Number(process.env.N ?? 600);
const rates: number[] = [];
for (let round = 0; round < Number(process.env.ROUNDS ?? 10); round++) {
  const ids = await prepareBills(w, N, 10, w.products);
  let next = 0;
  const pg0 = pgCpu(); const n0 = process.cpuUsage(); const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < ids.length) {
      const id = ids[next++];
      if (process.env.RAW) { await rawAudit(w.db.orm, w.companyId, id, w.userId); continue; }
      const st = process.env.FETCH ? (await fetch(`${w.base}/purchase-bills/${id}/audit`, { method: 'POST', headers: { cookie: w.cookie, prefer: 'return=minimal' } })).status : await post(`${w.base}/purchase-bills/${id}/audit`, w.cookie);
      if (st !== 200) throw new Error(String(st));
    }
  }));
  const secs = (performance.now() - t0) / 1000; const n1 = process.cpuUsage(n0); const pg1 = pgCpu() - pg0;
  if (round >= 4) rates.push(N / secs);
  console.log(`round ${round}: ${(N / secs).toFixed(0)} docs/s; wall ${(secs * 1000).toFixed(0)} ms; node cpu ${((n1.user + n1.system) / 1000).toFixed(0)} ms; pg cpu ${pg1} ms; per doc node ${((n1.user + n1.system) / 1000 / N).toFixed(2)} ms pg ${(pg1 / N).toFixed(2)} ms`);
}
rates.sort((a, b) => a - b);
console.log(`median ${rates[Math.floor(rates.length / 2)].toFixed(0)} docs/s`);
await w.close();
process.exit(0);
