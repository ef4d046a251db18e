// The built web app (web/dist) as the browser gets it: each file as built, or its
// brotli / gzip copy made at build time (web/precompress.ts) when Accept-Encoding allows;
// index.html for any other path (the client-side routes). Hashed files are cached for a
// year; index.html is checked again on every load, so a new build is seen at once.
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

/** Vite's assetsDir: every file in it is named by a hash of its content. */
const HASHED_DIR = '/assets/';
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

type Serve = ReturnType<typeof serveStatic>;

/** Serves with `serve`; undefined when it has no such file. */
async function served(serve: Serve, c: Context): Promise<Response | undefined> {
  let missing = false;
  const res = await serve(c, async () => {
    missing = true;
  });
  return missing ? undefined : (res ?? undefined);
}

function withCaching(res: Response, cacheControl: string): Response {
  res.headers.set('Cache-Control', cacheControl);
  // the same URL has several encodings: a cache must key on Accept-Encoding, also when
  // it holds the uncompressed one (serveStatic says so only for a compressed answer)
  if (!/accept-encoding/i.test(res.headers.get('Vary') ?? '')) res.headers.append('Vary', 'Accept-Encoding');
  return res;
}

/** The files of the build; a missing hashed file is a 404, never index.html. */
export function webAppFiles(dist: string): MiddlewareHandler {
  const files = serveStatic({ root: dist, precompressed: true });
  return async (c, next) => {
    const hashed = c.req.path.startsWith(HASHED_DIR);
    const res = await served(files, c);
    if (res) return withCaching(res, hashed ? CACHE_HASHED : CACHE_REVALIDATE);
    // an old page asking for a file of an earlier build: index.html in its place would
    // run as a script and fail obscurely
    if (hashed && (c.req.method === 'GET' || c.req.method === 'HEAD')) return c.text('Not found', 404, { 'Cache-Control': 'no-store' });
    await next();
  };
}

/** index.html for a client-side route, or undefined when the web app is not built. */
export function webAppIndex(dist: string): (c: Context) => Promise<Response | undefined> {
  const index = serveStatic({ root: dist, path: 'index.html', precompressed: true });
  return async (c) => {
    const res = await served(index, c);
    return res && withCaching(res, CACHE_REVALIDATE);
  };
}
