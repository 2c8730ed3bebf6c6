import { z } from 'zod';

/** base64url without padding, as every id and signature in the protocol is written. */
export const b64urlSchema = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url without padding');

/** base64url(SHA-256(...)): 43 characters. Member ids, token ids and operation hashes. */
export const hashIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'expected a 43-character base64url SHA-256 id');
export const memberIdSchema = hashIdSchema;
export const tokenIdSchema = hashIdSchema;

/** A key id: the first 22 characters (132 bits) of base64url(SHA-256(canonical {algorithm, publicKey})). */
export const keyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'expected a 22-character key id');

/** 16 random bytes, base64url: what makes two otherwise equal payloads different tokens. */
export const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'expected a 22-character base64url nonce');

/** Epoch milliseconds. */
export const timestampSchema = z.number().int().min(0).max(8_640_000_000_000_000);

export const algorithmSchema = z.enum(['Ed25519', 'P-256']);

/** Seed 000, "Key Management": LOW < STANDARD < PRIVILEGED. */
export const keyLevelSchema = z.enum(['LOW', 'STANDARD', 'PRIVILEGED']);
export type KeyLevel = z.infer<typeof keyLevelSchema>;
const levelRank: Record<KeyLevel, number> = { LOW: 0, STANDARD: 1, PRIVILEGED: 2 };
export function levelAtLeast(level: KeyLevel, required: KeyLevel): boolean {
  return levelRank[level] >= levelRank[required];
}

/** Who signed a signed object: the member and which of its keys. Part of the signed bytes. */
export const signerSchema = z.strictObject({ memberId: memberIdSchema, keyId: keyIdSchema });
export type Signer = z.infer<typeof signerSchema>;

/** An exact web origin (scheme, host, port), as postMessage targets need. */
export const originSchema = z
  .string()
  .max(200)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s;
    } catch {
      return false;
    }
  }, 'expected an exact origin such as https://shop.example');

export const httpUrlSchema = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL');
