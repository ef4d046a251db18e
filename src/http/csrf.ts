// Cross-site request forgery (跨站请求伪造): a page on another origin makes the user's
// browser send a request that carries the session cookie. SameSite=Lax alone does not stop
// it: another site on the same registrable domain or host (a.example.com, or another port
// of the same machine) is "same-site", and its form POST carries a Lax cookie.
//
// The rule, for every request that may change something (not GET/HEAD/OPTIONS):
// 1. Origin present → it must be ours (publicOrigin) or listed in ERP_ALLOWED_ORIGINS.
//    Browsers send Origin on every POST/PUT/PATCH/DELETE they make, same-origin or not, so
//    this is the case that decides for every current browser. `Origin: null` (a sandboxed
//    frame, a data: URL, a redirect across origins) is never ours.
// 2. No Origin → the Referer's origin must be ours. Some older browsers left Origin off
//    form posts; our own pages send a Referer to us (Referrer-Policy: same-origin) and a
//    foreign page's Referer names the foreign page.
// 3. Neither → the sender is not a current browser (a script with a cookie, curl) or a
//    browser told to send no Referer. We accept it only when its content type is not one a
//    plain HTML form can send (x-www-form-urlencoded, multipart/form-data, text/plain;
//    text/ping for <a ping>): a page on another origin can set any other type only through
//    fetch/XMLHttpRequest, which always send Origin, and needs a CORS preflight that this
//    server never grants. A body with no content type at all is a script's bodiless POST
//    (`curl -X POST …/audit`); a form always declares its type.
// A CSRF token would add nothing a browser-sent Origin does not already prove, and would
// make every script fetch one first.
//
// Hono's csrf middleware checks only form content types and has no Referer fallback, so a
// cross-origin JSON or DELETE request would pass it on the strength of CORS alone.
import type { MiddlewareHandler } from 'hono';
import { config } from '../config.js';
import { AppError } from '../core/errors.js';
import { publicOrigin } from './public-origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'text/ping']);

export interface RequestSource {
  method: string;
  origin?: string;
  referer?: string;
  contentType?: string;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: 'foreign'; seen: string } | { ok: false; reason: 'form-without-origin' };

/** Whether a request may act with the user's session; `ours` are the origins that may. */
export function judgeSource(req: RequestSource, ours: readonly string[]): CsrfVerdict {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return { ok: true };
  if (req.origin) return ours.includes(req.origin) ? { ok: true } : { ok: false, reason: 'foreign', seen: req.origin };
  if (req.referer) {
    const from = URL.canParse(req.referer) ? new URL(req.referer).origin : 'null';
    return ours.includes(from) ? { ok: true } : { ok: false, reason: 'foreign', seen: from };
  }
  const type = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
  return FORM_TYPES.has(type) ? { ok: false, reason: 'form-without-origin' } : { ok: true };
}

export function rejectCrossSite(): MiddlewareHandler {
  return async (c, next) => {
    const ours = [publicOrigin(c), ...config.allowedOrigins];
    const verdict = judgeSource(
      { method: c.req.method, origin: c.req.header('origin'), referer: c.req.header('referer'), contentType: c.req.header('content-type') },
      ours,
    );
    if (verdict.ok) return next();
    if (verdict.reason === 'foreign') {
      throw new AppError(
        'CSRF_REJECTED',
        403,
        `已拒绝来自其他网站的请求（来源 ${verdict.seen}，本系统为 ${ours[0]}）。经反向代理访问时，请设置 ERP_TRUST_PROXY=1 或 ERP_ALLOWED_ORIGINS`,
        `Refused a request from another site (origin ${verdict.seen}; this server is ${ours[0]}). Behind a reverse proxy, set ERP_TRUST_PROXY=1 or ERP_ALLOWED_ORIGINS`,
        { origin: verdict.seen, expected: ours[0] },
      );
    }
    throw new AppError(
      'CSRF_REJECTED',
      403,
      '已拒绝没有来源（Origin/Referer）的表单请求：其他网站的表单就是这样提交的。请发送 Origin 请求头，或以 JSON 提交',
      'Refused a form-type request with neither an Origin nor a Referer header, as another site’s form would send it. Send the Origin header, or a JSON body',
      { origin: null, expected: ours[0] },
    );
  };
}
