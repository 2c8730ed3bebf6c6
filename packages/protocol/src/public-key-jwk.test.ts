import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretKeyArbitrary } from '../test/signature-properties.ts';
import { base64url, fromHex } from './encoding.ts';
import { compressP256PublicKey, isValidPublicKey } from './public-key.ts';
import { publicKeyFromJwk, publicKeyToJwk } from './public-key-jwk.ts';
import type { PublicKeyJwk } from './signature.ts';
import { signatureAlgorithms } from './signature.ts';
import { nobleBackend } from './signature-noble.ts';

interface Group {
  publicKey: { pk?: string; uncompressed?: string };
  publicKeyJwk?: PublicKeyJwk & { kid?: string };
}
function wycheproofGroups(file: string): Group[] {
  const url = new URL(`../vectors/wycheproof/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { testGroups: Group[] }).testGroups;
}

// Order-8 point of edwards25519 (the list of small-order encodings libsodium refuses).
const order8 = fromHex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05');
const p = 2n ** 255n - 19n;
function littleEndian(n: bigint): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
}

describe('publicKeyToJwk / publicKeyFromJwk', () => {
  it('round-trips every derived key (fast-check), P-256 back to the 33-byte compressed form', () => {
    for (const algorithm of signatureAlgorithms) {
      fc.assert(
        fc.property(secretKeyArbitrary(algorithm), (secret) => {
          const publicKey = nobleBackend.publicKey(algorithm, secret);
          const jwk = publicKeyToJwk(algorithm, publicKey);
          expect(publicKeyFromJwk(jwk)).toEqual({ algorithm, publicKey });
          // RFC 7518 §6.2.1.2 / RFC 8037 §2: coordinates are full length, 32 bytes = 43 characters.
          expect(jwk.x).toHaveLength(43);
          if (algorithm === 'P-256') expect(jwk.y).toHaveLength(43);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('reads the JWKs published with the Wycheproof Ed25519 keys and writes them back identically', () => {
    const groups = wycheproofGroups('ed25519_test.json');
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      const { kty, crv, x } = g.publicKeyJwk!;
      const decoded = publicKeyFromJwk({ kty, crv, x });
      expect(decoded).toEqual({ algorithm: 'Ed25519', publicKey: fromHex(g.publicKey.pk!) });
      expect(publicKeyToJwk('Ed25519', decoded.publicKey)).toEqual({ kty, crv, x });
    }
  });

  it('reads the JWKs published with the Wycheproof P-256 keys (extra members such as kid ignored)', () => {
    const groups = wycheproofGroups('ecdsa_secp256r1_sha256_p1363_test.json').filter((g) => g.publicKeyJwk);
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      const jwk = g.publicKeyJwk!;
      const decoded = publicKeyFromJwk(jwk);
      expect(decoded).toEqual({
        algorithm: 'P-256',
        publicKey: compressP256PublicKey(fromHex(g.publicKey.uncompressed!)),
      });
      expect(publicKeyToJwk('P-256', decoded.publicKey)).toEqual({
        kty: 'EC',
        crv: 'P-256',
        x: jwk.x,
        y: jwk.y,
      });
    }
  });

  it('refuses mismatched kty/crv, short or padded coordinates, a missing y and off-curve points', () => {
    const ed = publicKeyToJwk('Ed25519', nobleBackend.publicKey('Ed25519', new Uint8Array(32).fill(1)));
    const ec = publicKeyToJwk('P-256', nobleBackend.publicKey('P-256', new Uint8Array(32).fill(1)));
    const cases: [PublicKeyJwk, RegExp][] = [
      [{ ...ed, kty: 'EC' }, /unsupported kty\/crv EC\/Ed25519/],
      [{ ...ec, crv: 'Ed25519' }, /unsupported kty\/crv EC\/Ed25519/],
      [{ ...ed, x: base64url(new Uint8Array(31)) }, /jwk\.x: expected 32 bytes, got 31/],
      [{ ...ed, x: `${ed.x}=` }, /jwk\.x: character "=" is not base64url/],
      [{ kty: 'EC', crv: 'P-256', x: ec.x }, /jwk\.y: expected a base64url string/],
      [{ ...ec, y: ec.x }, /jwk: not a valid P-256 public key/],
    ];
    for (const [jwk, message] of cases) {
      expect(() => publicKeyFromJwk(jwk)).toThrow(message);
    }
  });

  it('refuses Ed25519 keys that are small-order, non-canonical (RFC 8032 §5.1.3) or carry a torsion part', () => {
    const torsioned = ed25519.Point.BASE.multiply(5n).add(ed25519.Point.fromBytes(order8)).toBytes();
    const negativeZero = littleEndian(1n);
    negativeZero[31] = 0x80;
    const bad = {
      identity: littleEndian(1n),
      order8,
      yAboveP: littleEndian(p + 1n),
      negativeZero,
      torsioned,
    };
    for (const [name, key] of Object.entries(bad)) {
      expect(isValidPublicKey('Ed25519', key), name).toBe(false);
      expect(() => publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: base64url(key) }), name).toThrow(
        /jwk\.x/,
      );
      expect(() => publicKeyToJwk('Ed25519', key), name).toThrow(/not a valid Ed25519 public key/);
    }
    // Control: the prime-order part alone is fine.
    expect(isValidPublicKey('Ed25519', ed25519.Point.BASE.multiply(5n).toBytes())).toBe(true);
  });
});
