import {
  type ErrorCode,
  errorStatus,
  errorTitle,
  type Problem,
  type ProtocolError,
  problemType,
  problemValue,
} from '@tokenos/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type { Problem } from '@tokenos/protocol';
export { problemType } from '@tokenos/protocol';

/**
 * Answers `problem` as application/problem+json: the one writer of problem+json for every server
 * of the project. Never stored by a cache: a problem describes one request (a replay, a stale
 * signature), not the resource.
 */
export function problemResponse(
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, problemHeaders(headers));
}

/** `problemResponse` where there is no Hono context yet (an answer decided inside a middleware's claim). */
export function problemAsResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: problemHeaders(headers) });
}

function problemHeaders(headers: Record<string, string>): Record<string, string> {
  return { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers };
}

/** The problem for a code: its status and title, with `detail` for this occurrence. */
export function problemFor(
  code: ErrorCode,
  detail: string,
  extra: Partial<Omit<Problem, 'type' | 'title' | 'code'>> = {},
): Problem {
  return {
    type: problemType(code),
    title: errorTitle[code],
    status: errorStatus[code],
    detail,
    code,
    ...extra,
  };
}

/** A ProtocolError as problem+json: its code, message, field, reasons and, when plain, expected/actual. */
export function problemOfProtocolError(err: ProtocolError): Problem {
  const extra: Partial<Problem> = {};
  if (err.field !== undefined) extra.field = err.field;
  if (err.reasons !== undefined) extra.reasons = err.reasons;
  const expected = problemValue(err.expected);
  if (expected !== undefined) extra.expected = expected;
  const actual = problemValue(err.actual);
  if (actual !== undefined) extra.actual = actual;
  return problemFor(err.code, err.message, extra);
}
