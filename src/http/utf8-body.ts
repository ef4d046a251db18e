// A JSON body is UTF-8 or it is refused. Reading it the usual way replaces every byte
// that is not UTF-8 with U+FFFD, so a client sending GBK or Latin-1 would have its text
// silently changed; here it gets INVALID_TEXT instead. The decoded text is handed to
// Hono's body cache, so the route's validator parses it without decoding again.
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../core/errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const utf8JsonBody = (): MiddlewareHandler => async (c, next) => {
  // Headers only until a JSON body is there to read: touching the body of a GET (or of a
  // bodiless audit) would build a whole WHATWG Request for nothing.
  const mayHaveBody = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.header('content-length') !== '0';
  if (mayHaveBody && /json/i.test(c.req.header('content-type') ?? '')) {
    const bytes = await c.req.arrayBuffer();
    let body: string;
    try {
      body = strictUtf8.decode(bytes);
    } catch {
      throw new AppError('INVALID_TEXT', 400, '请求体不是有效的 UTF-8 文本', 'The body is not valid UTF-8 text', { field: '' });
    }
    // Hono types the cache by its parsed values; it holds their promises.
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(body);
  }
  await next();
};
