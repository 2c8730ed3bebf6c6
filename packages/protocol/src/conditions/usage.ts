import { z } from 'zod';
import { ProtocolError } from '../errors.ts';
import { parseWith } from '../validate.ts';
import { type Attempt, assertValidAttempt } from './attempt.ts';
import { periodKey, periodKeyPattern, periodOfKey } from './periods.ts';
import type { Conditions, Period } from './schema.ts';

/**
 * What a token has been used for so far: the redemptions counted against its conditions. Lifetime
 * `count` and `total` (minor units) serve maxRedemptions, singleUse and cumulativeLimit; `periods`
 * holds the count and total of the current calendar period for each periodic limit.
 */
export interface PeriodUsage {
  /** periodKey(): 'DAY:2026-11-22', 'WEEK:2026-W47', 'MONTH:2026-11', 'YEAR:2026'. */
  key: string;
  count: number;
  total: bigint;
}

export interface Usage {
  count: number;
  total: bigint;
  periods: PeriodUsage[];
}

export function emptyUsage(): Usage {
  return { count: 0, total: 0n, periods: [] };
}

/** Count and total already used in the period `key`; zero when nothing was recorded there. */
export function usageInPeriod(usage: Usage, key: string): { count: number; total: bigint } {
  const found = usage.periods.find((p) => p.key === key);
  return found === undefined ? { count: 0, total: 0n } : { count: found.count, total: found.total };
}

/**
 * The period an attempt at `now` is charged to: the calendar period of `now`, or the latest period
 * of that type already in `usage` if that is later. Clocks of several cloud instances can disagree
 * by a little; an attempt whose clock reads earlier than one already recorded then counts in the
 * period that holds usage, never in a fresh earlier one whose usage was already dropped.
 */
export function chargedPeriodKey(usage: Usage, period: Period, now: number): string {
  let key = periodKey(period, now);
  for (const p of usage.periods) {
    // Keys of one period type have fixed-width fields, so string order is time order.
    if (periodOfKey(p.key) === period && p.key > key) key = p.key;
  }
  return key;
}

/**
 * The usage after `attempt` went through at `now`. Pure: returns a new object. Call it only for an
 * attempt that evaluate() allowed, in the same database transaction that stores the result, so
 * two concurrent redemptions cannot both see the old usage (ARCHITECTURE.md, "Storage and scale").
 *
 * Only the current period of each periodic limit is kept: earlier ones can never matter again.
 */
export function recordUsage(conditions: Conditions, usage: Usage, attempt: Attempt, now: number): Usage {
  assertValidAttempt(attempt);
  if (attempt.currency !== conditions.currency) {
    throw new ProtocolError(
      'InvalidAmount',
      `currency: expected ${conditions.currency} (the conditions' currency), got ${attempt.currency}`,
      { field: 'currency', expected: conditions.currency, actual: attempt.currency },
    );
  }
  const periods: PeriodUsage[] = [];
  for (const limit of conditions.periodicLimits ?? []) {
    const key = chargedPeriodKey(usage, limit.period, now);
    const current = usageInPeriod(usage, key);
    periods.push({ key, count: current.count + 1, total: current.total + attempt.amount });
  }
  return { count: usage.count + 1, total: usage.total + attempt.amount, periods };
}

/**
 * The usage recomputed from the redemptions that count, oldest first: the cloud and the payer's
 * bank each derive it from their own transfer rows (their tables and which statuses count differ),
 * so a rejected transfer gives its room back exactly.
 */
export function usageOfTransfers(
  conditions: Conditions,
  payee: string,
  transfers: readonly { amount: bigint; currency: string; at: number }[],
): Usage {
  let usage = emptyUsage();
  for (const t of transfers)
    usage = recordUsage(conditions, usage, { payee, amount: t.amount, currency: t.currency }, t.at);
  return usage;
}

const countSchema = z.int().min(0);
const minorUnitsSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, 'expected a non-negative integer as a decimal string');

/** Usage as stored (JSON has no bigint): totals are integer minor units written as decimal strings. */
export const usageJsonSchema = z
  .strictObject({
    count: countSchema,
    total: minorUnitsSchema,
    periods: z
      .array(
        z.strictObject({
          key: z.string().regex(periodKeyPattern, 'expected a period key such as "DAY:2026-11-22"'),
          count: countSchema,
          total: minorUnitsSchema,
        }),
      )
      .max(64),
  })
  .superRefine((u, ctx) => {
    // A stored usage that contradicts itself was corrupted or forged; refuse rather than guess.
    const seen = new Set<string>();
    u.periods.forEach((p, i) => {
      if (seen.has(p.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i, 'key'],
          message: `expected distinct keys, got ${p.key} twice`,
        });
      }
      seen.add(p.key);
      if (p.count > u.count) {
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i, 'count'],
          message: `expected at most the lifetime count ${u.count}, got ${p.count}`,
        });
      }
      if (/^\d+$/.test(p.total) && /^\d+$/.test(u.total) && BigInt(p.total) > BigInt(u.total)) {
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i, 'total'],
          message: `expected at most the lifetime total ${u.total}, got ${p.total}`,
        });
      }
    });
  });
export type UsageJson = z.infer<typeof usageJsonSchema>;

export function usageToJson(usage: Usage): UsageJson {
  return {
    count: usage.count,
    total: usage.total.toString(),
    periods: usage.periods.map((p) => ({ key: p.key, count: p.count, total: p.total.toString() })),
  };
}

/** Parses stored usage; throws ProtocolError('Malformed') naming the field at fault. */
export function usageFromJson(input: unknown): Usage {
  const json = parseWith(usageJsonSchema, input, 'usage');
  return {
    count: json.count,
    total: BigInt(json.total),
    periods: json.periods.map((p) => ({ key: p.key, count: p.count, total: BigInt(p.total) })),
  };
}
