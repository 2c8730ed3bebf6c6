import { ProtocolError } from './errors.ts';
import type { SignatureAlgorithm } from './signature.ts';

// Encoding rules both backends enforce before touching a curve library, so that they answer the
// same way for the same bytes whatever the library underneath tolerates.

/** The order n of the P-256 base point (FIPS 186-5 / SP 800-186 §3.2.1.3). */
export const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

export function assertSignatureAlgorithm(algorithm: SignatureAlgorithm): void {
  if (algorithm !== 'Ed25519' && algorithm !== 'P-256') {
    throw new ProtocolError('Malformed', `unknown signature algorithm ${JSON.stringify(algorithm)}`, {
      expected: ['Ed25519', 'P-256'],
      actual: algorithm,
    });
  }
}

/**
 * Misuse throws: an Ed25519 secret is any 32-byte seed (RFC 8032 §5.1.5); a P-256 secret is a
 * 32-byte big-endian scalar d with 1 <= d < n (SEC 1 §3.2.1).
 */
export function assertSecretKey(algorithm: SignatureAlgorithm, secretKey: Uint8Array): void {
  assertSignatureAlgorithm(algorithm);
  if (secretKey.length !== 32) {
    throw new ProtocolError(
      'Malformed',
      `${algorithm} secret key must be 32 bytes, got ${secretKey.length}`,
      {
        expected: 32,
        actual: secretKey.length,
      },
    );
  }
  if (algorithm === 'P-256') {
    const d = bigEndianToBigint(secretKey);
    if (d === 0n || d >= p256Order) {
      throw new ProtocolError('Malformed', 'P-256 secret key must be a scalar in [1, n-1]');
    }
  }
}

/** SEC 1 §2.3.3: 33-byte compressed (02/03) or 65-byte uncompressed (04); never hybrid or infinity. */
export function isP256PublicKeyEncoding(publicKey: Uint8Array): boolean {
  if (publicKey.length === 33) return publicKey[0] === 0x02 || publicKey[0] === 0x03;
  return publicKey.length === 65 && publicKey[0] === 0x04;
}

/**
 * Low S (s <= n/2): the one of (r, s) and (r, n - s) that we accept when `lowS: true`, so that a
 * signature has one valid encoding (BIP 62 "low S", SEC 1 leaves both valid).
 */
export function isLowS(s: Uint8Array): boolean {
  return bigEndianToBigint(s) <= p256Order >> 1n;
}

function bigEndianToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}
