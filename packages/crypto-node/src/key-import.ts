import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithm } from '@tokenos/protocol';
import { isP256PublicKeyEncoding } from '@tokenos/protocol';
import { isStrictEd25519PublicKey } from './ed25519-strict.ts';

// Keys reach OpenSSL as DER built from fixed prefixes, which avoids a JWK detour (and, for
// compressed P-256 keys, a square root in JS): SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with the
// algorithm identifiers of RFC 8410 §4 (Ed25519) and RFC 5480 §2.1.1 (id-ecPublicKey, prime256v1).
const ed25519Spki = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
const p256AlgorithmId = [
  0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d,
  0x03, 0x01, 0x07,
];
const p256SpkiCompressed = Uint8Array.from([0x30, 0x39, ...p256AlgorithmId, 0x03, 0x22, 0x00]);
const p256SpkiUncompressed = Uint8Array.from([0x30, 0x59, ...p256AlgorithmId, 0x03, 0x42, 0x00]);
// PKCS #8 (RFC 5208) private keys: RFC 8410 §7 CurvePrivateKey for Ed25519; for P-256 an
// ECPrivateKey (RFC 5915 §3) without the optional public key, which OpenSSL derives.
const ed25519Pkcs8 = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

function join(prefix: Uint8Array, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix);
  out.set(body, prefix.length);
  return out;
}

/**
 * The OpenSSL public key, or null when the bytes are not a key the protocol accepts: wrong length
 * or SEC 1 prefix, a point off the curve (OpenSSL checks on import), or an Ed25519 key that fails
 * the strict RFC 8032 decoding rules.
 */
export function importPublicKey(algorithm: SignatureAlgorithm, publicKey: Uint8Array): KeyObject | null {
  let der: Uint8Array;
  if (algorithm === 'Ed25519') {
    if (!isStrictEd25519PublicKey(publicKey)) return null;
    der = join(ed25519Spki, publicKey);
  } else {
    if (!isP256PublicKeyEncoding(publicKey)) return null;
    der = join(publicKey.length === 33 ? p256SpkiCompressed : p256SpkiUncompressed, publicKey);
  }
  try {
    return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/** Ed25519 only: P-256 signing stays with noble, which has RFC 6979 nonces (see node-backend.ts). */
export function importEd25519SecretKey(secretKey: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(join(ed25519Pkcs8, secretKey)), format: 'der', type: 'pkcs8' });
}
