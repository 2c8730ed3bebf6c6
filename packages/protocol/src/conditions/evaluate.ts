import { isCurrencyCode } from '../currencies.ts';
import { ProtocolError } from '../errors.ts';
import { formatAmount, MAX_AMOUNT_MINOR, parseAmount } from '../money.ts';
import { type Attempt, assertValidAttempt } from './attempt.ts';
import { haversineMeters, isValidPoint } from './geo.ts';
import { assertValidNow } from './periods.ts';
import type { Conditions } from './schema.ts';
import { chargedPeriodKey, type Usage, usageInPeriod } from './usage.ts';

export const violationCodes = [
  'Payee',
  'Location',
  'Currency',
  'MaxPerTransaction',
  'CumulativeLimit',
  'PeriodicAmount',
  'PeriodicCount',
  'NotYetValid',
  'Expired',
  'MaxRedemptions',
  'SingleUse',
] as const;
export type ViolationCode = (typeof violationCodes)[number];

/** One reason an attempt is refused: which rule, which condition field, expected vs actual. */
export interface Violation {
  code: ViolationCode;
  field: string;
  message: string;
}

export type Evaluation = { allowed: true } | { allowed: false; violations: Violation[] };

/** "12.00 EUR"; never throws, so a message about an absurd sum can still be written. */
function show(minor: bigint, currency: string): string {
  const inRange = minor <= MAX_AMOUNT_MINOR && minor >= -MAX_AMOUNT_MINOR;
  return inRange && isCurrencyCode(currency)
    ? `${formatAmount(minor, currency)} ${currency}`
    : `${minor} minor units of ${currency}`;
}

const list = (values: readonly string[]) => `[${values.join(', ')}]`;

/**
 * May `attempt` proceed at `now` under `conditions`, given what `usage` already consumed? Answers
 * with every violation, not the first, so a user or merchant sees all reasons at once. Depends
 * only on its arguments (no clock, no I/O) and does not modify them.
 *
 * - The validity window is half-open: usable from `validFrom` inclusive until `validUntil`
 *   exclusive.
 * - Limits are inclusive: an amount equal to a limit is allowed, one minor unit more is not.
 * - A location condition with both countries and an area requires both to hold. An area needs
 *   the attempt's coordinates: an attempt that does not say where it is cannot prove it is inside.
 * - In another currency than the conditions', amounts cannot be compared, so the Currency
 *   violation stands alone for the amount limits (no exchange rates here, ever).
 *
 * Throws ProtocolError for misuse: a non-positive amount (InvalidAmount) or an invalid `now`.
 */
export function evaluate(conditions: Conditions, usage: Usage, attempt: Attempt, now: number): Evaluation {
  assertValidAttempt(attempt);
  assertValidNow(now);
  const violations: Violation[] = [];
  const add = (code: ViolationCode, field: string, message: string) =>
    violations.push({ code, field, message });
  const { currency } = conditions;

  // Seed 001 "Merchant ID": only the named merchants may use the token.
  if (conditions.payees !== undefined) {
    if (attempt.payee === undefined) {
      add('Payee', 'payees', `expected a payee among ${list(conditions.payees)}, got none`);
    } else if (!conditions.payees.includes(attempt.payee)) {
      add('Payee', 'payees', `expected a payee among ${list(conditions.payees)}, got ${attempt.payee}`);
    }
  }

  // Seed 001 "Location".
  const countries = conditions.locations?.countries;
  if (countries !== undefined) {
    const country = attempt.location?.country;
    if (country === undefined) {
      add('Location', 'locations.countries', `expected a country among ${list(countries)}, got none`);
    } else if (!(countries as readonly string[]).includes(country)) {
      add('Location', 'locations.countries', `expected a country among ${list(countries)}, got ${country}`);
    }
  }
  const area = conditions.locations?.area;
  if (area !== undefined) {
    const where = `within ${area.radiusMeters} m of (${area.lat}, ${area.lon})`;
    const lat = attempt.location?.lat;
    const lon = attempt.location?.lon;
    if (lat === undefined || lon === undefined) {
      add('Location', 'locations.area', `expected coordinates ${where}, got none`);
    } else if (!isValidPoint(lat, lon)) {
      add('Location', 'locations.area', `expected valid coordinates ${where}, got (${lat}, ${lon})`);
    } else {
      const distance = haversineMeters({ lat, lon }, area);
      if (distance > area.radiusMeters) {
        add(
          'Location',
          'locations.area',
          `expected a place ${where}, got one ${Math.round(distance)} m away`,
        );
      }
    }
  }

  if (attempt.currency !== currency) {
    add('Currency', 'currency', `expected an amount in ${currency}, got one in ${attempt.currency}`);
  } else {
    const amount = attempt.amount;
    // Seed 001 "Amount": limit on a single transaction.
    if (conditions.maxPerTransaction !== undefined) {
      const max = parseAmount(conditions.maxPerTransaction, currency, { field: 'maxPerTransaction' });
      if (amount > max) {
        add(
          'MaxPerTransaction',
          'maxPerTransaction',
          `expected at most ${show(max, currency)}, got ${show(amount, currency)}`,
        );
      }
    }
    // Seed 001 "Credit Limit": the total of all transactions.
    if (conditions.cumulativeLimit !== undefined) {
      const limit = parseAmount(conditions.cumulativeLimit, currency, { field: 'cumulativeLimit' });
      if (usage.total + amount > limit) {
        add(
          'CumulativeLimit',
          'cumulativeLimit',
          `expected a lifetime total of at most ${show(limit, currency)}, got ${show(usage.total, currency)} used + ${show(amount, currency)} = ${show(usage.total + amount, currency)}`,
        );
      }
    }
  }

  // UK VRP periodic limits, per calendar period in UTC (see periods.ts).
  conditions.periodicLimits?.forEach((limit, i) => {
    const key = chargedPeriodKey(usage, limit.period, now);
    const used = usageInPeriod(usage, key);
    if (limit.maxAmount !== undefined && attempt.currency === currency) {
      const max = parseAmount(limit.maxAmount, currency, { field: `periodicLimits.${i}.maxAmount` });
      if (used.total + attempt.amount > max) {
        add(
          'PeriodicAmount',
          `periodicLimits.${i}.maxAmount`,
          `expected at most ${show(max, currency)} in ${key}, got ${show(used.total, currency)} used + ${show(attempt.amount, currency)}`,
        );
      }
    }
    if (limit.maxCount !== undefined && used.count + 1 > limit.maxCount) {
      add(
        'PeriodicCount',
        `periodicLimits.${i}.maxCount`,
        `expected at most ${limit.maxCount} uses in ${key}, got use number ${used.count + 1}`,
      );
    }
  });

  // Seed 001 "Subscription": the token expires at a certain date.
  if (conditions.validFrom !== undefined && now < conditions.validFrom) {
    add('NotYetValid', 'validFrom', `expected a time at or after ${conditions.validFrom}, got ${now}`);
  }
  if (conditions.validUntil !== undefined && now >= conditions.validUntil) {
    add('Expired', 'validUntil', `expected a time before ${conditions.validUntil}, got ${now}`);
  }

  // Seed 001 "Recurrence" and "Single Use".
  if (conditions.maxRedemptions !== undefined && usage.count + 1 > conditions.maxRedemptions) {
    add(
      'MaxRedemptions',
      'maxRedemptions',
      `expected at most ${conditions.maxRedemptions} uses, got use number ${usage.count + 1}`,
    );
  }
  if (conditions.singleUse === true && usage.count > 0) {
    add('SingleUse', 'singleUse', `expected a single use, got use number ${usage.count + 1}`);
  }

  return violations.length === 0 ? { allowed: true } : { allowed: false, violations };
}

/** evaluate(), throwing ProtocolError('ConditionFailed') with every violation in `reasons`. */
export function assertAllowed(conditions: Conditions, usage: Usage, attempt: Attempt, now: number): void {
  const result = evaluate(conditions, usage, attempt, now);
  if (!result.allowed) throw conditionFailedError(result.violations);
}

export function conditionFailedError(violations: readonly (Violation & { level?: number })[]): ProtocolError {
  const first = violations[0];
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return new ProtocolError(
    'ConditionFailed',
    `${first?.field ?? 'conditions'}: ${first?.message ?? 'refused'}${more}`,
    {
      field: first?.field,
      reasons: violations,
    },
  );
}
