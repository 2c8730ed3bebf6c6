import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { canonicalBytes } from './canonical.ts';
import { base64url } from './encoding.ts';

export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/** base64url(SHA-256(RFC 8785 bytes)): the id of any hashed object (ARCHITECTURE.md, "Ids"). */
export function objectId(value: unknown): string {
  return base64url(sha256(canonicalBytes(value)));
}
