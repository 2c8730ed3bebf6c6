import { ProtocolError } from '../errors.ts';
import type { Period } from './schema.ts';

/** 9999-12-31T23:59:59.999Z: the last instant whose period keys have a four-digit year. */
export const MAX_EVALUATION_TIME = 253_402_300_799_999;

const dayMs = 86_400_000;

/**
 * Checks a caller's clock reading: integer epoch milliseconds from 1970 to year 9999, so that
 * period keys keep four-digit years and sort in time order as strings.
 */
export function assertValidNow(now: number): void {
  if (!Number.isSafeInteger(now) || now < 0 || now > MAX_EVALUATION_TIME) {
    throw new ProtocolError(
      'Malformed',
      `now: expected integer epoch milliseconds between 0 and ${MAX_EVALUATION_TIME}, got ${String(now)}`,
      { field: 'now', actual: now },
    );
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * ISO 8601 week of a UTC instant: weeks start on Monday and belong to the year holding their
 * Thursday, so 2027-01-01 (a Friday) is in 2026-W53 and 2024-12-30 (a Monday) in 2025-W01.
 */
function isoWeek(now: number): { year: number; week: number } {
  const day = Math.floor(now / dayMs);
  const date = new Date(day * dayMs);
  const mondayBased = (date.getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const thursday = day - mondayBased + 3;
  const year = new Date(thursday * dayMs).getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1) / dayMs;
  return { year, week: Math.floor((thursday - firstOfYear) / 7) + 1 };
}

/**
 * The calendar period (UTC) that `now` falls in, as a stable key: 'DAY:2026-11-22',
 * 'WEEK:2026-W47', 'MONTH:2026-11', 'YEAR:2026'. Keys of one period type sort in time order.
 */
export function periodKey(period: Period, now: number): string {
  assertValidNow(now);
  const date = new Date(now);
  const year = pad(date.getUTCFullYear(), 4);
  switch (period) {
    case 'DAY':
      return `DAY:${year}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
    case 'WEEK': {
      const w = isoWeek(now);
      return `WEEK:${pad(w.year, 4)}-W${pad(w.week, 2)}`;
    }
    case 'MONTH':
      return `MONTH:${year}-${pad(date.getUTCMonth() + 1, 2)}`;
    case 'YEAR':
      return `YEAR:${year}`;
  }
}

/** Matches exactly the keys periodKey produces. */
export const periodKeyPattern = /^(?:DAY:\d{4}-\d{2}-\d{2}|WEEK:\d{4}-W\d{2}|MONTH:\d{4}-\d{2}|YEAR:\d{4})$/;

/** The period type a key belongs to ('DAY:2026-11-22' -> 'DAY'). */
export function periodOfKey(key: string): Period {
  return key.slice(0, key.indexOf(':')) as Period;
}
