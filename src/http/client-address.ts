// The client's network address, for slowing down failed logins per address. Directly, the
// socket's peer; behind a reverse proxy we were told to trust (ERP_TRUST_PROXY=1), the
// address the nearest proxy put first in X-Forwarded-For: anyone reaching us directly could
// write that header, so it is believed only then.
import type { Context } from 'hono';
import { config } from '../config.js';

export function clientAddress(c: Context): string {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded && /^[0-9a-fA-F.:]{2,64}$/.test(forwarded)) return forwarded;
  }
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
  return socket?.remoteAddress?.slice(0, 64) ?? 'unknown';
}
