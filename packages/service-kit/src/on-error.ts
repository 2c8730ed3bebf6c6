import { type ErrorCode, isProtocolError } from '@tokenos/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { IdempotentAnswer } from './idempotency.ts';
import { problemFor, problemOfProtocolError, problemResponse } from './problem.ts';

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

function httpErrorCode(status: number): ErrorCode {
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
    if (isProtocolError(err)) return problemResponse(c, problemOfProtocolError(err));
    if (err instanceof HTTPException) {
      const code = httpErrorCode(err.status);
      return problemResponse(c, problemFor(code, err.message || code, { status: err.status }));
    }
    const unavailable = options.unavailable(err);
    if (unavailable !== undefined)
      return problemResponse(c, problemFor('Unavailable', unavailable), { 'retry-after': '1' });
    log(`unhandled error on ${c.req.method} ${c.req.path}`, err);
    const { detail: _none, ...internal } = problemFor('Internal', '');
    return problemResponse(c, internal);
  };
}
