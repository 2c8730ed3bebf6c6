import { isConnectionError } from '@tokenos/db';

/**
 * Something this bank depends on did not answer (the cloud's directory, another bank): nothing was
 * decided, the caller may retry the same request. Answered 503, which the cloud's connector reads
 * as "bank unavailable" and keeps the operation pending.
 *
 * Kept in the bank, not in @tokenos/service-kit: only the bank answers an upstream's silence with
 * the generic 503; the cloud's calls to banks fail as `BankUnavailable`, with their own code and
 * Retry-After, in the routes that make them.
 */
export class UpstreamUnavailableError extends Error {
  constructor(what: string, cause?: unknown) {
    super(`${what} is unavailable`, cause === undefined ? undefined : { cause });
    this.name = 'UpstreamUnavailableError';
  }
}

/**
 * The detail of the bank's 503 (service-kit's `onError`): an upstream that did not answer or an
 * unreachable database, named by the error's own message; `undefined` for any other error.
 */
export function unavailableDetail(e: unknown): string | undefined {
  if (!(e instanceof UpstreamUnavailableError || isConnectionError(e))) return undefined;
  return `${e instanceof Error ? e.message : String(e)}; retry shortly`;
}
