import { walletMessageSchema } from '@tokenos/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptWalletMessage,
  parseTokenRequestResult,
  parseWalletMessage,
  readResultFragment,
  withoutResultFragment,
} from './message.ts';
import { base64url } from './nonce.ts';

const walletOrigin = 'http://localhost:5173';
const requestId = 'Rq3xQ9fYb1m0kZp8sV7tW2uA4cD6eF8gH0iJ2kL4mN6';
const nonce = 'n0nce-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk';
const expected = { walletOrigin, requestId, nonce };
const popup = { name: 'the popup this checkout opened' };

function result(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'TokenRequestResult',
    version: 1,
    requestId,
    outcome: 'approved',
    tokenId: 'Tk9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_aB',
    state: 'St4teSt4teSt4teSt4teSt4teSt4teSt4teSt4teSt4',
    createdAt: 1_763_780_000_000,
    keyId: 'Ky0123456789abcdefghij',
    signature: 'c2lnbmF0dXJlLWJ5dGVzLW9mLXRoZS1jbG91ZC1rZXktZWQyNTUxOQ',
    ...overrides,
  };
}

function message(overrides: Record<string, unknown> = {}, resultOverrides: Record<string, unknown> = {}) {
  return {
    type: 'tokenos:result',
    version: 1,
    requestId,
    nonce,
    result: result(resultOverrides),
    ...overrides,
  };
}

const event = (data: unknown, origin = walletOrigin, source: unknown = popup) => ({ origin, data, source });

describe('the widget accepts the wallet’s message', () => {
  it('from the wallet’s exact origin and window, for its request, with its nonce', () => {
    const accepted = acceptWalletMessage(event(message()), { ...expected, source: popup });
    expect(accepted?.result.tokenId).toBe('Tk9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_aB');
    expect(accepted).toEqual(message());
  });

  it('a decline (no token) as well', () => {
    const declined = message({}, { outcome: 'declined', tokenId: null });
    expect(acceptWalletMessage(event(declined), expected)?.result.outcome).toBe('declined');
  });

  it('matches the protocol schema on the valid message', () => {
    expect(walletMessageSchema.safeParse(message()).success).toBe(true);
  });

  it('an approved member-token request with its member token id (issue 7), and nothing looser', () => {
    const memberTokenId = '0123456789abcdef0123456789abcdef';
    const approved = message({}, { memberTokenId });
    expect(acceptWalletMessage(event(approved), expected)?.result.memberTokenId).toBe(memberTokenId);
    expect(walletMessageSchema.safeParse(approved).success).toBe(true);
    for (const bad of [
      message({}, { memberTokenId: memberTokenId.toUpperCase() }),
      message({}, { memberTokenId: 42 }),
      message({}, { memberTokenId, outcome: 'declined', tokenId: null }),
    ])
      expect(acceptWalletMessage(event(bad), expected)).toBeUndefined();
  });
});

describe('the widget ignores everything else', () => {
  const cases: [string, ReturnType<typeof event>][] = [
    ['another origin', event(message(), 'http://localhost:6666')],
    ['the wallet origin with another port', event(message(), 'http://localhost:51730')],
    ['the wallet origin over https', event(message(), 'https://localhost:5173')],
    ['a trailing slash on the origin', event(message(), `${walletOrigin}/`)],
    ['the null origin (sandboxed frame, file:)', event(message(), 'null')],
    ['another window on the wallet origin', event(message(), walletOrigin, { other: true })],
    ['another request', event(message({ requestId: 'X'.repeat(43) }))],
    ['a result for another request', event(message({}, { requestId: 'X'.repeat(43) }))],
    ['another nonce', event(message({ nonce: 'someone-elses-nonce-0123456789' }))],
    ['no nonce', event({ ...message(), nonce: undefined })],
    ['a nonce of another shape', event(message({ nonce: `${nonce}!` }))],
    ['another message type', event(message({ type: 'tokenos:approved' }))],
    ['another version', event(message({ version: 2 }))],
    ['an extra key', event({ ...message(), amount: '0.01' })],
    ['an extra key in the result', event(message({}, { amount: '0.01' }))],
    ['an approval without a token', event(message({}, { tokenId: null }))],
    ['a decline with a token', event(message({}, { outcome: 'declined' }))],
    ['an unknown outcome', event(message({}, { outcome: 'paid' }))],
    ['a malformed token id', event(message({}, { tokenId: 'short' }))],
    ['a float time', event(message({}, { createdAt: 1.5 }))],
    ['a string time', event(message({}, { createdAt: '1763780000000' }))],
    ['a malformed signature', event(message({}, { signature: 'not base64url!' }))],
    ['a short state', event(message({}, { state: 'abc' }))],
    ['a JSON string instead of an object', event(JSON.stringify(message()))],
    ['an array', event([message()])],
    ['null', event(null)],
    ['a number', event(42)],
  ];
  it.each(cases)('%s', (_, e) => {
    expect(acceptWalletMessage(e, { ...expected, source: popup })).toBeUndefined();
  });

  it('the same message with the expectation of another checkout', () => {
    expect(
      parseWalletMessage(message(), { requestId, nonce: 'another-checkouts-nonce-0123' }),
    ).toBeUndefined();
    expect(parseWalletMessage(message(), { requestId: 'Y'.repeat(43), nonce })).toBeUndefined();
  });

  it('inherited keys do not count as present', () => {
    const proto = message();
    const sneaky = Object.create(proto);
    expect(parseWalletMessage(sneaky, expected)).toBeUndefined();
  });
});

describe('the hand-written filter agrees with the protocol’s schema', () => {
  // Any single key of the message or its result replaced by an arbitrary JSON value: the widget
  // accepts exactly when the protocol schema does and the request and nonce are still this checkout's.
  const keys = ['type', 'version', 'requestId', 'nonce', 'result'] as const;
  const resultKeys = Object.keys(result());
  it('for arbitrary replacements', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...keys), fc.constantFrom(...resultKeys.map((k) => `result.${k}`))),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom(
            null,
            'approved',
            'declined',
            1,
            2,
            'X'.repeat(43),
            'Ky0123456789abcdefghij',
            -1,
            2 ** 53,
          ),
          fc.stringMatching(/^[A-Za-z0-9_-]{40,46}$/),
        ),
        (path, value) => {
          const m = message() as Record<string, unknown>;
          if (path.startsWith('result.')) (m.result as Record<string, unknown>)[path.slice(7)] = value;
          else m[path] = value;
          const schemaOk = walletMessageSchema.safeParse(m).success;
          const r = m.result as Record<string, unknown> | null;
          const consistent =
            typeof r === 'object' &&
            r !== null &&
            (r.outcome === 'approved' ? r.tokenId !== null : r.tokenId === null) &&
            r.requestId === m.requestId;
          const ours = m.requestId === requestId && m.nonce === nonce;
          expect(parseWalletMessage(m, expected) !== undefined).toBe(schemaOk && consistent && ours);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('a polled result', () => {
  it('is accepted for its request only', () => {
    expect(parseTokenRequestResult(result(), requestId)).toEqual(result());
    expect(parseTokenRequestResult(result(), 'Z'.repeat(43))).toBeUndefined();
    expect(parseTokenRequestResult({ ...result(), extra: true }, requestId)).toBeUndefined();
  });
});

describe('the redirect fragment', () => {
  const encode = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

  it('decodes base64url JSON, unicode included', () => {
    const data = { ...message(), note: 'Café ✓' };
    expect(readResultFragment(`#tokenos-result=${encode(data)}`)).toEqual(data);
    expect(readResultFragment(`#a=1&tokenos-result=${encode(message())}`)).toEqual(message());
  });

  it('is absent or undecodable: undefined', () => {
    expect(readResultFragment('')).toBeUndefined();
    expect(readResultFragment('#section-2')).toBeUndefined();
    expect(readResultFragment('#tokenos-result=')).toBeUndefined();
    expect(readResultFragment('#tokenos-result=%%%')).toBeUndefined();
    expect(readResultFragment('#tokenos-result=a')).toBeUndefined();
    expect(readResultFragment(`#tokenos-result=${base64url(new Uint8Array([0xff, 0xfe]))}`)).toBeUndefined();
    expect(readResultFragment(`#tokenos-result=${'A'.repeat(8_004)}`)).toBeUndefined();
  });

  it('is removed, other fragment keys kept', () => {
    expect(withoutResultFragment(`#tokenos-result=${encode(message())}`)).toBe('');
    expect(withoutResultFragment('#a=1&tokenos-result=xyz')).toBe('#a=1');
    expect(withoutResultFragment('#section-2')).toBe('#section-2');
  });
});

describe('a payment that asked for a shipping address', () => {
  const grant = 'Ac9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_aB';
  it('carries the address grant, or null when none was shared, as the protocol schema does', () => {
    for (const accessTokenId of [grant, null]) {
      const r = result({ accessTokenId });
      expect(parseTokenRequestResult(r, requestId)?.accessTokenId).toBe(accessTokenId);
      expect(walletMessageSchema.safeParse(message({}, { accessTokenId })).success).toBe(true);
    }
  });
  it('refuses a malformed grant id or one on a declined result', () => {
    expect(parseTokenRequestResult(result({ accessTokenId: 'short' }), requestId)).toBeUndefined();
    expect(parseTokenRequestResult(result({ accessTokenId: 42 }), requestId)).toBeUndefined();
    expect(
      parseTokenRequestResult(result({ outcome: 'declined', tokenId: null, accessTokenId: null }), requestId),
    ).toBeUndefined();
  });
});
