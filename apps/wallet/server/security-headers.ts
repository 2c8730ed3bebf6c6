import type { MiddlewareHandler } from 'hono';
import { normalizePath, routes } from '../src/routes.ts';

// No 'unsafe-inline' and no 'unsafe-eval': the build emits no inline script or style (the service
// worker is registered from the bundle). `connect-src 'self'` holds because the cloud is reached
// through this server's /api relay.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "manifest-src 'self'",
  "worker-src 'self'",
].join('; ');

export const permissionsPolicy =
  'publickey-credentials-get=(self), publickey-credentials-create=(self), payment=(self)';

/**
 * Cross-Origin-Opener-Policy for a path.
 *
 * /approve is opened by a merchant page as a popup and must postMessage the result back to
 * `window.opener`. HTML's "check if COOP values require a browsing context group switch": a
 * popup navigating from the opener's initial about:blank (the merchant's COOP, normally
 * unsafe-none) to a document with `same-origin-allow-popups` does not match, so the browser puts
 * the wallet in a new group and `window.opener` becomes null. /approve is therefore `unsafe-none`.
 * Everywhere else the wallet keeps `same-origin-allow-popups`: other sites cannot hold a handle to
 * it, and it can still open popups of its own (a bank's consent page).
 */
export function crossOriginOpenerPolicy(pathname: string): 'unsafe-none' | 'same-origin-allow-popups' {
  return normalizePath(pathname) === routes.approve ? 'unsafe-none' : 'same-origin-allow-popups';
}

/** Sets the wallet's security headers on every response, errors and 404s included. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Permissions-Policy', permissionsPolicy);
    headers.set('Cross-Origin-Opener-Policy', crossOriginOpenerPolicy(c.req.path));
  };
}
