// Why a payment or a refund did not happen, in words a shopper reads, chosen from the error's code
// (the cloud's problem+json code, or the shop's own), never from its message: a message is for
// logs and can carry a limit's internal name ("maxPerTransaction: ...").
import { createTranslator, type Locale, type MessageKey } from '@tokenos/i18n';
import { isProtocolError, type WordsFor } from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';
import { failureMessages } from './failure-words.messages.ts';

/** The shop's own codes beside the cloud's: the bank said RJCT; the approval was for another amount. */
export type ShopFailureCode = 'BankRejected' | 'AmountMismatch';

/** The code of a failure, when it has one. */
export function failureCodeOf(e: unknown): string | undefined {
  if (isApiError(e) || isProtocolError(e)) return e.code;
  return undefined;
}

type FailureKey = MessageKey<typeof failureMessages>;

/**
 * Words for every code, so the compiler names a new one: a code a shopper cannot act on (a signature,
 * a key, the service's own failures) gets the general sentence, but by choice, in the table.
 */
const paymentWords: WordsFor<FailureKey, ShopFailureCode> = {
  ConditionFailed: 'ConditionFailed',
  Expired: 'Expired',
  Cancelled: 'Cancelled',
  Forbidden: 'Forbidden',
  NotFound: 'NotFound',
  BankRejected: 'BankRefused',
  BankRefused: 'BankRefused',
  AmountMismatch: 'AmountMismatch',
  Malformed: 'paymentOther',
  InvalidSignature: 'paymentOther',
  UnknownKey: 'paymentOther',
  InsufficientKeyLevel: 'paymentOther',
  KeyExpired: 'paymentOther',
  BrokenChain: 'paymentOther',
  Forked: 'paymentOther',
  StaleLog: 'paymentOther',
  NotYetValid: 'paymentOther',
  InvalidAmount: 'paymentOther',
  Replay: 'paymentOther',
  StaleRequest: 'paymentOther',
  Conflict: 'paymentOther',
  ScaRequired: 'paymentOther',
  ScaFailed: 'paymentOther',
  KeyRetired: 'paymentOther',
  UnsupportedMediaType: 'paymentOther',
  BankUnavailable: 'paymentOther',
  BankTimeout: 'paymentOther',
  CloudUnavailable: 'paymentOther',
  CloudTimeout: 'paymentOther',
  TooManyRequests: 'paymentOther',
  IdempotencyKeyReused: 'paymentOther',
  IdempotencyKeyInUse: 'paymentOther',
  PayloadTooLarge: 'paymentOther',
  HttpError: 'paymentOther',
  Unavailable: 'paymentOther',
  Internal: 'paymentOther',
};

const refundWords: WordsFor<FailureKey, ShopFailureCode> = {
  BankRejected: 'refundBankRefused',
  BankRefused: 'refundBankRefused',
  Forbidden: 'refundForbidden',
  ConditionFailed: 'refundOther',
  Expired: 'refundOther',
  Cancelled: 'refundOther',
  NotFound: 'refundOther',
  AmountMismatch: 'refundOther',
  Malformed: 'refundOther',
  InvalidSignature: 'refundOther',
  UnknownKey: 'refundOther',
  InsufficientKeyLevel: 'refundOther',
  KeyExpired: 'refundOther',
  BrokenChain: 'refundOther',
  Forked: 'refundOther',
  StaleLog: 'refundOther',
  NotYetValid: 'refundOther',
  InvalidAmount: 'refundOther',
  Replay: 'refundOther',
  StaleRequest: 'refundOther',
  Conflict: 'refundOther',
  ScaRequired: 'refundOther',
  ScaFailed: 'refundOther',
  KeyRetired: 'refundOther',
  UnsupportedMediaType: 'refundOther',
  BankUnavailable: 'refundOther',
  BankTimeout: 'refundOther',
  CloudUnavailable: 'refundOther',
  CloudTimeout: 'refundOther',
  TooManyRequests: 'refundOther',
  IdempotencyKeyReused: 'refundOther',
  IdempotencyKeyInUse: 'refundOther',
  PayloadTooLarge: 'refundOther',
  HttpError: 'refundOther',
  Unavailable: 'refundOther',
  Internal: 'refundOther',
};

const wordsFor = (words: Readonly<Record<string, FailureKey>>, code: string | undefined) =>
  code !== undefined && Object.hasOwn(words, code) ? words[code] : undefined;

/** "Your bank refused the payment."; the general sentence for no code or one outside the tables. */
export function paymentFailureWords(code: string | undefined, locale: Locale): string {
  return createTranslator(failureMessages, locale)(wordsFor(paymentWords, code) ?? 'paymentOther');
}

export function refundFailureWords(code: string | undefined, locale: Locale): string {
  return createTranslator(failureMessages, locale)(wordsFor(refundWords, code) ?? 'refundOther');
}
