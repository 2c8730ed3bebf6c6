import { z } from 'zod';
import { memberIdSchema, timestampSchema } from '../common.ts';
import type { ChainViolation } from '../conditions/chain.ts';
import type { ViolationCode } from '../conditions/evaluate.ts';
import { narrows } from '../conditions/narrows.ts';
import { MAX_EVALUATION_TIME } from '../conditions/periods.ts';
import { type Conditions, locationsSchema } from '../conditions/schema.ts';
import { currencySchema, isCurrencyCode } from '../currencies.ts';
import { ProtocolError } from '../errors.ts';
import { decimalStringSchema, parseAmount } from '../money.ts';
import type { MemberTokenEntityType, MemberTokenFlags, MemberTokenLimit } from './flags.ts';

/**
 * The limitations of a member token (seed 001, "Limitations Include"), in the seed's words, plus
 * the `currency` every amount is in. They are converted to Conditions (limitationsToConditions) so
 * the one conditions engine enforces them (ARCHITECTURE.md, "Conditions"):
 *
 * | seed 001 | limitation | flag (byte 2) | condition |
 * | --- | --- | --- | --- |
 * | Merchant ID | `merchantId` | bit 8 | `payees: [merchantId]` |
 * | Location | `location` | bit 7 | `locations` |
 * | Amount (single transaction) | `amount` | bit 6 | `maxPerTransaction` |
 * | Credit Limit (total of charges) | `creditLimit` | bit 5 | `cumulativeLimit` |
 * | Subscription (expires at a date) | `expiresAt` | bit 4 | `validUntil` |
 * | Recurrence (number of uses) | `maxUses` | bit 3 | `maxRedemptions` |
 * | Single Use | `singleUse: true` | bit 2 | `singleUse` |
 *
 * Amounts are decimal strings (the seed's example writes `"amount": 10000`; ARCHITECTURE.md "Money" never
 * lets a JSON number carry money). `singleUse` is `true` or absent, so a flag bit and the
 * limitations map one to one.
 */
export const memberTokenLimitationsSchema = z
  .strictObject({
    currency: currencySchema,
    merchantId: memberIdSchema.optional(),
    location: locationsSchema.optional(),
    amount: decimalStringSchema.optional(),
    creditLimit: decimalStringSchema.optional(),
    expiresAt: timestampSchema.max(MAX_EVALUATION_TIME).optional(),
    maxUses: z.int().min(1).max(1_000_000).optional(),
    singleUse: z.literal(true).optional(),
  })
  .superRefine((l, ctx) => {
    // zod runs this even when a field already failed; only judge what parsed.
    if (isCurrencyCode(l.currency)) {
      for (const field of ['amount', 'creditLimit'] as const) {
        const value = l[field];
        if (typeof value !== 'string') continue;
        try {
          parseAmount(value, l.currency, { field });
        } catch (e) {
          if (!(e instanceof ProtocolError)) throw e;
          ctx.addIssue({ code: 'custom', path: [field], message: e.message, input: value });
        }
      }
    }
    if (l.singleUse === true && typeof l.maxUses === 'number' && l.maxUses > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['maxUses'],
        message: `expected no maxUses above 1 with singleUse, got ${l.maxUses}`,
      });
  });
export type MemberTokenLimitations = z.infer<typeof memberTokenLimitationsSchema>;

/** Where each limit lives in the limitations object. */
export const limitationField: Record<MemberTokenLimit, keyof MemberTokenLimitations> = {
  merchant: 'merchantId',
  location: 'location',
  amount: 'amount',
  creditLimit: 'creditLimit',
  subscription: 'expiresAt',
  recurrence: 'maxUses',
  singleUse: 'singleUse',
};

/** Which limits a limitations object carries: the byte-2 flags of seed 001. */
export function limitsOf(l: MemberTokenLimitations): MemberTokenFlags['limits'] {
  return {
    merchant: l.merchantId !== undefined,
    location: l.location !== undefined,
    amount: l.amount !== undefined,
    creditLimit: l.creditLimit !== undefined,
    subscription: l.expiresAt !== undefined,
    recurrence: l.maxUses !== undefined,
    singleUse: l.singleUse === true,
  };
}

/**
 * The flags a token with these properties must carry (seed 001, "Flags"): what the cloud compares
 * a presented token's flags with, and what it writes into the tokens it issues.
 */
export function memberTokenFlagsOf(token: {
  entityType: MemberTokenEntityType;
  entitlementCount: number;
  loyalty: boolean;
  limitations: MemberTokenLimitations;
}): MemberTokenFlags {
  return {
    entityType: token.entityType,
    entitlements: token.entitlementCount > 0,
    loyalty: token.loyalty,
    limits: limitsOf(token.limitations),
  };
}

/** The conditions the engine enforces for these limitations (table above). */
export function limitationsToConditions(l: MemberTokenLimitations): Conditions {
  const c: Conditions = { currency: l.currency };
  if (l.merchantId !== undefined) c.payees = [l.merchantId];
  if (l.location !== undefined) c.locations = l.location;
  if (l.amount !== undefined) c.maxPerTransaction = l.amount;
  if (l.creditLimit !== undefined) c.cumulativeLimit = l.creditLimit;
  if (l.expiresAt !== undefined) c.validUntil = l.expiresAt;
  if (l.maxUses !== undefined) c.maxRedemptions = l.maxUses;
  if (l.singleUse === true) c.singleUse = true;
  return c;
}

/**
 * The inverse, for conditions a member token can express. Throws Malformed for the rest: several
 * payees, a start time, periodic limits (the seed has no flag for them).
 */
export function conditionsToLimitations(c: Conditions): MemberTokenLimitations {
  const refuse = (field: string, why: string) =>
    new ProtocolError('Malformed', `${field}: ${why} has no member-token limitation (seed 001)`, { field });
  if (c.payees !== undefined && c.payees.length !== 1) throw refuse('payees', 'more than one payee');
  if (c.validFrom !== undefined) throw refuse('validFrom', 'a start time');
  if (c.periodicLimits !== undefined) throw refuse('periodicLimits', 'a periodic limit');
  const l: MemberTokenLimitations = { currency: c.currency };
  if (c.payees?.[0] !== undefined) l.merchantId = c.payees[0];
  if (c.locations !== undefined) l.location = c.locations;
  if (c.maxPerTransaction !== undefined) l.amount = c.maxPerTransaction;
  if (c.cumulativeLimit !== undefined) l.creditLimit = c.cumulativeLimit;
  if (c.validUntil !== undefined) l.expiresAt = c.validUntil;
  if (c.maxRedemptions !== undefined) l.maxUses = c.maxRedemptions;
  if (c.singleUse === true) l.singleUse = true;
  return l;
}

/** What a refused charge names: one of the seven limits, or the currency the token is in. */
export type MemberTokenRefusal = MemberTokenLimit | 'currency';

const refusalOf: Record<ViolationCode, MemberTokenRefusal | undefined> = {
  Payee: 'merchant',
  Location: 'location',
  Currency: 'currency',
  MaxPerTransaction: 'amount',
  CumulativeLimit: 'creditLimit',
  Expired: 'subscription',
  MaxRedemptions: 'recurrence',
  SingleUse: 'singleUse',
  // Conditions a member token never has (no validFrom, no periodic limits).
  NotYetValid: undefined,
  PeriodicAmount: undefined,
  PeriodicCount: undefined,
};

// Condition field -> limitations field, for messages that name what the member set.
const fieldOfCondition: Record<string, string> = {
  payees: 'merchantId',
  locations: 'location',
  'locations.countries': 'location.countries',
  'locations.area': 'location.area',
  currency: 'currency',
  maxPerTransaction: 'amount',
  cumulativeLimit: 'creditLimit',
  validUntil: 'expiresAt',
  maxRedemptions: 'maxUses',
  singleUse: 'singleUse',
};

export function limitationFieldOfCondition(field: string): string {
  return `limitations.${fieldOfCondition[field] ?? field}`;
}

/** One reason a charge was refused: which limit, at which level of the chain (0 = the root token). */
export interface MemberTokenRefusalReason {
  code: MemberTokenRefusal;
  field: string;
  message: string;
  level: number;
}

/**
 * The engine's violations as a ConditionFailed error in member-token words: each reason's `code`
 * is the limit ('amount', 'creditLimit', ...), its field the limitation, plus the chain level.
 */
export function memberTokenChargeRefused(violations: readonly ChainViolation[]): ProtocolError {
  const reasons: MemberTokenRefusalReason[] = violations.map((v) => ({
    code: refusalOf[v.code] ?? (v.code as MemberTokenRefusal),
    field: limitationFieldOfCondition(v.field),
    message: v.message,
    level: v.level,
  }));
  const first = reasons[0];
  const where = first && first.level > 0 ? ` (sub-token level ${first.level})` : first ? ' (root token)' : '';
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  return new ProtocolError(
    'ConditionFailed',
    `${first?.field ?? 'limitations'}: ${first?.message ?? 'refused'}${where}${more}`,
    { field: first?.field, reasons },
  );
}

/**
 * Seed 001, "Sub Member Token": "The limitations must be stricter or the same of the original
 * member token." The engine's narrows() decides, dimension by dimension; this throws
 * ConditionFailed with every looser dimension named as a limitation (`limitations.amount`, ...).
 */
export function assertLimitationsNarrow(child: MemberTokenLimitations, parent: MemberTokenLimitations): void {
  const result = narrows(limitationsToConditions(child), limitationsToConditions(parent));
  if (result.narrows) return;
  const reasons = result.violations.map((v) => ({
    code: 'NotNarrower' as const,
    field: limitationFieldOfCondition(v.field),
    message: v.message,
  }));
  const first = reasons[0]!;
  throw new ProtocolError(
    'ConditionFailed',
    `a sub-token's limitations must be at least as strict as its parent's: ${first.field}: ${first.message}`,
    { field: first.field, reasons },
  );
}
