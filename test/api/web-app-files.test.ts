// How the server sends the built web app: the brotli or gzip copy the build made
// (web/precompress.ts) as Accept-Encoding allows, decoding to exactly the file; Vary:
// Accept-Encoding on every answer; hashed files under /assets/ cached for a year,
// index.html and the client-side routes (SPA fallback) revalidated on every load; a
// missing hashed file a 404, never index.html. The build here is a small one made in a
// temporary folder; the real build is checked by test/e2e/served.e2e.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { precompressFile } from '../../web/precompress.js';
import { testDatabase } from '../helpers/db.js';

const SCRIPT = 'assets/index-B7y6o6O7.js';
const STYLE = 'assets/index-DG457NTM.css';
const BROWSER = 'gzip, deflate, br, zstd';
const IMMUTABLE = 'public, max-age=31536000, immutable';

let db: Database;
let dist: string;
let app: ReturnType<typeof createApp>;
const onDisk = (file: string) => readFileSync(join(dist, file));

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'erp-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>进销存</title><script type="module" src="/${SCRIPT}"></script><link rel="stylesheet" href="/${STYLE}"></head><body><div id="root"></div></body></html>`,
  );
  const lines = Array.from({ length: 3000 }, (_, i) => `export const line${i} = { code: 'SP-${i}', name: '商品 ${i}', price: '${(i * 1.25).toFixed(2)}' };`);
  writeFileSync(join(dist, SCRIPT), lines.join('\n'));
  writeFileSync(
    join(dist, STYLE),
    Array.from({ length: 400 }, (_, i) => `.erp-c${i}{margin:${i}px;color:#${(i * 4099).toString(16).padStart(6, '0').slice(0, 6)}}`).join('\n'),
  );
  for (const f of ['index.html', SCRIPT, STYLE]) await precompressFile(join(dist, f));
  db = await testDatabase();
  app = createApp(db, { webDist: dist });
});
afterAll(async () => {
  await db.close();
  rmSync(dist, { recursive: true, force: true });
});

async function get(path: string, acceptEncoding?: string) {
  const res = await app.request(path, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

function decoded(res: Response, bytes: Buffer): Buffer {
  const encoding = res.headers.get('Content-Encoding');
  if (encoding === 'br') return brotliDecompressSync(bytes);
  if (encoding === 'gzip') return gunzipSync(bytes);
  expect(encoding).toBeNull();
  return bytes;
}

describe('the web app files', () => {
  it('the build made a smaller brotli and gzip copy that decode to the file', () => {
    for (const f of ['index.html', SCRIPT, STYLE]) {
      expect(brotliDecompressSync(onDisk(`${f}.br`)).equals(onDisk(f))).toBe(true);
      expect(gunzipSync(onDisk(`${f}.gz`)).equals(onDisk(f))).toBe(true);
      expect(onDisk(`${f}.br`).length).toBeLessThan(onDisk(f).length);
    }
  });

  it.each([
    [BROWSER, 'br'],
    ['br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip', 'gzip'],
    ['identity', null],
    [undefined, null],
  ])('a hashed file for Accept-Encoding %s comes as %s, decodes to the file and is immutable', async (accept, encoding) => {
    for (const file of [SCRIPT, STYLE]) {
      const { res, bytes } = await get(`/${file}`, accept);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Encoding')).toBe(encoding);
      expect(res.headers.get('Content-Type')).toMatch(file.endsWith('.js') ? /javascript/ : /text\/css/);
      expect(res.headers.get('Vary') ?? '').toMatch(/accept-encoding/i);
      expect(res.headers.get('Cache-Control')).toBe(IMMUTABLE);
      expect(Number(res.headers.get('Content-Length'))).toBe(bytes.length);
      expect(decoded(res, bytes).equals(onDisk(file))).toBe(true);
      if (encoding) expect(bytes.length).toBeLessThan(onDisk(file).length / 2);
    }
  });

  it.each(['/', '/index.html', '/purchasing/orders', '/sales/orders/4f5a1c1e-0000-4000-8000-000000000000'])(
    '%s is index.html, compressed, and revalidated on every load (no-cache)',
    async (path) => {
      for (const [accept, encoding] of [
        [BROWSER, 'br'],
        ['gzip', 'gzip'],
        [undefined, null],
      ] as const) {
        const { res, bytes } = await get(path, accept);
        expect(res.status).toBe(200);
        expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
        expect(res.headers.get('Content-Encoding')).toBe(encoding);
        expect(res.headers.get('Cache-Control')).toBe('no-cache');
        expect(res.headers.get('Vary') ?? '').toMatch(/accept-encoding/i);
        expect(decoded(res, bytes).equals(onDisk('index.html'))).toBe(true);
      }
    },
  );

  it('a hashed file that is not there is a 404, not index.html, and not cached', async () => {
    const { res, bytes } = await get('/assets/index-OLDBUILD.js', BROWSER);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type') ?? '').not.toMatch(/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(bytes.toString()).not.toMatch(/<html/);
  });

  it('an unknown API path is still the JSON 404, not the web app', async () => {
    const { res, bytes } = await get('/api/v1/no-such-thing', BROWSER);
    expect(res.status).toBe(401); // every /api/v1 path needs a session first
    const { res: outside, bytes: body } = await get('/api/no-such-thing', BROWSER);
    expect(outside.status).toBe(404);
    expect(JSON.parse(body.toString()).error.code).toBe('NOT_FOUND');
    expect(JSON.parse(bytes.toString()).error.code).toBe('UNAUTHENTICATED');
  });
});
