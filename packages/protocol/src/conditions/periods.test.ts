import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { MAX_EVALUATION_TIME, periodKey, periodKeyPattern, periodOfKey } from './periods.ts';
import { conditionPeriods } from './schema.ts';

const at = (iso: string) => Date.parse(iso);
const dayMs = 86_400_000;

describe('periodKey (calendar periods in UTC)', () => {
  it('splits days at 00:00:00.000Z', () => {
    expect(periodKey('DAY', at('2026-11-22T23:59:59.999Z'))).toBe('DAY:2026-11-22');
    expect(periodKey('DAY', at('2026-11-23T00:00:00.000Z'))).toBe('DAY:2026-11-23');
  });

  it('uses ISO 8601 weeks: Monday to Sunday, numbered in the year of their Thursday', () => {
    // 2026-11-22 is a Sunday, 2026-11-23 a Monday.
    expect(periodKey('WEEK', at('2026-11-16T00:00:00.000Z'))).toBe('WEEK:2026-W47');
    expect(periodKey('WEEK', at('2026-11-22T23:59:59.999Z'))).toBe('WEEK:2026-W47');
    expect(periodKey('WEEK', at('2026-11-23T00:00:00.000Z'))).toBe('WEEK:2026-W48');
    // 2026 starts on a Thursday, so it has 53 weeks and 2027-01-01 (a Friday) is in its last.
    expect(periodKey('WEEK', at('2027-01-01T12:00:00.000Z'))).toBe('WEEK:2026-W53');
    expect(periodKey('WEEK', at('2027-01-04T00:00:00.000Z'))).toBe('WEEK:2027-W01');
    // 2024-12-30 is a Monday whose Thursday is in 2025.
    expect(periodKey('WEEK', at('2024-12-30T00:00:00.000Z'))).toBe('WEEK:2025-W01');
    expect(periodKey('WEEK', at('2024-12-29T23:59:59.999Z'))).toBe('WEEK:2024-W52');
    expect(periodKey('WEEK', 0)).toBe('WEEK:1970-W01');
  });

  it('splits months and years at their first instant', () => {
    expect(periodKey('MONTH', at('2026-11-30T23:59:59.999Z'))).toBe('MONTH:2026-11');
    expect(periodKey('MONTH', at('2026-12-01T00:00:00.000Z'))).toBe('MONTH:2026-12');
    expect(periodKey('YEAR', at('2026-12-31T23:59:59.999Z'))).toBe('YEAR:2026');
    expect(periodKey('YEAR', at('2027-01-01T00:00:00.000Z'))).toBe('YEAR:2027');
    expect(periodKey('DAY', at('2028-02-29T10:00:00.000Z'))).toBe('DAY:2028-02-29');
    expect(periodKey('YEAR', MAX_EVALUATION_TIME)).toBe('YEAR:9999');
  });

  it('refuses clock readings it cannot key', () => {
    for (const now of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_EVALUATION_TIME + 1]) {
      expect(() => periodKey('DAY', now)).toThrow(ProtocolError);
    }
  });

  it('gives two instants the same WEEK key exactly when they are in the same Monday-based week', () => {
    // 1970-01-01 was a Thursday, so Monday-based week number n starts at (7n - 3) days.
    const weekIndex = (t: number) => Math.floor((t + 3 * dayMs) / (7 * dayMs));
    const instant = fc.integer({ min: 0, max: MAX_EVALUATION_TIME });
    fc.assert(
      fc.property(instant, fc.integer({ min: -20 * dayMs, max: 20 * dayMs }), (t, delta) => {
        const u = Math.min(MAX_EVALUATION_TIME, Math.max(0, t + delta));
        expect(periodKey('WEEK', t) === periodKey('WEEK', u)).toBe(weekIndex(t) === weekIndex(u));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders keys of one period type as time orders instants', () => {
    const instant = fc.integer({ min: 0, max: MAX_EVALUATION_TIME });
    fc.assert(
      fc.property(fc.constantFrom(...conditionPeriods), instant, instant, (period, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const k1 = periodKey(period, early);
        const k2 = periodKey(period, late);
        expect(k1 <= k2).toBe(true);
        expect(k1).toMatch(periodKeyPattern);
        expect(periodOfKey(k1)).toBe(period);
      }),
      { numRuns: 2000 },
    );
  });
});
