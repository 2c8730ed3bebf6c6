import { z } from 'zod';
import { canonicalBytes } from '../canonical.ts';
import {
  algorithmSchema,
  b64urlSchema,
  hashIdSchema,
  keyIdSchema,
  keyLevelSchema,
  timestampSchema,
} from '../common.ts';
import { base64url, utf8 } from '../encoding.ts';
import { sha256 } from '../hash.ts';
import type { SignatureAlgorithm } from '../signature.ts';

/** A member's public key as the directory publishes it (seed 000, "Public Keys"). */
export const keyEntrySchema = z.strictObject({
  id: keyIdSchema,
  algorithm: algorithmSchema,
  /** Raw public key, base64url: 32 bytes Ed25519, 33-byte compressed SEC1 P-256. */
  publicKey: b64urlSchema.max(100),
  level: keyLevelSchema,
  expiresAt: timestampSchema.optional(),
});
export type KeyEntry = z.infer<typeof keyEntrySchema>;

export function keyIdOf(algorithm: SignatureAlgorithm, publicKey: Uint8Array): string {
  return base64url(sha256(canonicalBytes({ algorithm, publicKey: base64url(publicKey) }))).slice(0, 22);
}

export const aliasTypeSchema = z.enum(['EMAIL', 'PHONE', 'DOMAIN']);
export type AliasType = z.infer<typeof aliasTypeSchema>;

/**
 * An alias as the public log holds it: a salted commitment, never the address itself, so nobody can
 * read emails out of the directory or test a guessed one against it. The owner keeps the salt and
 * reveals value and salt only to the cloud, which verifies control and indexes it for resolution.
 */
export const aliasEntrySchema = z.strictObject({ type: aliasTypeSchema, commitment: hashIdSchema });
export type AliasEntry = z.infer<typeof aliasEntrySchema>;

export const aliasValueSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('EMAIL'), value: z.email().max(254) }),
  z.strictObject({
    type: z.literal('PHONE'),
    value: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'expected E.164, e.g. +447700900123'),
  }),
  z.strictObject({
    type: z.literal('DOMAIN'),
    value: z
      .string()
      .max(253)
      .regex(
        /^(?:localhost|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?::[0-9]{1,5})?$/,
        'expected a lower-case host name',
      ),
  }),
]);
export type AliasValue = z.infer<typeof aliasValueSchema>;

/** Emails compare case-insensitively in practice; domains are lower case; phones are E.164 already. */
export function normalizeAlias(alias: AliasValue): AliasValue {
  return alias.type === 'PHONE' ? alias : { type: alias.type, value: alias.value.trim().toLowerCase() };
}

export function aliasCommitment(alias: AliasValue, salt: string): string {
  const normal = normalizeAlias(alias);
  return base64url(sha256(canonicalBytes({ type: normal.type, value: normal.value, salt })));
}

/** What the cloud indexes to resolve an alias: a keyed hash, so a stolen index is not a list of emails. */
export function aliasLookupInput(alias: AliasValue): Uint8Array {
  const normal = normalizeAlias(alias);
  return utf8(`${normal.type}:${normal.value}`);
}

/** A WebAuthn credential registered as a directory entry (ARCHITECTURE.md, "SCA"). */
export const passkeyEntrySchema = z.strictObject({
  credentialId: b64urlSchema.max(1400),
  /** COSE_Key bytes, base64url, as the authenticator produced it. */
  publicKey: b64urlSchema.max(1400),
  /** COSE algorithm: -7 ES256, -8 EdDSA, -257 RS256. */
  coseAlgorithm: z.union([z.literal(-7), z.literal(-8), z.literal(-257)]),
  rpId: z.string().min(1).max(253),
  createdAt: timestampSchema,
});
export type PasskeyEntry = z.infer<typeof passkeyEntrySchema>;
