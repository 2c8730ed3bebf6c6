import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy of every page: no inline script or style, the widget from the cloud
 * only (its script and its API calls), Trusted Types on. `cloudUrl` is what differs per site.
 */
export function contentSecurityPolicy(cloudUrl: string): string {
  const cloud = new URL(cloudUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${cloud}`,
    "style-src 'self'",
    `img-src 'self' data: ${cloud}`,
    `connect-src 'self' ${cloud}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/**
 * Sets the security headers on every answer, error pages included (they run after the handler
 * and after `onError`). A handler that sets its own Cache-Control keeps it.
 */
export function securityHeaders(o: { contentSecurityPolicy: string }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', o.contentSecurityPolicy);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    // The wallet popup keeps its opener (the result comes back by postMessage).
    h.set('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };
}
