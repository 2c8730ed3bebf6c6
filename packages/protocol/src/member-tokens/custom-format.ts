import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes, fromHex, hex } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { oinFromBytes, oinToBytes } from './claims.ts';
import { decodeFlags, encodeFlags, type MemberTokenFlags } from './flags.ts';

/**
 * The custom member-token format of seed 001 ("Option 2"): exactly 58 bytes, hex-encoded (116
 * characters). Byte offsets, as in the seed's table:
 *
 * | field | bytes | offset |
 * | --- | --- | --- |
 * | OIN | 8 | 0 |
 * | Flags | 2 | 8 |
 * | Token ID | 16 | 10 |
 * | Hash Key ID | 16 | 26 |
 * | Hash | 16 | 42 |
 *
 * Hash = HMAC-SHA256 (RFC 2104, FIPS 180-4) under the server key named by Hash Key ID, over the
 * first 42 bytes, truncated to its first 16 bytes (128 bits, as RFC 2104 §5 allows for at least
 * half the output). Pure: the caller passes the keys; no clock, no randomness.
 */
export const CUSTOM_TOKEN_BYTES = 58;
export const customTokenLayout = {
  oin: { offset: 0, length: 8 },
  flags: { offset: 8, length: 2 },
  tokenId: { offset: 10, length: 16 },
  keyId: { offset: 26, length: 16 },
  hash: { offset: 42, length: 16 },
} as const;
export type CustomTokenField = keyof typeof customTokenLayout;
const SIGNED_BYTES = customTokenLayout.hash.offset;

export interface CustomMemberTokenFields {
  /** Decimal OIN, 8 bytes big-endian in the token. */
  oin: string;
  flags: MemberTokenFlags;
  /** The encrypted internal id (16 bytes). */
  tokenId: Uint8Array;
  /** Which server key computed the hash (16 bytes). */
  keyId: Uint8Array;
}

export interface ParsedCustomMemberToken extends CustomMemberTokenFields {
  hash: Uint8Array;
  /** Bytes 1-42, what the hash covers. */
  signed: Uint8Array;
}

/** A server key for the hash, as the caller holds it. Retired keys stay known, to say so. */
export interface MemberTokenMacKey {
  keyId: Uint8Array;
  secret: Uint8Array;
  status: 'active' | 'retired';
}

function slice(bytes: Uint8Array, field: CustomTokenField): Uint8Array {
  const { offset, length } = customTokenLayout[field];
  return bytes.slice(offset, offset + length);
}

function assertLength(bytes: Uint8Array, length: number, field: string): void {
  if (bytes.length !== length)
    throw new ProtocolError('Malformed', `${field}: expected ${length} bytes, got ${bytes.length}`, {
      field,
    });
}

/** HMAC-SHA256 of the 42 signed bytes under `secret`, truncated to 16 bytes. */
export function customTokenHash(secret: Uint8Array, signed: Uint8Array): Uint8Array {
  if (secret.length < 32)
    throw new ProtocolError(
      'Malformed',
      `secret: expected an HMAC key of at least 32 bytes, got ${secret.length}`,
      {
        field: 'secret',
      },
    );
  assertLength(signed, SIGNED_BYTES, 'signed');
  return hmac(sha256, secret, signed).slice(0, customTokenLayout.hash.length);
}

/** The 116 lowercase hex characters of a token, its hash computed under `secret`. */
export function encodeCustomMemberToken(fields: CustomMemberTokenFields, secret: Uint8Array): string {
  assertLength(fields.tokenId, customTokenLayout.tokenId.length, 'tokenId');
  assertLength(fields.keyId, customTokenLayout.keyId.length, 'keyId');
  const signed = concatBytes(oinToBytes(fields.oin), encodeFlags(fields.flags), fields.tokenId, fields.keyId);
  return hex(concatBytes(signed, customTokenHash(secret, signed)));
}

/**
 * Reads the structure without any key: exactly 116 hex digits, flags that mean something.
 * Throws Malformed (field `token` or `flags.*`). Says nothing about authenticity.
 */
export function parseCustomMemberToken(text: string): ParsedCustomMemberToken {
  if (typeof text !== 'string' || !/^[0-9a-fA-F]*$/.test(text) || text.length !== CUSTOM_TOKEN_BYTES * 2)
    throw new ProtocolError(
      'Malformed',
      `token: expected ${CUSTOM_TOKEN_BYTES * 2} hex digits (${CUSTOM_TOKEN_BYTES} bytes), got ${
        typeof text === 'string' ? `${text.length} characters` : typeof text
      }`,
      { field: 'token' },
    );
  const bytes = fromHex(text, 'token');
  return {
    oin: oinFromBytes(slice(bytes, 'oin')),
    flags: decodeFlags(slice(bytes, 'flags')),
    tokenId: slice(bytes, 'tokenId'),
    keyId: slice(bytes, 'keyId'),
    hash: slice(bytes, 'hash'),
    signed: bytes.slice(0, SIGNED_BYTES),
  };
}

/** Whether the hash holds under `secret`; compared in constant time. A bad hash is `false`. */
export function verifyCustomMemberTokenHash(token: ParsedCustomMemberToken, secret: Uint8Array): boolean {
  return equalBytes(customTokenHash(secret, token.signed), token.hash);
}

/**
 * Parses and authenticates a custom token against this server's OIN and hash keys, in this order,
 * each failure with its own code:
 * 1. structure and flags (Malformed);
 * 2. the OIN is this server's (NotFound: another provider's token, or a tampered OIN);
 * 3. the hash key id names a key we have (UnknownKey);
 * 4. the hash holds under it (InvalidSignature);
 * 5. the key is not retired (KeyRetired): said only of a genuine token, so the answer never
 *    tells a forger which key ids exist but are retired.
 * Checking the flags against the stored token (assertFlagsAgree) is the caller's next step.
 */
export function openCustomMemberToken(
  text: string,
  options: { oin: string; keys: readonly MemberTokenMacKey[] },
): ParsedCustomMemberToken {
  const token = parseCustomMemberToken(text);
  if (token.oin !== options.oin)
    throw new ProtocolError(
      'NotFound',
      `oin: expected ${options.oin} (this OpenToken server), got ${token.oin}: a token of another provider or a tampered one`,
      { field: 'oin' },
    );
  const key = options.keys.find((k) => equalBytes(k.keyId, token.keyId));
  if (key === undefined)
    throw new ProtocolError('UnknownKey', `keyId: no member-token key ${hex(token.keyId)}`, {
      field: 'keyId',
    });
  if (!verifyCustomMemberTokenHash(token, key.secret))
    throw new ProtocolError('InvalidSignature', `hash: does not verify under key ${hex(token.keyId)}`, {
      field: 'hash',
    });
  if (key.status === 'retired')
    throw new ProtocolError(
      'KeyRetired',
      `keyId: key ${hex(token.keyId)} is retired; fetch the token again to get it under the current key`,
      { field: 'keyId' },
    );
  return token;
}
