import { p256 } from '@noble/curves/nist.js';
import type { SignatureAlgorithm } from '@tokenos/protocol';

// PKCS#8 PrivateKeyInfo (RFC 5208 §5) around a raw secret key, the one private-key format that
// WebCrypto imports for both algorithms as bytes the caller can wipe afterwards (a JWK holds the
// secret in a string, which cannot be). Only the migration of keys made before WebCrypto held them
// needs this: a key WebCrypto generates is never in script memory at all.

/** RFC 8410 §7: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }. */
const ed25519Prefix = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/**
 * RFC 5915 §3 ECPrivateKey inside PrivateKeyInfo with id-ecPublicKey and prime256v1 (RFC 5480 §2.1.1):
 * SEQUENCE { INTEGER 0, SEQUENCE { OID 1.2.840.10045.2.1, OID 1.2.840.10045.3.1.7 },
 *   OCTET STRING { SEQUENCE { INTEGER 1, OCTET STRING (32) d, [1] BIT STRING (65) Q } } }.
 * The public key is included: some browsers refuse an EC PKCS#8 without it.
 */
const p256Prefix = Uint8Array.from([
  0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
  0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x6d, 0x30, 0x6b, 0x02, 0x01, 0x01, 0x04, 0x20,
]);
const p256PublicKeyTag = Uint8Array.from([0xa1, 0x44, 0x03, 0x42, 0x00]);

/**
 * The PKCS#8 DER of a 32-byte secret key (Ed25519 seed, or P-256 scalar with its public key in
 * SEC 1 form, compressed or not). The caller wipes the result once imported.
 */
export function pkcs8PrivateKey(
  algorithm: SignatureAlgorithm,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
): Uint8Array<ArrayBuffer> {
  if (secretKey.length !== 32)
    throw new Error(`${algorithm} secret key must be 32 bytes, got ${secretKey.length}`);
  if (algorithm === 'Ed25519') {
    const out = new Uint8Array(ed25519Prefix.length + 32);
    out.set(ed25519Prefix);
    out.set(secretKey, ed25519Prefix.length);
    return out;
  }
  // SEC 1 §2.3.3: the uncompressed point, 0x04 || x || y.
  const point = p256.Point.fromBytes(publicKey).toBytes(false);
  const out = new Uint8Array(p256Prefix.length + 32 + p256PublicKeyTag.length + point.length);
  out.set(p256Prefix);
  out.set(secretKey, p256Prefix.length);
  out.set(p256PublicKeyTag, p256Prefix.length + 32);
  out.set(point, p256Prefix.length + 32 + p256PublicKeyTag.length);
  return out;
}
