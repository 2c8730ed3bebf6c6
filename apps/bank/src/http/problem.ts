import { isProtocolError, type ProtocolErrorCode } from '@tokenos/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** RFC 9457 problem details with the protocol's stable `code`, as the cloud answers them too. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  field?: string;
  reasons?: readonly { code: string; field?: string; message: string }[];
}

const statusByCode: Record<ProtocolErrorCode, ContentfulStatusCode> = {
  Malformed: 400,
  InvalidAmount: 422,
  InvalidSignature: 401,
  UnknownKey: 401,
  StaleRequest: 401,
  Replay: 401,
  KeyExpired: 401,
  KeyRetired: 401,
  InsufficientKeyLevel: 403,
  Forbidden: 403,
  ScaRequired: 403,
  ScaFailed: 403,
  NotFound: 404,
  Conflict: 409,
  BrokenChain: 409,
  Forked: 409,
  Cancelled: 409,
  Expired: 409,
  NotYetValid: 409,
  ConditionFailed: 422,
};

export function problemType(code: string): string {
  return `https://tokenos.dev/problems/${code}`;
}

export function problemResponse(
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    ...headers,
  });
}

export function problemFor(code: ProtocolErrorCode, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: problemType(code), title: code, status: statusByCode[code], detail, code, ...extra };
}

/**
 * Something this bank depends on did not answer (the cloud's directory, another bank): nothing was
 * decided, the caller may retry the same request. Answered 503, which the cloud's connector reads
 * as "bank unavailable" and keeps the operation pending.
 */
export class UpstreamUnavailableError extends Error {
  constructor(what: string, cause?: unknown) {
    super(`${what} is unavailable`, cause === undefined ? undefined : { cause });
    this.name = 'UpstreamUnavailableError';
  }
}

/**
 * The service's one error handler: protocol errors become 4xx problem+json chosen by code; an
 * unreachable database or upstream a 503 with Retry-After; anything else a 500 with no detail in
 * the body and the cause in the log.
 */
export function onError(
  isUnavailable: (e: unknown) => boolean,
  log: (msg: string, e: unknown) => void = (m, e) => console.error(m, e),
) {
  return (err: Error, c: Context): Response => {
    if (isProtocolError(err)) {
      const extra: Partial<Problem> = {};
      if (err.field !== undefined) extra.field = err.field;
      if (err.reasons !== undefined) extra.reasons = err.reasons;
      return problemResponse(c, problemFor(err.code, err.message, extra));
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'PayloadTooLarge' : status === 404 ? 'NotFound' : 'HttpError';
      return problemResponse(c, {
        type: problemType(code),
        title: code,
        status,
        code,
        detail: err.message || code,
      });
    }
    if (err instanceof UpstreamUnavailableError || isUnavailable(err)) {
      return problemResponse(
        c,
        {
          type: problemType('Unavailable'),
          title: 'Service unavailable',
          status: 503,
          code: 'Unavailable',
          detail: `${err.message}; retry shortly`,
        },
        { 'retry-after': '1' },
      );
    }
    log(`unhandled error on ${c.req.method} ${c.req.path}`, err);
    return problemResponse(c, {
      type: problemType('Internal'),
      title: 'Internal error',
      status: 500,
      code: 'Internal',
    });
  };
}
