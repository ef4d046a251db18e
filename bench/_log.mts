import { openWorld, prepareBills } from './run.js';
const w = await openWorld('postgresql');
const ids = await prepareBills(w, 40, 10, w.products);
for (const id of ids) {
  const r = await fetch(`${w.base}/purchase-bills/${id}/audit`, { method: 'POST', headers: { cookie: w.cookie, prefer: 'return=minimal' } });
  await r.text();
}
await w.close();
process.exit(0);
