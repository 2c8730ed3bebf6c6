import { describe, expect, it } from 'vitest';
import { describeSignatureProperties } from '../test/signature-properties.ts';
import { describeWycheproof } from '../test/wycheproof.ts';
import { fromHex, utf8 } from './encoding.ts';
import { ProtocolError } from './errors.ts';
import { uncompressP256PublicKey } from './public-key.ts';
import type { SignatureAlgorithm } from './signature.ts';
import { p256Order } from './signature-encoding.ts';
import { nobleBackend } from './signature-noble.ts';

// noble rejects every Wycheproof `acceptable` test (there are none in the current files).
describeWycheproof(nobleBackend, { acceptable: 'reject' });
describeSignatureProperties(nobleBackend);

describe('RFC 8032 §7.1 TEST 1 (Ed25519, empty message)', () => {
  const secretKey = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const publicKey = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  const signature = fromHex(
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  );

  it('derives the public key and the exact signature, which verifies', async () => {
    expect(nobleBackend.publicKey('Ed25519', secretKey)).toEqual(publicKey);
    expect(await nobleBackend.sign('Ed25519', secretKey, new Uint8Array())).toEqual(signature);
    expect(await nobleBackend.verify('Ed25519', publicKey, new Uint8Array(), signature)).toBe(true);
  });
});

describe('RFC 6979 A.2.5 (P-256, SHA-256, message "sample")', () => {
  const secretKey = fromHex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
  const ux = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';
  const r = 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716';
  const s = 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8';
  const lowS = (p256Order - BigInt(`0x${s}`)).toString(16).padStart(64, '0');
  const message = utf8('sample');

  it('derives the compressed public key (Uy = 7903...2299 is odd, so prefix 03)', () => {
    expect(nobleBackend.publicKey('P-256', secretKey)).toEqual(fromHex(`03${ux}`));
  });

  it('signs with the RFC 6979 nonce and returns the low-S twin (r, n - s) of the RFC signature', async () => {
    expect(await nobleBackend.sign('P-256', secretKey, message)).toEqual(fromHex(r + lowS));
  });

  it('accepts the RFC high-S signature by default and refuses it with lowS: true', async () => {
    const publicKey = nobleBackend.publicKey('P-256', secretKey);
    const highS = fromHex(r + s);
    expect(await nobleBackend.verify('P-256', publicKey, message, highS)).toBe(true);
    expect(await nobleBackend.verify('P-256', publicKey, message, highS, { lowS: true })).toBe(false);
    expect(await nobleBackend.verify('P-256', publicKey, message, fromHex(r + lowS), { lowS: true })).toBe(
      true,
    );
  });
});

describe('nobleBackend: bad input is a false answer, misuse throws', () => {
  const message = utf8('m');
  const edSecret = new Uint8Array(32).fill(7);
  const pSecret = new Uint8Array(32).fill(7);

  it('returns false for keys and signatures of the wrong shape', async () => {
    const edKey = nobleBackend.publicKey('Ed25519', edSecret);
    const edSig = await nobleBackend.sign('Ed25519', edSecret, message);
    expect(await nobleBackend.verify('Ed25519', edKey, message, edSig.subarray(0, 63))).toBe(false);
    expect(await nobleBackend.verify('Ed25519', edKey.subarray(1), message, edSig)).toBe(false);

    const pKey = nobleBackend.publicKey('P-256', pSecret);
    const pSig = await nobleBackend.sign('P-256', pSecret, message);
    expect(await nobleBackend.verify('P-256', pKey, message, pSig)).toBe(true);
    expect(await nobleBackend.verify('P-256', pKey, message, new Uint8Array([0, ...pSig]))).toBe(false);
    expect(await nobleBackend.verify('P-256', pKey, message, pSig, { format: 'der' })).toBe(false);
    // SEC 1 hybrid encoding (06/07) of a real key: refused, though some libraries take it.
    const hybrid = uncompressP256PublicKey(pKey);
    hybrid[0] = 0x06 | (hybrid[64]! & 1);
    expect(await nobleBackend.verify('P-256', hybrid, message, pSig)).toBe(false);
    expect(await nobleBackend.verify('P-256', new Uint8Array([0]), message, pSig)).toBe(false);
    const offCurve = pKey.slice();
    offCurve[32] = offCurve[32]! ^ 1;
    expect(await nobleBackend.verify('P-256', offCurve, message, pSig)).toBe(false);
  });

  it('throws ProtocolError Malformed for an unknown algorithm or an unusable secret key', async () => {
    const unknown = 'RSA' as unknown as SignatureAlgorithm;
    await expect(
      nobleBackend.verify(unknown, new Uint8Array(32), message, new Uint8Array(64)),
    ).rejects.toThrow(ProtocolError);
    expect(() => nobleBackend.publicKey('Ed25519', new Uint8Array(31))).toThrow(/32 bytes, got 31/);
    expect(() => nobleBackend.publicKey('P-256', new Uint8Array(32))).toThrow(/\[1, n-1\]/);
    const n = fromHex(p256Order.toString(16));
    await expect(nobleBackend.sign('P-256', n, message)).rejects.toMatchObject({ code: 'Malformed' });
  });
});
