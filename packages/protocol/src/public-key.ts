import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { hex } from './encoding.ts';
import { ProtocolError } from './errors.ts';
import type { SignatureAlgorithm } from './signature.ts';
import { assertSignatureAlgorithm, isP256PublicKeyEncoding } from './signature-encoding.ts';

/**
 * Whether the bytes are a public key we accept into the directory.
 *  - Ed25519: a canonical encoding (RFC 8032 §5.1.3: y < p, no "negative zero"), not of small order,
 *    and in the prime-order subgroup. Keys derived per §5.1.5 always are; a key with a torsion
 *    component is the one case where cofactored (noble) and cofactorless (OpenSSL) verification
 *    can disagree, so refusing it here keeps both backends' answers identical for directory keys.
 *  - P-256: a SEC 1 §2.3.3 encoding of a point on the curve other than infinity (cofactor 1).
 */
export function isValidPublicKey(algorithm: SignatureAlgorithm, publicKey: Uint8Array): boolean {
  assertSignatureAlgorithm(algorithm);
  // A pure function of the bytes, and the torsion check is pure-JS curve math that dominated a
  // bank's CPU when it replayed directory logs (the same keys, every payment): remember answers.
  const key = `${algorithm}:${hex(publicKey)}`;
  const known = validity.get(key);
  if (known !== undefined) return known;
  const answer = checkPublicKey(algorithm, publicKey);
  if (validity.size >= maxRemembered) validity.delete(validity.keys().next().value as string);
  validity.set(key, answer);
  return answer;
}

const maxRemembered = 10_000;
const validity = new Map<string, boolean>();

function checkPublicKey(algorithm: SignatureAlgorithm, publicKey: Uint8Array): boolean {
  try {
    if (algorithm === 'Ed25519') {
      if (publicKey.length !== 32) return false;
      const point = ed25519.Point.fromBytes(publicKey, false);
      return !point.isSmallOrder() && point.isTorsionFree();
    }
    if (!isP256PublicKeyEncoding(publicKey)) return false;
    return !p256.Point.fromBytes(publicKey).is0();
  } catch {
    return false;
  }
}

/** Throws `Malformed` (naming the field) unless `isValidPublicKey`. */
export function assertValidPublicKey(
  algorithm: SignatureAlgorithm,
  publicKey: Uint8Array,
  field = 'publicKey',
): void {
  if (!isValidPublicKey(algorithm, publicKey)) {
    throw new ProtocolError(
      'Malformed',
      `${field}: not a valid ${algorithm} public key (${publicKey.length} bytes)`,
      {
        field,
      },
    );
  }
}

/** The protocol's canonical form of a valid P-256 key: 33-byte SEC 1 compressed. */
export function compressP256PublicKey(publicKey: Uint8Array): Uint8Array {
  assertValidPublicKey('P-256', publicKey);
  return p256.Point.fromBytes(publicKey).toBytes(true);
}

/** 65-byte SEC 1 uncompressed form of a valid P-256 key (JWK and SPKI need x and y). */
export function uncompressP256PublicKey(publicKey: Uint8Array): Uint8Array {
  assertValidPublicKey('P-256', publicKey);
  return p256.Point.fromBytes(publicKey).toBytes(false);
}
