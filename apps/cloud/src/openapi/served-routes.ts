import type { KeyLevel } from '@tokenos/protocol';
import type { RouterRoute } from 'hono/types';
import { COMPOSED_HANDLER } from 'hono/utils/constants';
import { signedLevelOf } from '../auth/signed-request.ts';

/** One method and path the app answers, as its registrations say. */
export interface ServedOperation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI template form: `/api/v1/tokens/{tokenId}`. */
  path: string;
  /** The level of the `signed()` middleware in the route's handler chain; absent: no such middleware. */
  level?: KeyLevel;
}

const methods = new Set(['GET', 'POST', 'PUT', 'DELETE']);

/** `app.route()` wraps a sub-app's handler when the sub-app has its own onError; the original hangs off the wrapper. */
function unwrap(handler: object): object {
  let h: object = handler;
  while (COMPOSED_HANDLER in h) h = (h as Record<string, object>)[COMPOSED_HANDLER] as object;
  return h;
}

/**
 * Every operation the app serves, from Hono's own route table (`app.routes`): one entry per method
 * and path however many handlers are chained on it. `app.use()` middleware (method ALL, paths
 * ending in `*`) is not an operation.
 */
export function servedOperations(routes: readonly RouterRoute[]): ServedOperation[] {
  const byKey = new Map<string, ServedOperation>();
  for (const route of routes) {
    if (!methods.has(route.method) || route.path.endsWith('*')) continue;
    const method = route.method as ServedOperation['method'];
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const key = `${method} ${path}`;
    const op = byKey.get(key) ?? { method, path };
    const level = signedLevelOf(unwrap(route.handler));
    if (level) op.level = level;
    byKey.set(key, op);
  }
  return [...byKey.values()];
}
