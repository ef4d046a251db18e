// Browser-hardening headers on every answer, the web app's and /api/docs' pages above all.
//
// The Content-Security-Policy allows scripts only from files on this server: the built web
// app is ES modules from /assets and /api/docs loads swagger-ui and its init.js from files,
// so nothing needs an inline script, eval or a nonce. Styles need 'unsafe-inline': antd's
// CSS-in-JS writes its styles into <style> tags as components mount, and rc-components
// and swagger-ui set style attributes. A per-response nonce for those tags would mean
// rewriting index.html for every answer and trusting every library to pass the nonce on;
// inline CSS cannot run code, so the scripts rule is what keeps injected markup harmless.
// img-src allows data: for the icons swagger-ui's stylesheet embeds. Nothing may frame us
// (clickjacking: frame-ancestors, and X-Frame-Options for older browsers), forms post only
// here, and <base> cannot redirect relative URLs.
//
// Referrer-Policy same-origin: our own requests carry a Referer (the CSRF check's fallback
// when a browser leaves Origin off), other sites learn nothing of our URLs.
import { secureHeaders } from 'hono/secure-headers';

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
  });
