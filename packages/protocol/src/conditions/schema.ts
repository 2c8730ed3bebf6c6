import { z } from 'zod';
import { memberIdSchema, timestampSchema } from '../common.ts';
import { currencySchema, isCurrencyCode } from '../currencies.ts';
import { ProtocolError } from '../errors.ts';
import { decimalStringSchema, parseAmount } from '../money.ts';
import { parseWith } from '../validate.ts';
import { countrySchema } from './countries.ts';

/**
 * Conditions of a smart token (seed 000, "Smart Tokens": conditions govern access to the asset)
 * and limitations of an OpenToken member token (seed 001, "Limitations Include"), in one shape so
 * one engine enforces both (ARCHITECTURE.md, "Conditions"):
 *
 * | seed 001 limitation | here |
 * | --- | --- |
 * | Merchant ID | `payees` |
 * | Location | `locations` (countries and/or a circle) |
 * | Amount (single transaction) | `maxPerTransaction` |
 * | Credit Limit (total of transactions) | `cumulativeLimit` |
 * | Subscription (expires at a date) | `validUntil` (and `validFrom`) |
 * | Recurrence (limited number of uses) | `maxRedemptions` |
 * | Single Use | `singleUse` |
 *
 * plus `periodicLimits`, the per-period caps of UK variable recurring payments (OBIE VRP
 * "PeriodicLimits": amount per day/week/month/year), here also a count per period.
 *
 * Every amount is a decimal string in `currency`. Coordinates are the only non-integer numbers:
 * they are not money, and RFC 8785 serialises them deterministically.
 */

export const conditionPeriods = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
/**
 * Calendar periods in UTC: a DAY starts at 00:00:00.000Z, a WEEK is an ISO 8601 week (Monday
 * 00:00Z to Sunday 23:59:59.999Z), a MONTH and a YEAR start on their first day at 00:00Z. Not
 * rolling windows: a limit resets at the boundary, as VRP periodic limits do.
 */
export const periodSchema = z.enum(conditionPeriods);
export type Period = z.infer<typeof periodSchema>;

export const areaSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  radiusMeters: z.int().min(1),
});
export type Area = z.infer<typeof areaSchema>;

export const locationsSchema = z
  .strictObject({
    countries: z.array(countrySchema).min(1).max(249).optional(),
    area: areaSchema.optional(),
  })
  .refine((l) => l.countries !== undefined || l.area !== undefined, {
    error: 'expected countries, an area or both; an empty location condition means nothing',
  });

export const periodicLimitSchema = z
  .strictObject({
    period: periodSchema,
    maxAmount: decimalStringSchema.optional(),
    maxCount: z.int().min(1).optional(),
  })
  .refine((p) => p.maxAmount !== undefined || p.maxCount !== undefined, {
    error: 'expected maxAmount, maxCount or both',
  });
export type PeriodicLimit = z.infer<typeof periodicLimitSchema>;

const amountFields = ['maxPerTransaction', 'cumulativeLimit'] as const;

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

export const conditionsSchema = z
  .strictObject({
    currency: currencySchema,
    payees: z.array(memberIdSchema).min(1).max(100).optional(),
    locations: locationsSchema.optional(),
    maxPerTransaction: decimalStringSchema.optional(),
    cumulativeLimit: decimalStringSchema.optional(),
    periodicLimits: z.array(periodicLimitSchema).min(1).max(conditionPeriods.length).optional(),
    validFrom: timestampSchema.optional(),
    validUntil: timestampSchema.optional(),
    maxRedemptions: z.int().min(1).optional(),
    singleUse: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    // zod runs this even when a field already failed; only judge what parsed.
    if (isCurrencyCode(c.currency)) {
      const check = (value: unknown, path: (string | number)[]) => {
        try {
          if (typeof value === 'string') parseAmount(value, c.currency, { field: path.join('.') });
        } catch (e) {
          if (!(e instanceof ProtocolError)) throw e;
          ctx.addIssue({ code: 'custom', path, message: e.message, input: value });
        }
      };
      for (const field of amountFields) check(c[field], [field]);
      c.periodicLimits?.forEach((p, i) => {
        check(p.maxAmount, ['periodicLimits', i, 'maxAmount']);
      });
    }
    // One meaning per conditions object: duplicates would make narrowing ambiguous (which DAY
    // limit does a child's DAY limit answer to?) and give equal conditions different token ids.
    for (const dup of duplicates(c.payees ?? [])) {
      ctx.addIssue({
        code: 'custom',
        path: ['payees'],
        message: `expected distinct payees, got ${dup} twice`,
      });
    }
    for (const dup of duplicates(c.locations?.countries ?? [])) {
      ctx.addIssue({
        code: 'custom',
        path: ['locations', 'countries'],
        message: `expected distinct countries, got ${dup} twice`,
      });
    }
    for (const dup of duplicates((c.periodicLimits ?? []).map((p) => p.period))) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodicLimits'],
        message: `expected at most one limit per period, got ${dup} twice`,
      });
    }
    if (c.validFrom !== undefined && c.validUntil !== undefined && c.validFrom >= c.validUntil) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: `expected validUntil after validFrom (${c.validFrom}), got ${c.validUntil}`,
      });
    }
    // singleUse means maxRedemptions 1; a larger maxRedemptions beside it contradicts it.
    if (c.singleUse === true && c.maxRedemptions !== undefined && c.maxRedemptions > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxRedemptions'],
        message: `expected no maxRedemptions above 1 with singleUse, got ${c.maxRedemptions}`,
      });
    }
  });

export type Conditions = z.infer<typeof conditionsSchema>;

/** Parses untrusted conditions; throws ProtocolError('Malformed') naming the field at fault. */
export function parseConditions(input: unknown): Conditions {
  return parseWith(conditionsSchema, input, 'conditions');
}
