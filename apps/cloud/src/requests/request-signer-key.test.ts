import { base64url, signObject, type TokenRequest } from '@tokenos/protocol';
import { csrfState, Member, MemoryKeyStore } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud } from '../../test/harness.ts';

const cloud = perFileCloud();

/**
 * Posts a token request whose object is signed by the key `keyId` of `shop`, while the HTTP call
 * itself is signed by a current key the SDK picks: the two keys are checked apart.
 */
async function postSignedWith(shop: Member, keyId: string, signWith = keyId) {
  const now = cloud.clock.now;
  const unsigned: Omit<TokenRequest, 'signature'> = {
    type: 'TokenRequest',
    version: 1,
    nonce: base64url(crypto.getRandomValues(new Uint8Array(16))),
    signer: { memberId: shop.id, keyId },
    createdAt: now,
    expiresAt: now + 15 * 60_000,
    body: {
      kind: 'transfer',
      amount: { value: '5.00', currency: 'EUR' },
      description: 'Order 7',
      refId: 'order-7',
    },
    requester: { name: 'Demo Shop', domain: 'localhost:5174' },
    returnOrigin: 'http://localhost:5174',
    state: csrfState('a csrf token of the shop session'),
  };
  const request = await signObject(unsigned, await shop.keyStore.signer(shop.id, signWith));
  return shop.client.send<{ id: string }>(
    'POST',
    '/api/v1/token-requests',
    request,
    await shop.signerFor('LOW'),
  );
}

describe('the key that signs a token request', () => {
  it('is refused once expired, though the call itself is signed with a current key', async () => {
    const shop = await Member.create(cloud.client, new MemoryKeyStore());
    const low = (await shop.keys()).find((k) => k.level === 'LOW');
    if (low?.expiresAt === undefined) throw new Error('expected a LOW key with an end');
    expect((await postSignedWith(shop, low.id)).id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const before = cloud.clock.now;
    cloud.clock.now = low.expiresAt;
    try {
      // The HTTP call is signed with the STANDARD key now (the LOW one is over), the request with LOW.
      expect(await failureCode(postSignedWith(shop, low.id))).toBe('KeyExpired');
      const standard = (await shop.keys()).find((k) => k.level === 'STANDARD');
      expect((await postSignedWith(shop, standard!.id)).id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      cloud.clock.now = before;
    }
  });

  it('is one the requester has: a removed key is UnknownKey, and a signature by another key does not verify', async () => {
    const shop = await Member.create(cloud.client, new MemoryKeyStore());
    const extra = await shop.addKey('STANDARD');
    const standard = (await shop.keys()).find((k) => k.level === 'STANDARD' && k.id !== extra.id);
    // Names the shop's STANDARD key, signed by the extra one.
    expect(await failureCode(postSignedWith(shop, standard!.id, extra.id))).toBe('InvalidSignature');
    // Kept in the key store, gone from the directory.
    await shop.applyDirectoryAction({ kind: 'removeKey', keyId: extra.id });
    expect(await failureCode(postSignedWith(shop, extra.id))).toBe('UnknownKey');
  });
});
