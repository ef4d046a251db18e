// X4 the CSRF rule on its own: which request sources may act with a session.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeSource } from '../../src/http/csrf.js';

const ours = ['https://erp.example.com', 'https://erp2.example.com'];
const method = fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'post');
const anyType = fc.option(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', ''), {
  nil: undefined,
});
const foreign = fc
  .oneof(
    fc.constantFrom('null', 'http://erp.example.com', 'https://erp.example.com:8443', 'https://evil.example.com', 'https://erp.example.com.evil.io'),
    fc.webUrl().map((u) => new URL(u).origin),
  )
  .filter((o) => !ours.includes(o));

describe('X4 judgeSource', () => {
  it('a foreign Origin is refused on every changing method, whatever the Referer and content type say', () => {
    fc.assert(
      fc.property(method, foreign, fc.option(fc.constantFrom(...ours.map((o) => `${o}/x`)), { nil: undefined }), anyType, (m, origin, referer, contentType) => {
        expect(judgeSource({ method: m, origin, referer, contentType }, ours)).toMatchObject({ ok: false, reason: 'foreign', seen: origin });
      }),
    );
  });

  it('one of our origins passes, whatever the content type', () => {
    fc.assert(
      fc.property(method, fc.constantFrom(...ours), anyType, (m, origin, contentType) => {
        expect(judgeSource({ method: m, origin, contentType }, ours).ok).toBe(true);
      }),
    );
  });

  it('GET, HEAD and OPTIONS pass from anywhere', () => {
    for (const m of ['GET', 'HEAD', 'OPTIONS']) {
      expect(judgeSource({ method: m, origin: 'https://evil.example.com', contentType: 'text/plain' }, ours).ok).toBe(true);
    }
  });

  it('without Origin the Referer’s origin decides; an unreadable Referer is foreign', () => {
    expect(judgeSource({ method: 'POST', referer: 'https://erp.example.com/purchasing/bills?x=1' }, ours).ok).toBe(true);
    expect(judgeSource({ method: 'POST', referer: 'https://evil.example.com/erp.example.com' }, ours)).toMatchObject({
      ok: false,
      seen: 'https://evil.example.com',
    });
    expect(judgeSource({ method: 'POST', referer: '::nonsense', contentType: 'application/json' }, ours)).toMatchObject({ ok: false, seen: 'null' });
  });

  it('with neither, only a content type a plain HTML form can send is refused', () => {
    const refused = [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'text/plain',
      'TEXT/PLAIN;charset=utf-8',
      ' text/plain ',
      'text/ping',
    ];
    for (const contentType of refused)
      expect(judgeSource({ method: 'POST', contentType }, ours), contentType).toEqual({ ok: false, reason: 'form-without-origin' });
    for (const contentType of ['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '', undefined]) {
      expect(judgeSource({ method: 'POST', contentType }, ours).ok, String(contentType)).toBe(true);
    }
  });
});
