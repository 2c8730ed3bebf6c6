import { z } from 'zod';
import { memberIdSchema, timestampSchema } from '../common.ts';

/**
 * OpenToken member-token limitations (seed 001, "Limitations Include"), in the seed's own words.
 * Amounts are decimal strings in `currency` (DESIGN.md, "Money"), never JSON numbers.
 */
export const memberTokenLimitationsSchema = z.strictObject({
  merchantId: memberIdSchema.optional(),
  location: z
    .strictObject({
      countries: z
        .array(z.string().regex(/^[A-Z]{2}$/))
        .min(1)
        .max(50),
    })
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** "Amount": limit on a single transaction. */
  amount: z
    .string()
    .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/)
    .optional(),
  /** "Credit Limit": limit on the total of all transactions. */
  creditLimit: z
    .string()
    .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/)
    .optional(),
  /** "Subscription": the token expires at this time. */
  expiresAt: timestampSchema.optional(),
  /** "Recurrence": number of uses. */
  maxUses: z.number().int().min(1).max(1_000_000).optional(),
  singleUse: z.boolean().optional(),
});
export type MemberTokenLimitations = z.infer<typeof memberTokenLimitationsSchema>;

export const entitlementSchema = z.strictObject({
  type: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'expected an upper-case entitlement type such as VETERAN'),
  value: z.string().max(200),
  /** Who vouches for it (a bank's member id) and its signature over the entitlement. */
  attestedBy: memberIdSchema.optional(),
  attestation: z.string().max(400).optional(),
});

/**
 * JWT claims of a member token (seed 001, "Option 1"). The seed's example says `oid` but its
 * attribute list says `oin` (OpenToken Identification Number): we use `oin`.
 */
export const memberTokenClaimsSchema = z.strictObject({
  oin: z.string().regex(/^[0-9]{1,16}$/, 'expected the decimal OpenToken Identification Number'),
  tokenId: z.string().min(1).max(200),
  limitations: memberTokenLimitationsSchema,
  entitlements: z.array(entitlementSchema).max(20),
  metadata: z.array(z.strictObject({ key: z.string().min(1).max(64), value: z.string().max(500) })).max(20),
});
export type MemberTokenClaims = z.infer<typeof memberTokenClaimsSchema>;
