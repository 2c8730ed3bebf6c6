import {
  base64url,
  fromBase64url,
  type TokenRequestResult,
  walletDetourSchema,
  walletMessageSchema,
} from '@tokenos/protocol';
import { describe, expect, it, vi } from 'vitest';
import { WalletError } from '../wallet/wallet-error.ts';
import { explain } from '../words.ts';
import {
  announceDetour,
  assertReturnOnRequester,
  resultRedirectUrl,
  returnToRequester,
  walletMessage,
} from './return.ts';

const requestId = base64url(new Uint8Array(32).fill(7));
const result: TokenRequestResult = {
  type: 'TokenRequestResult',
  version: 1,
  requestId,
  outcome: 'approved',
  tokenId: base64url(new Uint8Array(32).fill(9)),
  state: base64url(new Uint8Array(32).fill(1)),
  createdAt: 1_700_000_000_000,
  keyId: 'k'.repeat(22),
  signature: 'c2lnbmF0dXJl',
};
const nonce = 'widget-session-nonce-01';
const request = {
  requester: { name: 'Demo Shop', domain: 'shop.example' },
  returnOrigin: 'https://shop.example',
  redirectUrl: 'https://shop.example/done?order=42',
};

function environment(opener: { postMessage: (m: unknown, o: string) => void; closed: boolean } | null) {
  return { opener, close: vi.fn(), assign: vi.fn() };
}

describe('the result message (protocol checkout/wallet-message.ts)', () => {
  it('is what the widget accepts: type, version, request id, its own nonce, the signed result', () => {
    const message = walletMessage(requestId, nonce, result);
    expect(walletMessageSchema.parse(message)).toEqual({
      type: 'tokenos:result',
      version: 1,
      requestId,
      nonce,
      result,
    });
  });

  it('refuses a nonce the widget could not have made', () => {
    expect(() => walletMessage(requestId, 'short', result)).toThrow();
    expect(() => walletMessage(requestId, `${nonce}/../`, result)).toThrow();
  });
});

describe('returning to the requester', () => {
  it('posts to the opener at the exact return origin, never "*", then closes the popup', () => {
    const postMessage = vi.fn();
    const env = environment({ postMessage, closed: false });
    const message = walletMessage(requestId, nonce, result);
    expect(returnToRequester(message, request, env)).toBe('posted');
    expect(postMessage).toHaveBeenCalledExactlyOnceWith(message, 'https://shop.example');
    expect(env.close).toHaveBeenCalledOnce();
    expect(env.assign).not.toHaveBeenCalled();
  });

  it('redirects with the message in the fragment when there is no opener, or it closed', () => {
    for (const opener of [null, { postMessage: vi.fn(), closed: true }]) {
      const env = environment(opener);
      const message = walletMessage(requestId, nonce, result);
      expect(returnToRequester(message, request, env)).toBe('redirected');
      const url = new URL(env.assign.mock.calls[0]?.[0] as string);
      expect(url.origin + url.pathname + url.search).toBe('https://shop.example/done?order=42');
      const encoded = new URLSearchParams(url.hash.slice(1)).get('tokenos-result') ?? '';
      expect(JSON.parse(new TextDecoder().decode(fromBase64url(encoded)))).toEqual(message);
      expect(opener?.postMessage ?? vi.fn()).not.toHaveBeenCalled();
    }
  });

  it('does neither with no opener and no redirect URL (the widget polls the cloud)', () => {
    const env = environment(null);
    const message = walletMessage(requestId, nonce, result);
    expect(
      returnToRequester(message, { requester: request.requester, returnOrigin: request.returnOrigin }, env),
    ).toBe('none');
    expect(env.assign).not.toHaveBeenCalled();
    expect(env.close).not.toHaveBeenCalled();
  });

  it('replaces a fragment the redirect URL already had', () => {
    const message = walletMessage(requestId, nonce, result);
    const url = new URL(resultRedirectUrl('https://shop.example/done#step-3', message));
    expect(url.hash.startsWith('#tokenos-result=')).toBe(true);
    expect(url.hash).not.toContain('step-3');
  });
});

describe('announcing a bank detour to the merchant page', () => {
  it('tells the opener, at the request’s exact return origin, that the popup leaves and comes back', () => {
    const opener = { closed: false, postMessage: vi.fn() };
    expect(announceDetour(requestId, nonce, request, opener)).toBe(true);
    expect(opener.postMessage).toHaveBeenCalledWith(
      { type: 'tokenos:detour', version: 1, requestId, nonce },
      'https://shop.example',
    );
    expect(() => walletDetourSchema.parse(opener.postMessage.mock.calls[0]?.[0])).not.toThrow();
  });
  it('has nobody to tell without an opener', () => {
    expect(announceDetour(requestId, nonce, request, null)).toBe(false);
    expect(announceDetour(requestId, nonce, request, { closed: true, postMessage: vi.fn() })).toBe(false);
  });
});

describe('the wallet’s own check of where a request sends the user (issue 13 item 6)', () => {
  const refusal = (r: Parameters<typeof assertReturnOnRequester>[0]) => {
    try {
      assertReturnOnRequester(r);
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('refuses a return on another site than the requester it shows, in words for the user', () => {
    const hostile = [
      { ...request, returnOrigin: 'https://evil.example', redirectUrl: 'https://evil.example/done' },
      { ...request, redirectUrl: 'https://evil.example/done' },
      { ...request, returnOrigin: 'https://pay.shop.example', redirectUrl: undefined },
      { ...request, returnOrigin: 'http://shop.example', redirectUrl: 'http://shop.example/done' },
      { ...request, returnOrigin: 'https://shop.example.evil.example', redirectUrl: undefined },
    ];
    for (const r of hostile) {
      const e = refusal(r);
      expect(e, JSON.stringify(r)).toBeInstanceOf(WalletError);
      expect((e as WalletError).code).toBe('ForeignReturn');
      expect(explain(e, 'en')).toMatchObject({
        title: 'This shop asked to send you to a different website',
        retry: false,
      });
      expect(explain(e, 'en').detail).toContain('Nothing was paid');
    }
  });

  it('accepts the requester’s own host, and http on a local name', () => {
    expect(refusal(request)).toBeUndefined();
    expect(refusal({ ...request, requester: { name: 'Shop', domain: 'SHOP.example' } })).toBeUndefined();
    expect(
      refusal({
        requester: { name: 'Demo Shop', domain: 'localhost:5174' },
        returnOrigin: 'http://localhost:5174',
        redirectUrl: 'http://localhost:5174/cart',
      }),
    ).toBeUndefined();
  });

  it('neither posts nor navigates to a return off the requester’s domain', () => {
    const postMessage = vi.fn();
    const message = walletMessage(requestId, nonce, result);
    const hostile = {
      ...request,
      returnOrigin: 'https://evil.example',
      redirectUrl: 'https://evil.example/x',
    };
    for (const opener of [null, { postMessage, closed: false }]) {
      const env = environment(opener);
      expect(returnToRequester(message, hostile, env)).toBe('none');
      expect(env.assign).not.toHaveBeenCalled();
    }
    expect(postMessage).not.toHaveBeenCalled();
  });
});
