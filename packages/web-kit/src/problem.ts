import { errorTitle, isErrorCode } from '@tokenos/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An RFC 9457 problem+json answer of a demo site to its own pages. Its `code` is one of the shared
 * `ErrorCode`s, titled as the services title it, or the site's own (`EmptyCart`, `AmountMismatch`),
 * which never leaves the site; the body has the shape the services' and `parseProblem` use.
 */
export function problem(c: Context, status: ContentfulStatusCode, code: string, detail: string): Response {
  const title = isErrorCode(code) ? errorTitle[code] : code;
  return c.body(
    JSON.stringify({ type: `https://tokenos.dev/problems/${code}`, title, status, code, detail }),
    status,
    { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  );
}
