import { randomBytes } from 'node:crypto';
import {
  base64url,
  customTokenLayout,
  decodeFlags,
  encodeCustomMemberToken,
  fromBase64url,
  fromHex,
  hex,
  keyPairFromSecret,
  MEMBER_TOKEN_JWT_TYPE,
  memberTokenLimits,
  nobleBackend,
  secretKeySigner,
  signMemberTokenJwt,
  utf8,
} from '@tokenos/protocol';
import {
  chargeMemberToken,
  fetchMemberTokenJwks,
  getMemberToken,
  verifyMemberToken,
  verifyMemberTokenJwt,
} from '@tokenos/sdk';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, rowCounts } from '../../test/harness.ts';
import {
  aliceToken,
  eur,
  failure,
  type MemberTokenWorld,
  memberTokenWorld,
  shopAccount,
} from '../../test/member-token-world.ts';
import { rotateMemberTokenHashKey } from './keys.ts';

const cloud = perFileCloud();
let w: MemberTokenWorld;
beforeAll(async () => {
  w = await memberTokenWorld(cloud);
});

async function jwks(): Promise<JSONWebKeySet> {
  const res = await cloud.app.request('http://cloud.test/.well-known/jwks.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as JSONWebKeySet;
}

describe('JWT format, verified by an independent JOSE library (jose) against the JWKS', () => {
  it('jose verifies the signature by kid and reads the claims; oin, not oid', async () => {
    const expiresAt = cloud.clock.now + 3_600_000;
    const token = await aliceToken(
      w,
      { amount: '25.00', expiresAt },
      { loyalty: true, metadata: [{ key: 'loyaltyId', value: 'Grüße 7' }] },
    );
    const set = await jwks();
    expect(set.keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: base64url(cloud.deps.cloudKey.publicKey),
        kid: cloud.deps.cloudKey.keyId,
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    const { payload, protectedHeader } = await jwtVerify(token.jwt, createLocalJWKSet(set), {
      algorithms: ['EdDSA'],
      issuer: 'http://cloud.test',
      typ: MEMBER_TOKEN_JWT_TYPE,
      currentDate: new Date(cloud.clock.now),
    });
    expect(protectedHeader).toEqual({
      alg: 'EdDSA',
      typ: MEMBER_TOKEN_JWT_TYPE,
      kid: cloud.deps.cloudKey.keyId,
    });
    expect(payload).toMatchObject({
      oin: '666666',
      tokenId: token.tokenId,
      entityType: 'consumer',
      loyalty: true,
      limitations: { currency: 'EUR', amount: '25.00', expiresAt },
      entitlements: [],
      metadata: [{ key: 'loyaltyId', value: 'Grüße 7' }],
      exp: Math.floor(expiresAt / 1000),
    });
    expect(payload).not.toHaveProperty('oid');
    // exp is the subscription: jose refuses the JWT once it has ended.
    await expect(
      jwtVerify(token.jwt, createLocalJWKSet(set), { currentDate: new Date(expiresAt + 1000) }),
    ).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    // The SDK's offline check agrees.
    expect((await verifyMemberTokenJwt(token.jwt, await fetchMemberTokenJwks(cloud.client))).tokenId).toBe(
      token.tokenId,
    );
  });

  it('a JWT with altered claims, or signed by another key under our kid, fails in jose and in the cloud', async () => {
    const token = await aliceToken(w, { amount: '25.00' });
    const [h, p] = token.jwt.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(p))) as {
      limitations: { amount: string };
    };
    claims.limitations.amount = '2500.00';
    const forgedSigner = secretKeySigner(
      'Ed25519',
      keyPairFromSecret('Ed25519', randomBytes(32)).secretKey,
      nobleBackend,
    );
    const altered = `${h}.${base64url(utf8(JSON.stringify(claims)))}.${token.jwt.split('.')[2]}`;
    const reSigned = await signMemberTokenJwt(JSON.parse(JSON.stringify(claims)), {
      keyId: cloud.deps.cloudKey.keyId,
      signer: forgedSigner,
    });
    const set = createLocalJWKSet(await jwks());
    for (const bad of [altered, reSigned]) {
      await expect(jwtVerify(bad, set)).rejects.toMatchObject({
        code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      });
      expect(await failureCode(verifyMemberToken(w.shop, bad))).toBe('InvalidSignature');
    }
    const otherKid = await signMemberTokenJwt(JSON.parse(JSON.stringify(claims)), {
      keyId: 'x'.repeat(22),
      signer: forgedSigner,
    });
    expect(await failureCode(verifyMemberToken(w.shop, otherKid))).toBe('UnknownKey');
  });
});

describe('custom format (58 bytes, hex)', () => {
  const fieldCodes: Record<keyof typeof customTokenLayout, string[]> = {
    oin: ['NotFound'],
    // A flag bit that means something breaks the hash; a future-use bit is refused before it.
    flags: ['InvalidSignature', 'Malformed'],
    tokenId: ['InvalidSignature'],
    keyId: ['UnknownKey'],
    hash: ['InvalidSignature'],
  };

  it('a tampered byte in each field is refused, and charges nothing', async () => {
    const token = await aliceToken(w, { amount: '40.00' });
    const account = await shopAccount(w);
    const before = await rowCounts(cloud.db, ['member_token_charges', 'transfers']);
    for (const [field, { offset, length }] of Object.entries(customTokenLayout)) {
      for (const at of [offset, offset + length - 1]) {
        for (const mask of [0x01, 0x80]) {
          const bytes = fromHex(token.custom);
          bytes[at] = bytes[at]! ^ mask;
          const tampered = hex(bytes);
          const code = await failureCode(verifyMemberToken(w.shop, tampered));
          expect(
            fieldCodes[field as keyof typeof customTokenLayout],
            `${field} byte ${at} ^ ${mask}: ${code}`,
          ).toContain(code);
          expect(
            await failureCode(
              chargeMemberToken(w.shop, tampered, {
                amount: eur('1.00'),
                refId: `t${at}-${mask}`,
                destination: account,
              }),
            ),
          ).toBe(code);
        }
      }
    }
    expect(await rowCounts(cloud.db, ['member_token_charges', 'transfers'])).toEqual(before);
    expect((await verifyMemberToken(w.shop, token.custom)).status).toBe('active');
  });

  it('flags that disagree with the stored limitations are refused, even correctly hashed', async () => {
    const token = await aliceToken(w, { amount: '40.00', creditLimit: '90.00' });
    const key = await cloud.db.one<{ key_id: string; secret: Uint8Array }>(
      "select key_id, secret from member_token_keys where status = 'active'",
    );
    const genuine = decodeFlags(fromHex(token.custom).slice(8, 10));
    expect(genuine.limits).toMatchObject({ amount: true, creditLimit: true, singleUse: false });
    const mint = (flags: typeof genuine) =>
      encodeCustomMemberToken(
        { oin: '666666', flags, tokenId: fromHex(token.tokenId), keyId: fromHex(key.key_id) },
        key.secret,
      );
    expect(mint(genuine)).toBe(token.custom);
    for (const limit of memberTokenLimits) {
      if (limit === 'merchant') continue; // a consumer token: the merchant bit alone is still consistent
      const flipped = { ...genuine, limits: { ...genuine.limits, [limit]: !genuine.limits[limit] } };
      const e = await failure(verifyMemberToken(w.shop, mint(flipped)));
      expect(e).toMatchObject({ code: 'Conflict', field: `flags.${limit}` });
    }
    expect(await failure(verifyMemberToken(w.shop, mint({ ...genuine, loyalty: true })))).toMatchObject({
      code: 'Conflict',
      field: 'flags.loyalty',
    });
    expect(
      await failure(
        verifyMemberToken(w.shop, mint({ ...genuine, limits: { ...genuine.limits, merchant: true } })),
      ),
    ).toMatchObject({ code: 'Conflict', field: 'flags.merchant' });
  });

  it('after a key rotation, tokens under the retired key are refused as KeyRetired; a fresh copy has the same id', async () => {
    const token = await aliceToken(w, {});
    const account = await shopAccount(w);
    const next = await rotateMemberTokenHashKey(cloud.db, (n) => new Uint8Array(randomBytes(n)));
    expect(await failure(verifyMemberToken(w.shop, token.custom))).toMatchObject({
      code: 'KeyRetired',
      field: 'keyId',
    });
    expect(
      await failureCode(
        chargeMemberToken(w.shop, token.custom, { amount: eur('1.00'), refId: 'old', destination: account }),
      ),
    ).toBe('KeyRetired');
    const fresh = await getMemberToken(w.shop, token.tokenId);
    expect(fresh.tokenId).toBe(token.tokenId);
    expect(fresh.custom).not.toBe(token.custom);
    expect(fresh.custom.slice(52, 84)).toBe(next.keyId);
    expect(fresh.custom.slice(0, 52)).toBe(token.custom.slice(0, 52));
    expect((await verifyMemberToken(w.shop, fresh.custom)).status).toBe('active');
    expect(
      (
        await chargeMemberToken(w.shop, fresh.custom, {
          amount: eur('1.00'),
          refId: 'new',
          destination: account,
        })
      ).status,
    ).toBe('ACSC');
    // The JWT does not depend on the hash keys.
    expect((await verifyMemberToken(w.shop, token.jwt)).status).toBe('active');
  });
});
