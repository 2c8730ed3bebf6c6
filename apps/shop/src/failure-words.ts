// Why a payment or a refund did not happen, in words a shopper reads, chosen from the error's code
// (the cloud's problem+json code, or the shop's own), never from its message: a message is for
// logs and can carry a limit's internal name ("maxPerTransaction: ...").
import { createTranslator, type Locale, type MessageKey } from '@tokenos/i18n';
import { isProtocolError } from '@tokenos/protocol';
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

const paymentWords: Readonly<Record<string, FailureKey>> = {
  ConditionFailed: 'ConditionFailed',
  Expired: 'Expired',
  Cancelled: 'Cancelled',
  Forbidden: 'Forbidden',
  NotFound: 'NotFound',
  BankRejected: 'BankRefused',
  BankRefused: 'BankRefused',
  AmountMismatch: 'AmountMismatch',
};

const refundWords: Readonly<Record<string, FailureKey>> = {
  BankRejected: 'refundBankRefused',
  BankRefused: 'refundBankRefused',
  Forbidden: 'refundForbidden',
};

const wordsFor = (words: Readonly<Record<string, FailureKey>>, code: string | undefined) =>
  code !== undefined && Object.hasOwn(words, code) ? words[code] : undefined;

/** "Your bank refused the payment."; a general sentence for a code without words of its own. */
export function paymentFailureWords(code: string | undefined, locale: Locale): string {
  return createTranslator(failureMessages, locale)(wordsFor(paymentWords, code) ?? 'paymentOther');
}

export function refundFailureWords(code: string | undefined, locale: Locale): string {
  return createTranslator(failureMessages, locale)(wordsFor(refundWords, code) ?? 'refundOther');
}
