import { ProtocolError } from '@tokenos/protocol';
import { ApiError } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { failureCodeOf, paymentFailureWords, refundFailureWords } from './failure-words.ts';

describe('failure words', () => {
  it('come from the code, never from the message', () => {
    const refused = new ProtocolError(
      'ConditionFailed',
      'maxPerTransaction: expected at most 15.00, got 40.00',
    );
    expect(failureCodeOf(refused)).toBe('ConditionFailed');
    const words = paymentFailureWords(failureCodeOf(refused), 'en');
    expect(words).toBe('The payment was outside the limits you approved in your wallet.');
    expect(words).not.toContain('maxPerTransaction');
    expect(paymentFailureWords(failureCodeOf(new Error('socket hang up')), 'en')).toBe(
      'The payment could not be made.',
    );
    expect(paymentFailureWords('BankRejected', 'en')).toBe('Your bank refused the payment.');
    expect(refundFailureWords(undefined, 'en')).toBe('The refund could not be sent.');
    expect(paymentFailureWords('BankRejected', 'pl')).toBe('Twój bank odrzucił płatność.');
    expect(refundFailureWords('toString', 'de')).toBe('Die Erstattung konnte nicht gesendet werden.');
  });

  it('reads the code of the cloud’s problem+json', () => {
    const e = new ApiError(422, 'Expired', 'expired at 2026-01-01');
    expect(paymentFailureWords(failureCodeOf(e), 'en')).toBe(
      'Your approval expired before the payment was made.',
    );
  });
});
