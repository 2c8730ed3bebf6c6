import { base64url, concatBytes, fromBase64url } from './encoding.ts';
import { ProtocolError } from './errors.ts';
import { assertValidPublicKey, compressP256PublicKey, uncompressP256PublicKey } from './public-key.ts';
import type { PublicKeyJwk, SignatureAlgorithm } from './signature.ts';
import { assertSignatureAlgorithm } from './signature-encoding.ts';

export interface DecodedPublicKey {
  algorithm: SignatureAlgorithm;
  /** Ed25519: 32 bytes; P-256: 33-byte SEC 1 compressed (signature.ts, "Key encodings"). */
  publicKey: Uint8Array;
}

/** RFC 8037 §2 (OKP, Ed25519) and RFC 7518 §6.2.1 (EC, P-256). Throws `Malformed` for an invalid key. */
export function publicKeyToJwk(algorithm: SignatureAlgorithm, publicKey: Uint8Array): PublicKeyJwk {
  assertSignatureAlgorithm(algorithm);
  if (algorithm === 'Ed25519') {
    assertValidPublicKey(algorithm, publicKey);
    return { kty: 'OKP', crv: 'Ed25519', x: base64url(publicKey) };
  }
  const point = uncompressP256PublicKey(publicKey);
  return {
    kty: 'EC',
    crv: 'P-256',
    x: base64url(point.subarray(1, 33)),
    y: base64url(point.subarray(33, 65)),
  };
}

/**
 * Reads a JWK and validates the curve point (`isValidPublicKey`). Members other than kty, crv, x
 * and y (kid, alg, use) are ignored. Throws `Malformed` naming the field at fault.
 */
export function publicKeyFromJwk(jwk: PublicKeyJwk): DecodedPublicKey {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    const x = coordinate(jwk.x, 'jwk.x');
    assertValidPublicKey('Ed25519', x, 'jwk.x');
    return { algorithm: 'Ed25519', publicKey: x };
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    // RFC 7518 §6.2.1.2-3: x and y are the full 32-byte coordinates, leading zeros included.
    const uncompressed = concatBytes(
      new Uint8Array([0x04]),
      coordinate(jwk.x, 'jwk.x'),
      coordinate(jwk.y, 'jwk.y'),
    );
    assertValidPublicKey('P-256', uncompressed, 'jwk');
    return { algorithm: 'P-256', publicKey: compressP256PublicKey(uncompressed) };
  }
  throw new ProtocolError('Malformed', `jwk: unsupported kty/crv ${String(jwk.kty)}/${String(jwk.crv)}`, {
    field: 'jwk.crv',
    expected: ['OKP/Ed25519', 'EC/P-256'],
    actual: `${String(jwk.kty)}/${String(jwk.crv)}`,
  });
}

function coordinate(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string')
    throw new ProtocolError('Malformed', `${field}: expected a base64url string`, { field });
  const bytes = fromBase64url(value, field);
  if (bytes.length !== 32) {
    throw new ProtocolError('Malformed', `${field}: expected 32 bytes, got ${bytes.length}`, {
      field,
      expected: 32,
      actual: bytes.length,
    });
  }
  return bytes;
}
