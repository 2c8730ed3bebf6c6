import { base64url, fromBase64url, scaChallenge } from '@tokenos/protocol';
import { passkeyAssertionFromJSON } from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import {
  assertionFromSpcCredential,
  type SpcDisplay,
  spcRequestArgs,
} from './secure-payment-confirmation.ts';

const display: SpcDisplay = {
  amount: { value: '42.00', currency: 'EUR' },
  rpId: 'localhost',
  payeeName: 'Demo Shop',
  payeeDomain: 'shop.example',
  instrument: 'Iron Bank · Savings ••••1234',
};

describe('spcRequestArgs', () => {
  it('asks the browser to show the amount, the verified payee domain and the account', () => {
    const challenge = scaChallenge('x'.repeat(43));
    const id = base64url(new Uint8Array([1, 2, 3, 4]));
    const { methodData, details } = spcRequestArgs(challenge, [id], display, 'http://localhost/icon.png');
    expect(details.total).toEqual({ label: 'Total', amount: { currency: 'EUR', value: '42.00' } });
    expect(methodData).toHaveLength(1);
    expect(methodData[0]?.supportedMethods).toBe('secure-payment-confirmation');
    expect(methodData[0]?.data).toMatchObject({
      challenge,
      rpId: 'localhost',
      payeeName: 'Demo Shop',
      // SPC requires https for the payee origin; the cloud checks it names the payee's verified domain.
      payeeOrigin: 'https://shop.example',
      instrument: { displayName: 'Iron Bank · Savings ••••1234', icon: 'http://localhost/icon.png' },
    });
    const ids = (methodData[0]?.data as { credentialIds: Uint8Array[] } | undefined)?.credentialIds ?? [];
    expect(ids.map((b) => [...b])).toEqual([[1, 2, 3, 4]]);
  });
});

describe('assertionFromSpcCredential', () => {
  it("turns the browser's PublicKeyCredential into the assertion the cloud verifies", async () => {
    const auth = new SoftAuthenticator('http://localhost:5173');
    const created = await auth.create({
      rp: { id: 'localhost', name: 'Wallet' },
      user: { id: base64url(new Uint8Array([7])), name: 'alice', displayName: 'alice' },
      challenge: base64url(new Uint8Array(32)),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    });
    const json = await auth.get(
      { credentialId: created.id, challenge: scaChallenge('y'.repeat(43)) },
      {
        payment: {
          rpId: 'localhost',
          topOrigin: 'http://localhost:5173',
          payeeOrigin: 'https://shop.example',
          total: display.amount,
          instrument: { displayName: display.instrument, icon: 'http://localhost/icon.png' },
        },
      },
    );
    const buffer = (b64: string) => new Uint8Array(fromBase64url(b64)).slice().buffer;
    const credential = {
      rawId: buffer(json.rawId),
      response: {
        clientDataJSON: buffer(json.response.clientDataJSON),
        authenticatorData: buffer(json.response.authenticatorData),
        signature: buffer(json.response.signature),
        userHandle: buffer(json.response.userHandle ?? ''),
      },
    };
    expect(assertionFromSpcCredential(credential)).toEqual(passkeyAssertionFromJSON(json));
  });

  it('refuses a credential without an assertion response, naming what is missing', () => {
    expect(() => assertionFromSpcCredential({ rawId: new ArrayBuffer(4) })).toThrow(/authenticatorData/);
  });
});
