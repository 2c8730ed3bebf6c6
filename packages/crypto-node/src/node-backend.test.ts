import { createPublicKey, verify as rawVerify } from 'node:crypto';
import type { SignatureAlgorithm } from '@tokenos/protocol';
import { fromHex, nobleBackend, p256Order, signatureAlgorithms, utf8 } from '@tokenos/protocol';
import { describeSignatureProperties, secretKeyArbitrary } from '@tokenos/protocol/test/signature-properties';
import { describeWycheproof } from '@tokenos/protocol/test/wycheproof';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodeBackend, nodeBackend } from './node-backend.ts';

// OpenSSL plus our pre-checks rejects every Wycheproof `acceptable` test (none in the current files).
describeWycheproof(nodeBackend, { acceptable: 'reject' });
describeSignatureProperties(nodeBackend);

describe('node and noble backends agree', () => {
  for (const algorithm of signatureAlgorithms) {
    it(`${algorithm}: each verifies what the other signed, and both sign the same bytes (fast-check)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          secretKeyArbitrary(algorithm),
          fc.uint8Array({ maxLength: 200 }),
          async (secretKey, message) => {
            const publicKey = nodeBackend.publicKey(algorithm, secretKey);
            expect(publicKey).toEqual(nobleBackend.publicKey(algorithm, secretKey));
            const byNode = await nodeBackend.sign(algorithm, secretKey, message);
            const byNoble = await nobleBackend.sign(algorithm, secretKey, message);
            expect(byNode).toEqual(byNoble);
            expect(await nobleBackend.verify(algorithm, publicKey, message, byNode, { lowS: true })).toBe(
              true,
            );
            expect(await nodeBackend.verify(algorithm, publicKey, message, byNoble, { lowS: true })).toBe(
              true,
            );
          },
        ),
        { numRuns: 30 },
      );
    });
  }
});

// Ed25519 base point B (RFC 8032 §5.1: y = 4/5) and the scalar 1: with R = B and S = 1 the
// equation [S]B = R + [k]A holds exactly when [k]A is the identity, which for a small-order A
// happens for one message in at most eight.
const basePoint = fromHex('5866666666666666666666666666666666666666666666666666666666666666');
const sIsOne = fromHex(`01${'00'.repeat(31)}`);
const signature = new Uint8Array([...basePoint, ...sIsOne]);
// Small-order encodings, canonical and not (libsodium's blocklist, crypto_sign/ed25519/ref10/open.c).
const smallOrderKeys = {
  'identity (y = 1)': `01${'00'.repeat(31)}`,
  'order 2 (y = p-1)': `ec${'ff'.repeat(30)}7f`,
  'order 4 (y = 0)': '00'.repeat(32),
  'order 4 (y = 0, sign bit)': `${'00'.repeat(31)}80`,
  'order 8': '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'order 8 (sign bit)': '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'order 8 (other y)': 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'identity with sign bit (x = 0, RFC 8032 §5.1.3 step 4)': `01${'00'.repeat(30)}80`,
  'identity as y = p+1 (non-canonical)': `ee${'ff'.repeat(30)}7f`,
  'order 4 as y = p (non-canonical)': `ed${'ff'.repeat(30)}7f`,
};

function openSslAccepts(publicKey: Uint8Array, message: Uint8Array): boolean {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
  return rawVerify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
}

describe('Ed25519 strictness beyond Wycheproof (ed25519-strict.ts)', () => {
  for (const [name, keyHex] of Object.entries(smallOrderKeys)) {
    it(`refuses a signature OpenSSL alone accepts under the small-order key ${name}, as noble does`, async () => {
      const publicKey = fromHex(keyHex);
      // Find a message for which the forged signature passes OpenSSL's own check.
      let message: Uint8Array | undefined;
      for (let i = 0; i < 256 && message === undefined; i++) {
        if (openSslAccepts(publicKey, new Uint8Array([i]))) message = new Uint8Array([i]);
      }
      expect(message, 'OpenSSL accepts some message: the forgery is real').toBeDefined();
      expect(await nodeBackend.verify('Ed25519', publicKey, message!, signature)).toBe(false);
      expect(await nobleBackend.verify('Ed25519', publicKey, message!, signature)).toBe(false);
    });
  }

  it('refuses S >= L (RFC 8032 §5.1.7 step 1): a valid signature with L added to S', async () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const secretKey = new Uint8Array(32).fill(3);
    const message = utf8('malleable');
    const good = await nodeBackend.sign('Ed25519', secretKey, message);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(good[i]!);
    s += L;
    const bad = good.slice();
    for (let i = 32; i < 64; i++, s >>= 8n) bad[i] = Number(s & 0xffn);
    const publicKey = nodeBackend.publicKey('Ed25519', secretKey);
    expect(await nodeBackend.verify('Ed25519', publicKey, message, good)).toBe(true);
    expect(await nodeBackend.verify('Ed25519', publicKey, message, bad)).toBe(false);
  });
});

/** DER ECDSA-Sig-Value from P1363 r||s (minimal INTEGERs, RFC 3279 §2.2.3), for the tests only. */
function p1363ToDer(signature: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const body = bytes[i]! >= 0x80 ? [0, ...bytes.subarray(i)] : [...bytes.subarray(i)];
    return [0x02, body.length, ...body];
  };
  const content = [...integer(signature.subarray(0, 32)), ...integer(signature.subarray(32))];
  return new Uint8Array([0x30, content.length, ...content]);
}

describe('nodeBackend P-256 specifics', () => {
  // RFC 6979 A.2.5: a high-S signature from the RFC, and its low-S twin (r, n - s).
  const secretKey = fromHex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
  const message = utf8('sample');
  const r = 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716';
  const s = 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8';
  const highS = fromHex(r + s);
  const lowS = fromHex(r + (p256Order - BigInt(`0x${s}`)).toString(16).padStart(64, '0'));
  const publicKey = nodeBackend.publicKey('P-256', secretKey);

  it('accepts high S by default and refuses it with lowS: true, in P1363 and in DER', async () => {
    for (const format of ['p1363', 'der'] as const) {
      const encode = format === 'der' ? p1363ToDer : (x: Uint8Array) => x;
      expect(await nodeBackend.verify('P-256', publicKey, message, encode(highS), { format })).toBe(true);
      expect(
        await nodeBackend.verify('P-256', publicKey, message, encode(highS), { format, lowS: true }),
      ).toBe(false);
      expect(
        await nodeBackend.verify('P-256', publicKey, message, encode(lowS), { format, lowS: true }),
      ).toBe(true);
    }
  });

  it('answers false for a key off the curve, a hybrid or short key, and a wrongly sized signature', async () => {
    const sig = await nodeBackend.sign('P-256', secretKey, message);
    const offCurve = publicKey.slice();
    offCurve[32] = offCurve[32]! ^ 1;
    const uncompressed = fromHex(
      '0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299',
    );
    expect(await nodeBackend.verify('P-256', uncompressed, message, sig)).toBe(true);
    const hybrid = uncompressed.slice();
    hybrid[0] = 0x07; // SEC 1 hybrid form, odd y: OpenSSL would take it, the protocol does not.
    for (const key of [offCurve, hybrid, publicKey.subarray(0, 32), new Uint8Array([0])]) {
      expect(await nodeBackend.verify('P-256', key, message, sig)).toBe(false);
    }
    expect(await nodeBackend.verify('P-256', publicKey, message, sig.subarray(0, 63))).toBe(false);
    expect(await nodeBackend.verify('P-256', publicKey, message, sig, { format: 'der' })).toBe(false);
  });
});

describe('nodeBackend key handling', () => {
  it('verifies the same with the key cache disabled', async () => {
    const uncached = createNodeBackend({ keyCacheSize: 0 });
    const secretKey = new Uint8Array(32).fill(5);
    for (const algorithm of signatureAlgorithms) {
      const message = utf8(algorithm);
      const sig = await uncached.sign(algorithm, secretKey, message);
      const publicKey = uncached.publicKey(algorithm, secretKey);
      expect(await uncached.verify(algorithm, publicKey, message, sig)).toBe(true);
      expect(await uncached.verify(algorithm, publicKey, utf8('other'), sig)).toBe(false);
    }
  });

  it('signs with the new key when the caller rewrites its secret key array in place', async () => {
    const secretKey = new Uint8Array(32).fill(1);
    const message = utf8('m');
    await nodeBackend.sign('Ed25519', secretKey, message);
    secretKey.fill(2);
    expect(await nodeBackend.sign('Ed25519', secretKey, message)).toEqual(
      await nobleBackend.sign('Ed25519', new Uint8Array(32).fill(2), message),
    );
  });

  it('throws Malformed for an unknown algorithm and an unusable secret key', async () => {
    const unknown = 'RSA' as unknown as SignatureAlgorithm;
    await expect(
      nodeBackend.verify(unknown, new Uint8Array(32), utf8('m'), new Uint8Array(64)),
    ).rejects.toMatchObject({
      code: 'Malformed',
    });
    await expect(nodeBackend.sign('Ed25519', new Uint8Array(16), utf8('m'))).rejects.toThrow(
      /32 bytes, got 16/,
    );
    await expect(nodeBackend.sign('P-256', new Uint8Array(32), utf8('m'))).rejects.toThrow(/\[1, n-1\]/);
  });
});
