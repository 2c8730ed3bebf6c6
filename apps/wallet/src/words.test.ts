import { WebAuthnError } from '@simplewebauthn/browser';
import { ApiError } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { WalletError } from './wallet/wallet-error.ts';
import { explain } from './words.ts';

function domError(name: string): Error {
  const e = new Error('browser says no');
  e.name = name;
  return e;
}

describe('errors in words, chosen by code', () => {
  it('a cancelled or failed passkey check, as the browser reports it', () => {
    const cancelled = new WebAuthnError({
      message: 'whatever the platform says',
      code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY',
      cause: domError('NotAllowedError'),
    });
    expect(explain(cancelled)).toMatchObject({ title: 'The passkey was not confirmed', retry: true });
    expect(explain(domError('NotAllowedError')).title).toBe('The passkey was not confirmed');
    expect(explain(domError('NotSupportedError')).retry).toBe(false);
  });

  it('the cloud’s codes, never its messages', () => {
    expect(explain(new ApiError(403, 'ScaFailed', 'assertion bad')).title).toBe(
      'Your passkey could not confirm this',
    );
    expect(explain(new ApiError(409, 'Expired', 'x')).retry).toBe(false);
    expect(explain(new ApiError(502, 'CloudUnavailable', 'x'))).toMatchObject({ retry: true });
    expect(explain(new ApiError(503, 'Http503', 'x')).title).toBe('The payment service had a problem');
    // The same message with another code says something else.
    expect(explain(new ApiError(409, 'Cancelled', 'assertion bad')).title).toBe('This was cancelled');
    // Looking up a shop's or person's address too often (issue 13 item 5).
    expect(explain(new ApiError(429, 'TooManyRequests', 'x'))).toMatchObject({
      title: 'Too many tries in a short time',
      retry: true,
    });
  });

  it('the wallet’s own failures', () => {
    expect(explain(new WalletError('BankRefused', 'x')).title).toBe('Your bank refused this payment');
    expect(explain(new WalletError('BankPending', 'x')).retry).toBe(true);
  });

  it('no answer at all, and anything else', () => {
    expect(explain(new TypeError('Failed to fetch')).title).toBe('No connection');
    expect(explain(new Error('?')).title).toBe('Something went wrong');
  });
});
