import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

/**
 * Every state change comes from the site's own pages (CSRF): a POST with a foreign Origin, or
 * without one but marked cross-site by Fetch Metadata (`Sec-Fetch-Site`), is refused with a 403.
 */
export function sameOriginWrites(publicUrl: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin ? origin !== publicUrl : site !== undefined && site !== 'same-origin')
      return problem(c, 403, 'Forbidden', `requests must come from ${publicUrl}`);
    return next();
  };
}
