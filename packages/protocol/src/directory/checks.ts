import { fromBase64url } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { isValidPublicKey } from '../public-key.ts';
import type { PublicKeyRef } from './custody.ts';
import { keyIdOf } from './entries.ts';

export function fail(
  code:
    | 'BrokenChain'
    | 'InvalidSignature'
    | 'UnknownKey'
    | 'InsufficientKeyLevel'
    | 'Malformed'
    | 'Forbidden'
    | 'Conflict'
    | 'Expired',
  message: string,
  field?: string,
): never {
  throw new ProtocolError(code, message, field === undefined ? {} : { field });
}

/**
 * The key's id is derived from its bytes, and the bytes are a valid point (checked once per entry).
 * Also for keys offered outside a log, such as the key a claimer will bind (Malformed, naming `field`).
 */
export function assertValidKeyRef(key: PublicKeyRef, field: string): void {
  let raw: Uint8Array;
  try {
    raw = fromBase64url(key.publicKey, `${field}.publicKey`);
  } catch {
    fail('Malformed', `${field}.publicKey is not base64url`, `${field}.publicKey`);
  }
  // A point off the curve, a non-canonical encoding or a small-order Ed25519 key would let
  // backends disagree about signatures (RFC 8032 §5.1.3); such keys never enter a directory.
  if (!isValidPublicKey(key.algorithm, raw))
    fail(
      'Malformed',
      `${field}.publicKey: not a valid ${key.algorithm} public key (${raw.length} bytes)`,
      `${field}.publicKey`,
    );
  const id = keyIdOf(key.algorithm, raw);
  if (id !== key.id)
    fail('Malformed', `${field}.id: expected ${id} (derived from the key), got ${key.id}`, `${field}.id`);
}
