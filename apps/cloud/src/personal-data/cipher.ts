import { createCipheriv, createDecipheriv } from 'node:crypto';
import { canonicalBytes } from '@tokenos/protocol';
import type { PersonalDataKeys } from './keys.ts';

export type PersonalDataKind = 'profile' | 'address';

/** Where a record belongs: the additional authenticated data of its ciphertext. */
export interface RecordPlace {
  memberId: string;
  kind: PersonalDataKind;
  itemId: string;
}

export interface SealedRecord {
  keyId: string;
  iv: Uint8Array;
  /** Ciphertext followed by the 16-byte GCM tag. */
  ciphertext: Uint8Array;
}

const tagLength = 16;

// NIST SP 800-38D: a 96-bit random IV per encryption; the AAD binds member, kind and item, so a
// ciphertext moved to another row (another member's, or another address) fails authentication.
function aad(place: RecordPlace): Uint8Array {
  return canonicalBytes({ type: 'PersonalDataRecord', version: 1, ...place });
}

export function sealRecord(
  keys: PersonalDataKeys,
  place: RecordPlace,
  value: unknown,
  randomBytes: (n: number) => Uint8Array,
): SealedRecord {
  const key = keys.keys.get(keys.activeKeyId);
  if (!key) throw new Error(`personal data key ${keys.activeKeyId} is not configured`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
  cipher.setAAD(aad(place));
  const body = Buffer.concat([
    cipher.update(JSON.stringify(value), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return { keyId: keys.activeKeyId, iv, ciphertext: new Uint8Array(body) };
}

/** The stored value; a missing key or a failed tag is the server's fault (a 500), never the caller's. */
export function openRecord(keys: PersonalDataKeys, place: RecordPlace, sealed: SealedRecord): unknown {
  const key = keys.keys.get(sealed.keyId);
  if (!key) throw new Error(`personal data key ${sealed.keyId} is not configured (rotated out too early?)`);
  const bytes = sealed.ciphertext;
  if (bytes.length < tagLength) throw new Error('personal data record is shorter than its tag');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: tagLength });
  decipher.setAAD(aad(place));
  decipher.setAuthTag(bytes.subarray(bytes.length - tagLength));
  const plain = Buffer.concat([
    decipher.update(bytes.subarray(0, bytes.length - tagLength)),
    decipher.final(),
  ]);
  return JSON.parse(plain.toString('utf8'));
}
