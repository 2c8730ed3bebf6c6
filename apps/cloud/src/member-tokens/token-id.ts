import { createCipheriv, createDecipheriv } from 'node:crypto';
import { ProtocolError } from '@tokenos/protocol';

/**
 * Token id = AES-256 (FIPS 197) of the 16-byte internal id, one block. ECB over exactly one block
 * is the bare block cipher: a pseudorandom permutation, so the public id reveals nothing about the
 * internal one (nor about creation order) and decrypts back to it without any lookup table.
 * Seed 001, "Token ID": "ID will be encrypted on the server to lookup the member".
 */
function block(mode: 'encrypt' | 'decrypt', key: Uint8Array, input: Uint8Array): Uint8Array {
  const cipher =
    mode === 'encrypt'
      ? createCipheriv('aes-256-ecb', key, null)
      : createDecipheriv('aes-256-ecb', key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(input), cipher.final()]));
}

const uuidPattern = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;

/** The public token id (32 lowercase hex digits) of an internal id (a uuid). */
export function encryptTokenId(key: Uint8Array, internalId: string): string {
  const m = uuidPattern.exec(internalId);
  if (!m) throw new RangeError(`internal id: expected a uuid, got ${internalId}`);
  return Buffer.from(block('encrypt', key, Buffer.from(m.slice(1).join(''), 'hex'))).toString('hex');
}

/** The internal id behind a public token id; any 32 hex digits decrypt to some uuid. */
export function decryptTokenId(key: Uint8Array, tokenId: string): string {
  if (!/^[0-9a-f]{32}$/.test(tokenId))
    throw new ProtocolError(
      'Malformed',
      `tokenId: expected 32 lowercase hex digits, got ${JSON.stringify(tokenId.slice(0, 40))}`,
      {
        field: 'tokenId',
      },
    );
  const h = Buffer.from(block('decrypt', key, Buffer.from(tokenId, 'hex'))).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A fresh internal id from 16 random bytes (stored as a uuid; no version bits needed). */
export function newInternalId(randomBytes: (n: number) => Uint8Array): string {
  const h = Buffer.from(randomBytes(16)).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
