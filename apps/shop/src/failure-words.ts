// Why a payment or a refund did not happen, in words a shopper reads, chosen from the error's code
// (the cloud's problem+json code, or the shop's own), never from its message: a message is for
// logs and can carry a limit's internal name ("maxPerTransaction: ...").
import { isProtocolError } from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';

/** The shop's own codes beside the cloud's: the bank said RJCT; the approval was for another amount. */
export type ShopFailureCode = 'BankRejected' | 'AmountMismatch';

/** The code of a failure, when it has one. */
export function failureCodeOf(e: unknown): string | undefined {
  if (isApiError(e) || isProtocolError(e)) return e.code;
  return undefined;
}

const paymentWords: Record<string, string> = {
  ConditionFailed: 'The payment was outside the limits you approved in your wallet.',
  Expired: 'Your approval expired before the payment was made.',
  Cancelled: 'The approval was cancelled in your wallet.',
  Forbidden: 'The payment service did not allow this payment.',
  NotFound: 'The payment service no longer knows this approval.',
  BankRejected: 'Your bank refused the payment.',
  BankRefused: 'Your bank refused the payment.',
  AmountMismatch: 'The amount you approved was not the order total.',
};

const refundWords: Record<string, string> = {
  BankRejected: 'The bank refused the refund.',
  BankRefused: 'The bank refused the refund.',
  Forbidden: 'The payment service did not allow the refund.',
};

/** "Your bank refused the payment."; a general sentence for a code without words of its own. */
export function paymentFailureWords(code: string | undefined): string {
  return (code && paymentWords[code]) || 'The payment could not be made.';
}

export function refundFailureWords(code: string | undefined): string {
  return (code && refundWords[code]) || 'The refund could not be sent.';
}
