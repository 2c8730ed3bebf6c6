// The one vocabulary of errors, from the protocol to the words on screen: what a service writes in
// problem+json (`code`), what the SDK's ApiError carries, what the apps' word tables are keyed by.
import type { z } from 'zod';
import { violationCodes } from './conditions/evaluate.ts';
import { type ProtocolErrorCode, protocolErrorCodes } from './errors.ts';
import { memberTokenLimits } from './member-tokens/flags.ts';

/** Codes a service answers beside the protocol's own: its dependencies, its limits, its failures. */
export const serviceErrorCodes = [
  /** The bank behind the operation did not answer (down, timed out, 5xx): nothing was decided, retry later. */
  'BankUnavailable',
  /** The wallet's relay gave up waiting for a bank. */
  'BankTimeout',
  /** The bank refused to move the money; its ISO 20022 status reason is in the problem's `reason`. */
  'BankRefused',
  /** The wallet's relay could not reach the token cloud. */
  'CloudUnavailable',
  /** The wallet's relay gave up waiting for the token cloud. */
  'CloudTimeout',
  /** A rate limit per address or per member was reached; Retry-After says when to come back. */
  'TooManyRequests',
  /** An Idempotency-Key first used for another request (method, path or body differ). */
  'IdempotencyKeyReused',
  /** The first request with this Idempotency-Key is still being processed: retry shortly. */
  'IdempotencyKeyInUse',
  /** A request body larger than the service accepts. */
  'PayloadTooLarge',
  /** Another refusal at the HTTP level (a method not allowed); the status is the exception's own. */
  'HttpError',
  /** Something the service depends on (its database, the directory) is briefly unavailable: retry. */
  'Unavailable',
  /** The service failed; the body says nothing more, the log has the cause. */
  'Internal',
] as const;
export type ServiceErrorCode = (typeof serviceErrorCodes)[number];

/** Every code a problem+json `code` may hold. */
export const errorCodes: readonly ErrorCode[] = [...protocolErrorCodes, ...serviceErrorCodes];
export type ErrorCode = ProtocolErrorCode | ServiceErrorCode;

const known: ReadonlySet<string> = new Set(errorCodes);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && known.has(code);
}

/**
 * A table with a word for every code, so the compiler names a missing one. `Extra` adds an app's
 * own codes (the wallet's `BankPending`), `'Unknown'` the answer to a code no table knows.
 */
export type WordsFor<T, Extra extends string = never> = Record<ErrorCode | Extra, T>;

/** The codes of zod's issues, as `parseWith` puts them in `reasons`; an object so none is missed. */
const schemaIssueCodes: Record<z.core.$ZodIssueCode, true> = {
  invalid_type: true,
  too_big: true,
  too_small: true,
  invalid_format: true,
  not_multiple_of: true,
  unrecognized_keys: true,
  invalid_union: true,
  invalid_key: true,
  invalid_element: true,
  invalid_value: true,
  custom: true,
};

/** Reasons of a refusal's `reasons`: the conditions engine's rules, member-token limits, schema issues. */
export type ReasonCode =
  | (typeof violationCodes)[number]
  | (typeof memberTokenLimits)[number]
  | 'currency'
  | 'NotNarrower'
  | 'FlagMismatch'
  | z.core.$ZodIssueCode;

const reasonCodes: ReadonlySet<string> = new Set<ReasonCode>([
  ...violationCodes,
  ...memberTokenLimits,
  'currency',
  'NotNarrower',
  'FlagMismatch',
  ...(Object.keys(schemaIssueCodes) as z.core.$ZodIssueCode[]),
]);

export function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === 'string' && reasonCodes.has(code);
}
