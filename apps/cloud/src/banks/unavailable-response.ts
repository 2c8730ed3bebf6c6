import { problemFor, problemResponse } from '@tokenos/service-kit';
import type { Context } from 'hono';
import type { BankUnavailableError } from './connector.ts';

/** Seconds a client waits before asking again about a bank that did not answer. */
export const bankRetryAfterSeconds = 5;

/**
 * A bank that did not answer, wherever the cloud met it (endorsement, co-signature, access reads):
 * 503 `BankUnavailable` with Retry-After. Nothing was decided, so the same request may be retried.
 */
export function bankUnavailableResponse(c: Context, e: BankUnavailableError): Response {
  return problemResponse(c, problemFor('BankUnavailable', `${e.message}; ${e.next}`), {
    'retry-after': String(bankRetryAfterSeconds),
  });
}
