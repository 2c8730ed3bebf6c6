import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An RFC 9457 problem+json answer, its `code` the same closed vocabulary the cloud uses. */
export function problem(c: Context, status: ContentfulStatusCode, code: string, detail: string): Response {
  return c.body(
    JSON.stringify({ type: `https://tokenos.dev/problems/${code}`, title: code, status, code, detail }),
    status,
    { 'content-type': 'application/problem+json' },
  );
}
