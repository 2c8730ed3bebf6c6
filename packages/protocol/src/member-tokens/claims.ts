import { z } from 'zod';
import { b64urlSchema, httpUrlSchema, memberIdSchema, signerSchema, timestampSchema } from '../common.ts';
import { ProtocolError } from '../errors.ts';
import { memberTokenEntityTypes } from './flags.ts';
import { memberTokenLimitationsSchema } from './limitations.ts';

/**
 * OpenToken Identification Number (seed 001: "Identifies which OpenToken provider generated this
 * token. Can also be used to identify programs"): 8 bytes in the custom format, so an unsigned
 * 64-bit number, written in decimal in JSON ("666666" in the seed's example).
 */
export const oinSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,19}$/, 'expected a decimal OIN without leading zeros, such as "666666"')
  // zod runs refinements even after the regex failed; only a string of digits reaches BigInt.
  .refine((s) => !/^[0-9]+$/.test(s) || BigInt(s) < 2n ** 64n, 'expected an OIN below 2^64 (it is 8 bytes)');

/**
 * A member token's public id: the 16-byte encryption of its internal id under a server key (one
 * AES block, a pseudorandom permutation: it reveals nothing and maps back), in lowercase hex.
 * The same id in the JWT's `tokenId` claim and in bytes 11-26 of the custom format.
 */
export const memberTokenIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'expected a member token id: 32 lowercase hex digits');

export const entityTypeSchema = z.enum(memberTokenEntityTypes);

/** Seed 001, "Entitlements": a type and a value, such as VETERAN / true or AGE_OVER_18 / true. */
export const entitlementSchema = z.strictObject({
  type: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'expected an upper-case entitlement type such as VETERAN'),
  value: z.string().min(1).max(200),
});
export type Entitlement = z.infer<typeof entitlementSchema>;

/**
 * An entitlement vouched for by another member (a bank, say): its signature, by a key in its
 * directory entry, over the entitlement and the member it is about. Anyone who knows the member
 * id and reads the attester's directory log can check it (verifyEntitlementAttestation).
 */
export const entitlementAttestationSchema = z.strictObject({
  type: z.literal('EntitlementAttestation'),
  version: z.literal(1),
  /** The member the entitlement is about: the member the token stands for. */
  subject: memberIdSchema,
  entitlement: entitlementSchema,
  signer: signerSchema,
  createdAt: timestampSchema,
  signature: b64urlSchema.max(200),
});
export type EntitlementAttestation = z.infer<typeof entitlementAttestationSchema>;

/** Seed 001: "other information that the creator chooses, such as loyalty/reward information". */
export const metadataEntrySchema = z.strictObject({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'expected a key such as loyaltyId'),
  value: z.string().max(500),
});
export type MetadataEntry = z.infer<typeof metadataEntrySchema>;
export const metadataSchema = z.array(metadataEntrySchema).max(20);

/** An entitlement as a JWT holder sees it: who vouches for it, without the member id it is about. */
export const claimEntitlementSchema = z.strictObject({
  type: entitlementSchema.shape.type,
  value: entitlementSchema.shape.value,
  attestedBy: memberIdSchema,
});
export type ClaimEntitlement = z.infer<typeof claimEntitlementSchema>;

/**
 * JWT claims of a member token (seed 001, "Option 1"). The seed's example says `oid` but its
 * attribute list defines `oin` (OpenToken Identification Number): we use `oin`. Beside the
 * seed's five claims: `entityType` and `loyalty` (what the custom format's byte 1 says), and the
 * registered claims `iss`, `iat` and, for a subscription, `exp` (RFC 7519 §4.1), in seconds.
 */
export const memberTokenClaimsSchema = z.strictObject({
  iss: httpUrlSchema,
  iat: z.int().min(0),
  exp: z.int().min(0).optional(),
  oin: oinSchema,
  tokenId: memberTokenIdSchema,
  entityType: entityTypeSchema,
  loyalty: z.boolean(),
  limitations: memberTokenLimitationsSchema,
  entitlements: z.array(claimEntitlementSchema).max(20),
  metadata: metadataSchema,
});
export type MemberTokenClaims = z.infer<typeof memberTokenClaimsSchema>;

/** The 8 OIN bytes of the custom format: the number, big-endian. */
export function oinToBytes(oin: string): Uint8Array {
  if (!oinSchema.safeParse(oin).success)
    throw new ProtocolError(
      'Malformed',
      `oin: expected a decimal number below 2^64, got ${JSON.stringify(oin)}`,
      {
        field: 'oin',
      },
    );
  let n = BigInt(oin);
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

export function oinFromBytes(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n.toString(10);
}
