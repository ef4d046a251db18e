import { openWorld, prepareBills } from './run.js';
const w = await openWorld((process.env.DB as 'postgresql') ?? 'postgresql');
for (let i = 0; i < 3; i++) {
  const [id] = await prepareBills(w, 1, 2000, w.products);
  const t0 = performance.now();
  const r = await fetch(`${w.base}/purchase-bills/${id}/audit`, { method: 'POST', headers: { cookie: w.cookie, prefer: 'return=minimal' } });
  await r.text();
  console.log(r.status, (performance.now() - t0).toFixed(0), 'ms');
}
await w.close();
process.exit(0);
