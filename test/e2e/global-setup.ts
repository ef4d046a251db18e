// Runs once per `npm run test:e2e`: drops the failure screenshots of earlier runs, so
// every FAILED-*.png in test-results/screenshots belongs to this run. (The other
// screenshots keep their names and are simply overwritten.)
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup() {
  const dir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.startsWith('FAILED-')) rmSync(join(dir, f), { force: true });
}
