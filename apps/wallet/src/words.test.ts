import { WebAuthnError } from '@simplewebauthn/browser';
import { locales } from '@tokenos/i18n';
import { errorCodes } from '@tokenos/protocol';
import { ApiError } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { WalletError } from './wallet/wallet-error.ts';
import { bankConfirmation, explain, explainedCodes, requestFailure } from './words.ts';

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
    expect(explain(cancelled, 'en')).toMatchObject({ title: 'The passkey was not confirmed', retry: true });
    expect(explain(domError('NotAllowedError'), 'en').title).toBe('The passkey was not confirmed');
    expect(explain(domError('NotSupportedError'), 'en').retry).toBe(false);
  });

  it('the cloud’s codes, never its messages', () => {
    expect(explain(new ApiError(403, 'ScaFailed', 'assertion bad'), 'en').title).toBe(
      'Your passkey could not confirm this',
    );
    expect(explain(new ApiError(409, 'Expired', 'x'), 'en').retry).toBe(false);
    expect(explain(new ApiError(502, 'CloudUnavailable', 'x'), 'en')).toMatchObject({ retry: true });
    expect(explain(new ApiError(503, 'Http503', 'x'), 'en').title).toBe('The payment service had a problem');
    // The same message with another code says something else.
    expect(explain(new ApiError(409, 'Cancelled', 'assertion bad'), 'en').title).toBe('This was cancelled');
    // Looking up a shop's or person's address too often (issue 13 item 5).
    expect(explain(new ApiError(429, 'TooManyRequests', 'x'), 'en')).toMatchObject({
      title: 'Too many tries in a short time',
      retry: true,
    });
  });

  it('the wallet’s own failures', () => {
    expect(explain(new WalletError('BankRefused', 'x'), 'en').title).toBe('Your bank refused this payment');
    expect(explain(new WalletError('BankPending', 'x'), 'en').retry).toBe(true);
  });

  it('no answer at all, and anything else', () => {
    expect(explain(new TypeError('Failed to fetch'), 'en').title).toBe('No connection');
    expect(explain(new Error('?'), 'en').title).toBe('Something went wrong');
  });
});

describe('why an approval request could not be shown, chosen by code', () => {
  it('a forged answer, an ended or unknown request, no answer, a refusal', () => {
    // A forged answer is said as such even when it reached the wallet without a status.
    expect(requestFailure(Object.assign(new Error('x'), { code: 'BrokenChain' }))).toBe('tampered');
    expect(requestFailure(new ApiError(409, 'Expired', 'x'))).toBe('ended');
    expect(requestFailure(new ApiError(404, 'NotFound', 'x'))).toBe('not-found');
    expect(requestFailure(new ApiError(400, 'Replay', 'x'))).toBe('refused');
    expect(requestFailure(new ApiError(503, 'Unavailable', 'x'))).toBe('unreachable');
    expect(requestFailure(new ApiError(500, 'Malformed', 'x'))).toBe('refused');
    expect(requestFailure(new TypeError('Failed to fetch'))).toBe('unreachable');
    // A code outside the union: its status decides.
    expect(requestFailure(new ApiError(410, 'Gone', 'x'))).toBe('ended');
    expect(requestFailure(new ApiError(418, 'Teapot', 'x'))).toBe('refused');
  });
});

describe('errors in words, in every language', () => {
  it('every error code has its own words in every language, and they are not English elsewhere', () => {
    // Every code a service or the protocol can answer with, not only the common ones.
    expect(explainedCodes).toEqual(expect.arrayContaining([...errorCodes]));
    for (const code of explainedCodes) {
      // Any error carrying the code: the cloud's (ApiError), the protocol's or the wallet's own.
      const error = Object.assign(new Error('the same message text'), { code });
      const english = explain(error, 'en');
      // Its own words, not the fallback's.
      expect(english.title, code).not.toBe(explain(new Error('?'), 'en').title);
      for (const locale of locales) {
        const words = explain(error, locale);
        expect(words.title, `${code} ${locale}`).not.toBe('');
        expect(words.detail, `${code} ${locale}`).not.toBe('');
        expect(words.retry, `${code} ${locale}`).toBe(english.retry);
        if (locale !== 'en') expect(words.detail, `${code} ${locale}`).not.toBe(english.detail);
      }
    }
  });

  it('a known code in Polish and German', () => {
    const error = new WalletError('BankRefused', 'x');
    expect(explain(error, 'pl').title).toBe('Twój bank odrzucił tę płatność');
    expect(explain(error, 'de').title).toBe('Ihre Bank hat diese Zahlung abgelehnt');
    expect(explain(new TypeError('Failed to fetch'), 'fr').title).toBe('Pas de connexion');
  });

  it('a bank’s confirmation in the reader’s language, its time through Intl', () => {
    const at = Date.UTC(2026, 11, 7, 16, 36);
    const confirmed = { bankId: 'b', confirmed: { seq: 1, hash: 'h', at }, pending: false };
    expect(bankConfirmation('Iron Bank', undefined, at, 'de')).toBe(
      'Seit der Verknüpfung gibt es keine Änderung, die Iron Bank bestätigen muss.',
    );
    const german = bankConfirmation('Iron Bank', confirmed, at, 'de');
    expect(german).toMatch(/^Iron Bank hat Ihre letzte Änderung um .+ bestätigt\.$/);
    expect(german).toContain(new Intl.DateTimeFormat('de', { timeStyle: 'short' }).format(at));
  });
});
