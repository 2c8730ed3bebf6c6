import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SignatureAlgorithm, SignatureBackend } from '../src/signature.ts';
import { signatureAlgorithms } from '../src/signature.ts';

/**
 * Secret keys any backend must take: 32 random bytes for Ed25519 (RFC 8032 §5.1.5); for P-256 a
 * scalar in [1, n-1], which a first byte below 0xff and a non-zero byte guarantee (n starts ffffffff00).
 */
export function secretKeyArbitrary(algorithm: SignatureAlgorithm): fc.Arbitrary<Uint8Array> {
  const bytes = fc.uint8Array({ minLength: 32, maxLength: 32 });
  return algorithm === 'Ed25519' ? bytes : bytes.filter((b) => b[0]! < 0xff && b.some((x) => x !== 0));
}

/** XORs a non-zero mask into one byte of a copy: the smallest change an attacker can make. */
export function flipByte(bytes: Uint8Array, index: number, mask: number): Uint8Array {
  const copy = bytes.slice();
  const i = index % copy.length;
  copy[i] = copy[i]! ^ mask;
  return copy;
}

/** fast-check: what a backend signs verifies (low-S included), and no single-byte change does. */
export function describeSignatureProperties(backend: SignatureBackend, numRuns = 40): void {
  describe(`signature properties, ${backend.name} backend`, () => {
    for (const algorithm of signatureAlgorithms) {
      it(`${algorithm}: flipping any byte of the message or the signature makes verification fail`, async () => {
        await fc.assert(
          fc.asyncProperty(
            secretKeyArbitrary(algorithm),
            fc.uint8Array({ maxLength: 300 }),
            fc.boolean(),
            fc.nat(),
            fc.integer({ min: 1, max: 255 }),
            async (secretKey, message, inSignature, index, mask) => {
              const publicKey = backend.publicKey(algorithm, secretKey);
              const signature = await backend.sign(algorithm, secretKey, message);
              expect(signature.length).toBe(64);
              // Positive control: without it a backend that rejects everything would pass.
              expect(await backend.verify(algorithm, publicKey, message, signature, { lowS: true })).toBe(
                true,
              );
              if (inSignature || message.length === 0) {
                const bad = flipByte(signature, index, mask);
                expect(await backend.verify(algorithm, publicKey, message, bad)).toBe(false);
              } else {
                const bad = flipByte(message, index, mask);
                expect(await backend.verify(algorithm, publicKey, bad, signature)).toBe(false);
              }
            },
          ),
          { numRuns },
        );
      });

      it(`${algorithm}: signing is deterministic (RFC 8032 §5.1.6 / RFC 6979)`, async () => {
        await fc.assert(
          fc.asyncProperty(
            secretKeyArbitrary(algorithm),
            fc.uint8Array({ maxLength: 64 }),
            async (secretKey, message) => {
              const a = await backend.sign(algorithm, secretKey, message);
              const b = await backend.sign(algorithm, secretKey, message);
              expect(b).toEqual(a);
            },
          ),
          { numRuns: 10 },
        );
      });
    }
  });
}
