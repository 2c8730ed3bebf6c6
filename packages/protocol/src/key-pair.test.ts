import { describe, expect, it } from 'vitest';
import { fromHex } from './encoding.ts';
import { keyPairFromSecret } from './key-pair.ts';
import { isValidPublicKey } from './public-key.ts';

describe('keyPairFromSecret', () => {
  it('derives the RFC 8032 §7.1 TEST 1 Ed25519 key pair', () => {
    const secret = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    expect(keyPairFromSecret('Ed25519', secret)).toEqual({
      algorithm: 'Ed25519',
      secretKey: secret,
      publicKey: fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
    });
  });

  it('derives a valid compressed P-256 key and keeps its own copy of the secret', () => {
    const secret = new Uint8Array(32).fill(9);
    const pair = keyPairFromSecret('P-256', secret);
    expect(pair.publicKey).toHaveLength(33);
    expect(isValidPublicKey('P-256', pair.publicKey)).toBe(true);
    secret.fill(0);
    expect(pair.secretKey).toEqual(new Uint8Array(32).fill(9));
  });

  it('throws Malformed for a P-256 secret outside [1, n-1] and for a wrong length', () => {
    expect(() => keyPairFromSecret('P-256', new Uint8Array(32))).toThrow(
      expect.objectContaining({ code: 'Malformed' }),
    );
    expect(() => keyPairFromSecret('P-256', new Uint8Array(32).fill(0xff))).toThrow(/\[1, n-1\]/);
    expect(() => keyPairFromSecret('Ed25519', new Uint8Array(33))).toThrow(/32 bytes, got 33/);
  });
});
