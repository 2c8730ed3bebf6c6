import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import type { SignatureBackend, VerifyOptions } from './signature.ts';
import { assertSecretKey, assertSignatureAlgorithm, isP256PublicKeyEncoding } from './signature-encoding.ts';

/**
 * The pure-JS backend (browser and server), over @noble/curves.
 *
 * Ed25519 verification is strict RFC 8032 (`zip215: false`): non-canonical encodings of A or R
 * (y >= p, or x = 0 with the sign bit set, §5.1.3) and S >= L (§5.1.7 step 1) are rejected, and
 * noble also rejects small-order public keys. The equation checked is the cofactored one
 * (§5.1.7 step 3, "sufficient but not required"); @tokenos/crypto-node documents how the node
 * backend lines up with it.
 *
 * P-256 signs with RFC 6979 deterministic nonces over SHA-256 and normalises to low S; verify
 * accepts P1363 or DER and, unless `lowS: true`, high S as FIPS 186-5 does.
 */
export const nobleBackend: SignatureBackend = {
  name: 'noble',

  publicKey(algorithm, secretKey) {
    assertSecretKey(algorithm, secretKey);
    return algorithm === 'Ed25519' ? ed25519.getPublicKey(secretKey) : p256.getPublicKey(secretKey, true);
  },

  async sign(algorithm, secretKey, message) {
    assertSecretKey(algorithm, secretKey);
    if (algorithm === 'Ed25519') return ed25519.sign(message, secretKey);
    // No extraEntropy: k comes from RFC 6979 §3.2 alone, so signing needs no randomness.
    return p256.sign(message, secretKey, { prehash: true, lowS: true, format: 'compact' });
  },

  async verify(algorithm, publicKey, message, signature, options = {}) {
    assertSignatureAlgorithm(algorithm);
    // A malformed key or signature is a bad signature, not misuse: noble throws on wrong lengths
    // and we answer false (ARCHITECTURE.md, "Conventions": "a bad signature returns false; misuse throws").
    try {
      if (algorithm === 'Ed25519') {
        if (signature.length !== 64 || publicKey.length !== 32) return false;
        return ed25519.verify(signature, message, publicKey, { zip215: false });
      }
      if (!isP256PublicKeyEncoding(publicKey)) return false;
      return p256.verify(signature, message, publicKey, p256VerifyOptions(options));
    } catch {
      return false;
    }
  },
};

function p256VerifyOptions(options: VerifyOptions) {
  return {
    prehash: true,
    // noble defaults to lowS: true; FIPS 186-5 §6.4.2 has no such rule, so only on request.
    lowS: options.lowS === true,
    format: options.format === 'der' ? ('der' as const) : ('compact' as const),
  };
}
