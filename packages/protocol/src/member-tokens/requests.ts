import { z } from 'zod';
import { memberIdSchema } from '../common.ts';
import { attemptLocationSchema } from '../conditions/attempt.ts';
import { ProtocolError } from '../errors.ts';
import { moneySchema } from '../money.ts';
import { endorsementSchema } from '../tokens/endorsement.ts';
import { accountRefSchema, refIdSchema, transferTokenPayloadSchema } from '../tokens/transfer-token.ts';
import { entitlementSchema, metadataSchema } from './claims.ts';
import {
  assertLimitationsNarrow,
  type MemberTokenLimitations,
  memberTokenLimitationsSchema,
} from './limitations.ts';
import { memberTokenSpecSchema } from './spec.ts';

/** POST /member-tokens: the spec, its backing transfer token and the member's endorsement of it. */
export const memberTokenCreationSchema = z.strictObject({
  spec: memberTokenSpecSchema,
  transferToken: transferTokenPayloadSchema,
  endorsement: endorsementSchema,
});
export type MemberTokenCreation = z.infer<typeof memberTokenCreationSchema>;

/**
 * POST /member-tokens/{id}/derive (seed 001, "Sub Member Token"): a merchant asks for a member
 * token for a sub-merchant. Its entity type is sub-merchant, which must be limited to a merchant
 * (seed 001 flags: "Must have the Merchant bit flag set"): the merchant the payments go to.
 */
export const memberTokenDerivationSchema = z
  .strictObject({
    holder: memberIdSchema,
    limitations: memberTokenLimitationsSchema,
    loyalty: z.boolean().optional(),
    metadata: metadataSchema.optional(),
    /** Which of the parent's entitlement types the sub-merchant may see; none by default. */
    entitlements: z.array(entitlementSchema.shape.type).max(20).optional(),
    /**
     * Where charges through the sub-token are paid: the account of the merchant of record. Named
     * by that merchant when it derives from its own token; deeper sub-tokens inherit it.
     */
    destination: accountRefSchema.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.limitations !== undefined && d.limitations.merchantId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['limitations', 'merchantId'],
        message:
          'a sub-merchant token must be limited to a merchant (seed 001 flags: SubMerchant "Must have the Merchant bit flag set")',
      });
  });
export type MemberTokenDerivation = z.infer<typeof memberTokenDerivationSchema>;

/**
 * Whether `child` may be derived from a parent: limitations at least as strict in every dimension
 * (ConditionFailed otherwise, every looser limit named), payments to the same merchant of record
 * (the payee of the backing transfer token, whom every level's merchant limitation must name),
 * and only entitlements the parent has.
 */
export function assertDerivationAllowed(
  parent: {
    limitations: MemberTokenLimitations;
    entitlementTypes: readonly string[];
    merchantOfRecord: string;
  },
  child: MemberTokenDerivation,
): void {
  assertLimitationsNarrow(child.limitations, parent.limitations);
  if (child.limitations.merchantId !== parent.merchantOfRecord)
    throw new ProtocolError(
      'Malformed',
      `limitations.merchantId: expected ${parent.merchantOfRecord} (the merchant the payments go to), got ${child.limitations.merchantId}`,
      { field: 'limitations.merchantId' },
    );
  for (const type of child.entitlements ?? [])
    if (!parent.entitlementTypes.includes(type))
      throw new ProtocolError('Malformed', `entitlements: the parent token has no ${type} entitlement`, {
        field: 'entitlements',
      });
}

/** Where a charge happens, as the merchant reports it (the engine's Attempt.location). */
export const chargeLocationSchema = attemptLocationSchema;

/** A member token as a merchant holds it: a JWT or the 116 hex digits of the custom format. */
export const presentedMemberTokenSchema = z.string().min(1).max(8192);

/** POST /member-tokens/verify. */
export const memberTokenVerificationSchema = z.strictObject({ token: presentedMemberTokenSchema });

/** POST /member-tokens/charge: idempotent per (token, refId). */
export const memberTokenChargeSchema = z.strictObject({
  token: presentedMemberTokenSchema,
  amount: moneySchema,
  refId: refIdSchema,
  location: chargeLocationSchema.optional(),
  /** The merchant's account; only for a charge on a root token (sub-tokens pay where their parent says). */
  destination: accountRefSchema.optional(),
});
export type MemberTokenCharge = z.infer<typeof memberTokenChargeSchema>;

/** Which format a presented token is in; Malformed when it is neither. */
export function memberTokenFormat(text: string): 'jwt' | 'custom' {
  if (/^[0-9a-fA-F]{116}$/.test(text)) return 'custom';
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) return 'jwt';
  throw new ProtocolError(
    'Malformed',
    'token: expected a member token as a JWT (three base64url parts) or 116 hex digits (58 bytes)',
    { field: 'token' },
  );
}
