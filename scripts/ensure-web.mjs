#!/usr/bin/env node
// Builds the web app (web/ → web/dist) when the build is missing or older than its
// sources; otherwise prints nothing and exits 0. Used by `npm start` and the e2e tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const builtIndex = join(web, 'dist', 'index.html');
const sources = [join(web, 'src'), join(web, 'public'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(web, 'precompress.ts')];

/** Newest modification time (ms) under a file or folder; 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs; // a deleted file shows up as a newer folder
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newest));
if (builtAt > 0 && builtAt >= sourcesAt) process.exit(0);

console.log(builtAt ? 'web: sources changed, rebuilding web/dist…' : 'web: web/dist missing, building…');
const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(viteBin)) {
  console.error('web: vite is not installed (run npm install)');
  process.exit(1);
}
const r = spawnSync(process.execPath, [viteBin, 'build', '--config', join(web, 'vite.config.ts')], {
  cwd: root,
  stdio: 'inherit',
});
if (r.status !== 0) {
  console.error(`web: build failed (exit ${r.status ?? r.signal})`);
  process.exit(r.status || 1);
}
