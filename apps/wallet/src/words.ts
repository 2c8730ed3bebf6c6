// What went wrong, for people. Chosen from error codes (the SDK's ApiError, the protocol's
// ProtocolError, WebAuthn error names), never from message text; the words themselves are in
// words.messages.ts, in every language.
import { createTranslator, type Locale } from '@tokenos/i18n';
import type { WordsFor } from '@tokenos/protocol';
import { formatWhen } from './format.ts';
import type { LogDeliveryRecord } from './wallet/log-delivery.ts';
import { passkeyFailure } from './wallet/passkey.ts';
import { wordsMessages } from './words.messages.ts';

export interface Explained {
  title: string;
  detail: string;
  /** Trying the same thing again may work. */
  retry: boolean;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number')
    return error.status;
  return undefined;
}

/** The wallet's own codes beside the protocol's and the services' (WalletError's). */
type WalletOwnCode = 'BankPending' | 'ForeignReturn' | 'NotAnswerable';

/**
 * Whether trying the same thing again may work, per error code: every code of the union, so the
 * compiler names a new one without words; the words are in words.messages.ts.
 */
const retryByCode: WordsFor<boolean, WalletOwnCode> = {
  CloudUnavailable: true,
  CloudTimeout: true,
  BankUnavailable: true,
  BankTimeout: true,
  BankRefused: false,
  BankPending: true,
  TooManyRequests: true,
  ForeignReturn: false,
  NotAnswerable: false,
  ScaFailed: true,
  ScaRequired: true,
  Expired: false,
  Cancelled: false,
  Conflict: false,
  NotFound: false,
  Forbidden: false,
  InsufficientKeyLevel: false,
  KeyExpired: false,
  StaleRequest: true,
  ConditionFailed: false,
  InvalidSignature: false,
  Malformed: false,
  StaleLog: false,
  Forked: false,
  UnknownKey: false,
  BrokenChain: false,
  NotYetValid: false,
  InvalidAmount: false,
  Replay: false,
  KeyRetired: false,
  UnsupportedMediaType: false,
  IdempotencyKeyReused: false,
  IdempotencyKeyInUse: true,
  PayloadTooLarge: false,
  HttpError: false,
  Unavailable: true,
  Internal: true,
};

export type ExplainedCode = keyof typeof retryByCode;

/** Every error code that has its own words. */
export const explainedCodes = Object.keys(retryByCode) as ExplainedCode[];

function isExplainedCode(code: string | undefined): code is ExplainedCode {
  return code !== undefined && Object.hasOwn(retryByCode, code);
}

type Words = 'passkeyCancelled' | 'passkeyUnsupported' | 'passkeyAlreadyRegistered' | 'passkeyOther';
type Fallback = 'serverProblem' | 'noConnection' | 'unknown';

/** `${key}Title` and `${key}Detail` must both be in the catalog: a code without words does not compile. */
function words(locale: Locale, key: ExplainedCode | Words | Fallback, retry: boolean): Explained {
  const t = createTranslator(wordsMessages, locale);
  return { title: t(`${key}Title`), detail: t(`${key}Detail`), retry };
}

/** Words for any error a screen can meet, in `locale`. */
export function explain(error: unknown, locale: Locale): Explained {
  const passkey = passkeyFailure(error);
  if (passkey === 'cancelled') return words(locale, 'passkeyCancelled', true);
  if (passkey === 'unsupported') return words(locale, 'passkeyUnsupported', false);
  if (passkey === 'already-registered') return words(locale, 'passkeyAlreadyRegistered', false);
  if (passkey === 'other') return words(locale, 'passkeyOther', true);
  const code = codeOf(error);
  if (isExplainedCode(code)) return words(locale, code, retryByCode[code]);
  const status = statusOf(error);
  if (status !== undefined && status >= 500) return words(locale, 'serverProblem', true);
  // fetch() rejects with a TypeError when no answer arrives at all.
  if (error instanceof TypeError) return words(locale, 'noConnection', true);
  return words(locale, 'unknown', true);
}

/** Why an approval request could not be shown (the approval screen has a sentence for each). */
export type RequestFailure = 'tampered' | 'ended' | 'not-found' | 'refused' | 'unreachable';

/**
 * Per code, why loading an approval request failed: every code of the union, so a new one is placed
 * by choice. Codes of a service that did not answer come with a 5xx and read as 'unreachable' first.
 */
const requestFailureByCode: WordsFor<RequestFailure, WalletOwnCode> = {
  InvalidSignature: 'tampered',
  BrokenChain: 'tampered',
  Forked: 'tampered',
  StaleLog: 'tampered',
  Expired: 'ended',
  Cancelled: 'ended',
  NotFound: 'not-found',
  Malformed: 'refused',
  UnknownKey: 'refused',
  InsufficientKeyLevel: 'refused',
  KeyExpired: 'refused',
  NotYetValid: 'refused',
  ConditionFailed: 'refused',
  InvalidAmount: 'refused',
  Replay: 'refused',
  StaleRequest: 'refused',
  Conflict: 'refused',
  Forbidden: 'refused',
  ScaRequired: 'refused',
  ScaFailed: 'refused',
  KeyRetired: 'refused',
  UnsupportedMediaType: 'refused',
  BankRefused: 'refused',
  TooManyRequests: 'refused',
  IdempotencyKeyReused: 'refused',
  IdempotencyKeyInUse: 'refused',
  PayloadTooLarge: 'refused',
  HttpError: 'refused',
  BankUnavailable: 'unreachable',
  BankTimeout: 'unreachable',
  CloudUnavailable: 'unreachable',
  CloudTimeout: 'unreachable',
  Unavailable: 'unreachable',
  Internal: 'unreachable',
  BankPending: 'unreachable',
  ForeignReturn: 'refused',
  NotAnswerable: 'refused',
};

/** Why loading an approval request failed: a forged answer, an ended request, no answer at all… */
export function requestFailure(error: unknown): RequestFailure {
  const code = codeOf(error);
  const byCode = isExplainedCode(code) ? requestFailureByCode[code] : undefined;
  if (byCode === 'tampered') return byCode;
  // No answer from the payment service (a network failure, a 5xx), unless it refused the request itself.
  const status = statusOf(error);
  if (status === undefined || status === 0 || status >= 500)
    return code === 'Malformed' ? 'refused' : 'unreachable';
  if (byCode !== undefined) return byCode;
  if (status === 410) return 'ended';
  if (status === 404) return 'not-found';
  return 'refused';
}

/**
 * Whether a linked bank confirmed the latest change to the wallet's keys, passkeys or email (it
 * then refuses a removed key whatever the payment service shows it), in `locale`. No ids, no hashes.
 */
export function bankConfirmation(
  bankName: string,
  record: LogDeliveryRecord | undefined,
  now: number,
  locale: Locale,
  /** The tag the time is formatted with (the browser's regional variant of `locale`). */
  tag: string = locale,
): string {
  const t = createTranslator(wordsMessages, locale);
  if (record?.pending) return t('bankPending', { bank: bankName });
  if (record?.confirmed)
    return t('bankConfirmed', { bank: bankName, when: formatWhen(record.confirmed.at, now, tag) });
  return t('bankNothing', { bank: bankName });
}
