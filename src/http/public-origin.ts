// The scheme and host a browser used to reach us. Directly, that is the request's own URL
// (Node builds it from the Host header and whether the socket is TLS). Behind a reverse
// proxy that terminates TLS the URL reads http://127.0.0.1:3000; only a proxy we were told
// to trust (ERP_TRUST_PROXY=1) may say otherwise, with X-Forwarded-Proto / X-Forwarded-Host,
// because anyone who reaches the server directly can send those headers too.
import type { Context } from 'hono';
import { config } from '../config.js';

/** The first value of a comma-joined header: what the proxy nearest the client saw. */
const firstOf = (value: string | undefined) => value?.split(',')[0]?.trim().toLowerCase() || undefined;

export function forwardedProto(c: Context): 'http' | 'https' | undefined {
  if (!config.trustProxy) return undefined;
  const proto = firstOf(c.req.header('x-forwarded-proto'));
  return proto === 'http' || proto === 'https' ? proto : undefined;
}

/** Our origin as the browser sees it, e.g. `https://erp.example.com`. */
export function publicOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const scheme = forwardedProto(c) ?? url.protocol.replace(/:$/, '');
  const forwardedHost = config.trustProxy ? firstOf(c.req.header('x-forwarded-host')) : undefined;
  const host = forwardedHost && /^[a-z0-9.[\]:-]+$/.test(forwardedHost) ? forwardedHost : url.host;
  // Through URL so a default port (:443 on https) is dropped the way a browser drops it.
  return URL.canParse(`${scheme}://${host}`) ? new URL(`${scheme}://${host}`).origin : url.origin;
}

/** Whether the browser talks to us over HTTPS: then the session cookie must be Secure. */
export function isHttps(c: Context): boolean {
  return (forwardedProto(c) ?? new URL(c.req.url).protocol.replace(/:$/, '')) === 'https';
}

export const sessionCookieSecure = (c: Context) => config.cookieSecure || isHttps(c);
