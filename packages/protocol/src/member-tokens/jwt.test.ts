import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flipByte } from '../../test/signature-properties.ts';
import { canonicalize } from '../canonical.ts';
import { keyIdOf } from '../directory/entries.ts';
import { base64url, fromBase64url, utf8 } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { keyPairFromSecret } from '../key-pair.ts';
import { nobleBackend } from '../signature-noble.ts';
import { secretKeySigner } from '../signing.ts';
import type { MemberTokenClaims } from './claims.ts';
import {
  MEMBER_TOKEN_JWT_TYPE,
  memberTokenJwk,
  parseMemberTokenJwt,
  signMemberTokenJwt,
  verifyMemberTokenJwtSignature,
} from './jwt.ts';

const pair = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(3));
const kid = keyIdOf('Ed25519', pair.publicKey);
const signer = secretKeySigner('Ed25519', pair.secretKey, nobleBackend);
const bank = 'bank'.padEnd(43, '_');

const claims: MemberTokenClaims = {
  iss: 'http://cloud.test',
  iat: 1_800_000_000,
  exp: 1_900_000_000,
  oin: '666666',
  tokenId: '0123456789abcdef0123456789abcdef',
  entityType: 'consumer',
  loyalty: true,
  limitations: { currency: 'EUR', amount: '100.00' },
  entitlements: [{ type: 'VETERAN', value: 'true', attestedBy: bank }],
  metadata: [{ key: 'loyaltyId', value: 'Grüße 👋' }],
};

describe('member-token JWT (RFC 7515 compact, EdDSA RFC 8037)', () => {
  it('signs header and claims as RFC 8785 JSON and verifies; the same claims give the same token', async () => {
    const jwt = await signMemberTokenJwt(claims, { keyId: kid, signer });
    expect(await signMemberTokenJwt(claims, { keyId: kid, signer })).toBe(jwt);
    const [h, p] = jwt.split('.');
    expect(new TextDecoder().decode(fromBase64url(h!))).toBe(
      canonicalize({ alg: 'EdDSA', typ: MEMBER_TOKEN_JWT_TYPE, kid }),
    );
    expect(new TextDecoder().decode(fromBase64url(p!))).toBe(canonicalize(claims));
    const parsed = parseMemberTokenJwt(jwt);
    expect(parsed.claims).toEqual(claims);
    expect(parsed.header.kid).toBe(kid);
    expect(await verifyMemberTokenJwtSignature(parsed, pair.publicKey, nobleBackend)).toBe(true);
    const other = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(4));
    expect(await verifyMemberTokenJwtSignature(parsed, other.publicKey, nobleBackend)).toBe(false);
  });

  it('flipping any byte of the signed parts or the signature: Malformed or a signature that fails', async () => {
    const jwt = await signMemberTokenJwt(claims, { keyId: kid, signer });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (part, i, mask) => {
          const parts = [h, p, s].map((x) => fromBase64url(x));
          parts[part] = flipByte(parts[part]!, i, mask);
          const text = parts.map(base64url).join('.');
          let ok: boolean;
          try {
            ok = await verifyMemberTokenJwtSignature(parseMemberTokenJwt(text), pair.publicKey, nobleBackend);
          } catch (e) {
            expect(e).toBeInstanceOf(ProtocolError);
            return;
          }
          expect(ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses other algorithms, other types, unknown claims, and anything that is not three parts', async () => {
    const jwt = await signMemberTokenJwt(claims, { keyId: kid, signer });
    const [, p, s] = jwt.split('.') as [string, string, string];
    const header = (o: object) => base64url(utf8(JSON.stringify(o)));
    const field = (text: string) => {
      try {
        parseMemberTokenJwt(text);
      } catch (e) {
        return (e as ProtocolError).field;
      }
      return 'accepted';
    };
    expect(field(`${header({ alg: 'none', typ: MEMBER_TOKEN_JWT_TYPE, kid })}.${p}.${s}`)).toBe('alg');
    expect(field(`${header({ alg: 'HS256', typ: MEMBER_TOKEN_JWT_TYPE, kid })}.${p}.${s}`)).toBe('alg');
    expect(field(`${header({ alg: 'EdDSA', typ: 'JWT', kid })}.${p}.${s}`)).toBe('typ');
    expect(
      field(`${header({ alg: 'EdDSA', typ: MEMBER_TOKEN_JWT_TYPE, kid, jku: 'http://evil' })}.${p}.${s}`),
    ).toBe('');
    const withOid = base64url(utf8(JSON.stringify({ ...claims, oid: '666666' })));
    expect(field(`${jwt.split('.')[0]}.${withOid}.${s}`)).toBe('');
    expect(field(`${jwt}.x`)).toBe('token');
    expect(field('a..b')).toBe('token');
    expect(field(`${jwt.split('.')[0]}.${base64url(new Uint8Array([0xc3, 0x28]))}.${s}`)).toBe('claims');
    await expect(
      signMemberTokenJwt(claims, { keyId: kid, signer: { algorithm: 'P-256', sign: signer.sign } }),
    ).rejects.toThrow(/Ed25519/);
    await expect(signMemberTokenJwt({ ...claims, oin: '0666' }, { keyId: kid, signer })).rejects.toThrow(
      /oin/,
    );
  });

  it('publishes the key as an RFC 8037 OKP JWK', () => {
    expect(memberTokenJwk(kid, pair.publicKey)).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: base64url(pair.publicKey),
      kid,
      alg: 'EdDSA',
      use: 'sig',
    });
  });
});
