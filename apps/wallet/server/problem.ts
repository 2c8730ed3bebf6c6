import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface Problem {
  status: ContentfulStatusCode;
  title: string;
  detail: string;
  /** Machine-readable, for the SDK's ApiError; people never see it. */
  code: string;
}

/** An RFC 9457 problem details response, with the same `type` scheme as the cloud's problems. */
export function problem(c: Context, p: Problem): Response {
  const body = { type: `https://tokenos.dev/problems/${p.code}`, ...p };
  return c.body(JSON.stringify(body), p.status, {
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'no-store',
  });
}
