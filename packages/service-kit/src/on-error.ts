import { isProtocolError } from '@tokenos/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { IdempotentAnswer } from './idempotency.ts';
import { type Problem, problemFor, problemResponse, problemType } from './problem.ts';

/**
 * Says whether an error means a dependency is briefly unavailable (the database restarting, an
 * upstream service not answering) and, if so, the `detail` of the 503: `undefined` otherwise.
 */
export type UnavailableDetail = (e: unknown) => string | undefined;

export interface OnErrorOptions {
  unavailable: UnavailableDetail;
  /** Where unexpected errors go; default console.error. */
  log?: (message: string, e: unknown) => void;
}

function httpErrorCode(status: number): string {
  if (status === 413) return 'PayloadTooLarge';
  if (status === 404) return 'NotFound';
  if (status === 429) return 'TooManyRequests';
  return 'HttpError';
}

/**
 * A service's one error handler (`app.onError`): protocol errors become 4xx problem+json chosen by
 * code; a dependency that is unavailable a 503 with Retry-After; anything else a 500 with no
 * detail in the body and the cause in the log.
 */
export function onError(options: OnErrorOptions): (err: Error, c: Context) => Response {
  const log = options.log ?? ((m, e) => console.error(m, e));
  return (err, c) => {
    // Decided while claiming an Idempotency-Key: the stored answer again, or its 409/422.
    if (err instanceof IdempotentAnswer) return err.response;
    if (isProtocolError(err)) {
      const extra: Partial<Problem> = {};
      if (err.field !== undefined) extra.field = err.field;
      if (err.reasons !== undefined) extra.reasons = err.reasons;
      return problemResponse(c, problemFor(err.code, err.message, extra));
    }
    if (err instanceof HTTPException) {
      const code = httpErrorCode(err.status);
      return problemResponse(c, {
        type: problemType(code),
        title: err.message || code,
        status: err.status,
        code,
        detail: err.message || code,
      });
    }
    const unavailable = options.unavailable(err);
    if (unavailable !== undefined) {
      return problemResponse(
        c,
        {
          type: problemType('Unavailable'),
          title: 'Service unavailable',
          status: 503,
          code: 'Unavailable',
          detail: unavailable,
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
