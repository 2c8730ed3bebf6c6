import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import type { Attempt } from './attempt.ts';
import { assertAllowed, evaluate, type Violation, type ViolationCode } from './evaluate.ts';
import type { Conditions } from './schema.ts';
import { emptyUsage, recordUsage, type Usage } from './usage.ts';

const shop = 'shop'.padEnd(43, '_');
const other = 'other'.padEnd(43, '_');
const now = Date.parse('2026-11-22T12:00:00.000Z');
// Trafalgar Square, and a point 1 km due north of it (1 km of latitude = 1000 / 111 195 degrees).
const london = { lat: 51.508, lon: -0.128 };
const metresNorth = (m: number) => ({ lat: london.lat + m / 111_195.08, lon: london.lon });

const pay = (amount: bigint, extra: Partial<Attempt> = {}): Attempt => ({
  payee: shop,
  amount,
  currency: 'EUR',
  location: { country: 'GB', ...london },
  ...extra,
});

function violations(
  conditions: Conditions,
  attempt: Attempt,
  usage: Usage = emptyUsage(),
  at = now,
): Violation[] {
  const r = evaluate(conditions, usage, attempt, at);
  return r.allowed ? [] : r.violations;
}

const codes = (vs: Violation[]): ViolationCode[] => vs.map((v) => v.code);

/** The usage after `n` payments of `amount` at `at`. */
function used(conditions: Conditions, n: number, amount: bigint, at = now): Usage {
  let usage = emptyUsage();
  for (let i = 0; i < n; i++) usage = recordUsage(conditions, usage, pay(amount), at);
  return usage;
}

describe('evaluate: one example per violation code', () => {
  it('allows what no condition forbids', () => {
    expect(evaluate({ currency: 'EUR' }, emptyUsage(), pay(1n), now)).toEqual({ allowed: true });
  });

  it('Payee: another payee, or none', () => {
    const c: Conditions = { currency: 'EUR', payees: [shop] };
    expect(violations(c, pay(100n))).toEqual([]);
    expect(violations(c, pay(100n, { payee: other }))).toEqual([
      { code: 'Payee', field: 'payees', message: `expected a payee among [${shop}], got ${other}` },
    ]);
    expect(violations(c, { amount: 100n, currency: 'EUR' })[0]?.message).toBe(
      `expected a payee among [${shop}], got none`,
    );
  });

  it('Location: another country, or none', () => {
    const c: Conditions = { currency: 'EUR', locations: { countries: ['GB', 'IE'] } };
    expect(violations(c, pay(1n))).toEqual([]);
    expect(violations(c, pay(1n, { location: { country: 'FR' } }))).toEqual([
      {
        code: 'Location',
        field: 'locations.countries',
        message: 'expected a country among [GB, IE], got FR',
      },
    ]);
    expect(violations(c, pay(1n, { location: undefined }))[0]?.message).toBe(
      'expected a country among [GB, IE], got none',
    );
  });

  it('Location: outside the area, no coordinates, or invalid coordinates', () => {
    const c: Conditions = { currency: 'EUR', locations: { area: { ...london, radiusMeters: 1000 } } };
    expect(violations(c, pay(1n, { location: metresNorth(990) }))).toEqual([]);
    expect(violations(c, pay(1n, { location: metresNorth(1010) }))).toEqual([
      {
        code: 'Location',
        field: 'locations.area',
        message: 'expected a place within 1000 m of (51.508, -0.128), got one 1010 m away',
      },
    ]);
    expect(violations(c, pay(1n, { location: { country: 'GB' } }))[0]?.message).toBe(
      'expected coordinates within 1000 m of (51.508, -0.128), got none',
    );
    expect(violations(c, pay(1n, { location: { lat: 51.5 } }))[0]?.message).toMatch(/got none$/);
    expect(violations(c, pay(1n, { location: { lat: Number.NaN, lon: 0 } }))[0]?.message).toMatch(
      /expected valid coordinates/,
    );
    expect(violations(c, pay(1n, { location: { lat: 91, lon: 0 } }))[0]?.code).toBe('Location');
  });

  it('Location: countries and area must both hold', () => {
    const c: Conditions = {
      currency: 'EUR',
      locations: { countries: ['GB'], area: { ...london, radiusMeters: 1000 } },
    };
    expect(violations(c, pay(1n))).toEqual([]);
    expect(codes(violations(c, pay(1n, { location: { country: 'FR', ...metresNorth(5000) } })))).toEqual([
      'Location',
      'Location',
    ]);
  });

  it('Currency: another currency, and no amount comparison across currencies', () => {
    const c: Conditions = { currency: 'EUR', maxPerTransaction: '1.00', cumulativeLimit: '1.00' };
    expect(violations(c, pay(5000n, { currency: 'GBP' }))).toEqual([
      { code: 'Currency', field: 'currency', message: 'expected an amount in EUR, got one in GBP' },
    ]);
  });

  it('MaxPerTransaction: inclusive limit', () => {
    const c: Conditions = { currency: 'EUR', maxPerTransaction: '10.00' };
    expect(violations(c, pay(1000n))).toEqual([]);
    expect(violations(c, pay(1001n))).toEqual([
      {
        code: 'MaxPerTransaction',
        field: 'maxPerTransaction',
        message: 'expected at most 10.00 EUR, got 10.01 EUR',
      },
    ]);
  });

  it('CumulativeLimit: counts what was used before', () => {
    const c: Conditions = { currency: 'EUR', cumulativeLimit: '100.00' };
    expect(violations(c, pay(4000n), used(c, 2, 3000n))).toEqual([]);
    expect(violations(c, pay(4001n), used(c, 2, 3000n))).toEqual([
      {
        code: 'CumulativeLimit',
        field: 'cumulativeLimit',
        message:
          'expected a lifetime total of at most 100.00 EUR, got 60.00 EUR used + 40.01 EUR = 100.01 EUR',
      },
    ]);
  });

  it('PeriodicAmount and PeriodicCount: within the current period', () => {
    const c: Conditions = {
      currency: 'EUR',
      periodicLimits: [{ period: 'DAY', maxAmount: '50.00', maxCount: 2 }],
    };
    const usage = used(c, 2, 2000n);
    expect(violations(c, pay(1000n), used(c, 1, 2000n))).toEqual([]);
    expect(violations(c, pay(1001n), usage)).toEqual([
      {
        code: 'PeriodicAmount',
        field: 'periodicLimits.0.maxAmount',
        message: 'expected at most 50.00 EUR in DAY:2026-11-22, got 40.00 EUR used + 10.01 EUR',
      },
      {
        code: 'PeriodicCount',
        field: 'periodicLimits.0.maxCount',
        message: 'expected at most 2 uses in DAY:2026-11-22, got use number 3',
      },
    ]);
    // The next day starts afresh.
    expect(violations(c, pay(1000n), usage, Date.parse('2026-11-23T00:00:00.000Z'))).toEqual([]);
  });

  it('NotYetValid and Expired: a half-open window [validFrom, validUntil)', () => {
    const c: Conditions = { currency: 'EUR', validFrom: 1000, validUntil: 2000 };
    expect(violations(c, pay(1n), emptyUsage(), 1000)).toEqual([]);
    expect(violations(c, pay(1n), emptyUsage(), 1999)).toEqual([]);
    expect(violations(c, pay(1n), emptyUsage(), 999)).toEqual([
      { code: 'NotYetValid', field: 'validFrom', message: 'expected a time at or after 1000, got 999' },
    ]);
    expect(violations(c, pay(1n), emptyUsage(), 2000)).toEqual([
      { code: 'Expired', field: 'validUntil', message: 'expected a time before 2000, got 2000' },
    ]);
  });

  it('MaxRedemptions: the n+1th use', () => {
    const c: Conditions = { currency: 'EUR', maxRedemptions: 3 };
    expect(violations(c, pay(1n), used(c, 2, 1n))).toEqual([]);
    expect(violations(c, pay(1n), used(c, 3, 1n))).toEqual([
      {
        code: 'MaxRedemptions',
        field: 'maxRedemptions',
        message: 'expected at most 3 uses, got use number 4',
      },
    ]);
  });

  it('SingleUse: the second use', () => {
    const c: Conditions = { currency: 'EUR', singleUse: true };
    expect(violations(c, pay(1n))).toEqual([]);
    expect(violations(c, pay(1n), used(c, 1, 1n))).toEqual([
      { code: 'SingleUse', field: 'singleUse', message: 'expected a single use, got use number 2' },
    ]);
  });
});

describe('evaluate: every violation, not the first', () => {
  it('lists every code that applies (all eleven across two attempts)', () => {
    const c: Conditions = {
      currency: 'EUR',
      payees: [shop],
      locations: { countries: ['GB'] },
      maxPerTransaction: '1.00',
      cumulativeLimit: '1.00',
      periodicLimits: [{ period: 'DAY', maxAmount: '1.00', maxCount: 1 }],
      validUntil: now,
      maxRedemptions: 1,
      singleUse: true,
    };
    const usage = used(c, 1, 100n);
    const wrong = pay(500n, { payee: other, location: { country: 'FR' } });
    expect(codes(violations(c, wrong, usage))).toEqual([
      'Payee',
      'Location',
      'MaxPerTransaction',
      'CumulativeLimit',
      'PeriodicAmount',
      'PeriodicCount',
      'Expired',
      'MaxRedemptions',
      'SingleUse',
    ]);
    expect(
      codes(
        violations({ ...c, validUntil: undefined, validFrom: now + 1 }, { ...wrong, currency: 'USD' }, usage),
      ),
    ).toEqual([
      'Payee',
      'Location',
      'Currency',
      'PeriodicCount',
      'NotYetValid',
      'MaxRedemptions',
      'SingleUse',
    ]);
  });
});

describe('evaluate: the periodic boundary', () => {
  it('counts 23:59:59.999 UTC and 00:00 the next day in different days', () => {
    const c: Conditions = {
      currency: 'EUR',
      periodicLimits: [{ period: 'DAY', maxCount: 1, maxAmount: '10.00' }],
    };
    const late = Date.parse('2026-11-22T23:59:59.999Z');
    const midnight = Date.parse('2026-11-23T00:00:00.000Z');
    expect(evaluate(c, emptyUsage(), pay(1000n), late)).toEqual({ allowed: true });
    const usage = recordUsage(c, emptyUsage(), pay(1000n), late);
    expect(evaluate(c, usage, pay(1000n), midnight)).toEqual({ allowed: true });
    // ... while a second payment in the same last millisecond is refused.
    expect(codes(violations(c, pay(1n), usage, late))).toEqual(['PeriodicAmount', 'PeriodicCount']);
  });

  it('starts a week on Monday 00:00 UTC (ISO 8601)', () => {
    const c: Conditions = { currency: 'EUR', periodicLimits: [{ period: 'WEEK', maxCount: 1 }] };
    const monday = Date.parse('2026-11-16T00:00:00.000Z');
    const sunday = Date.parse('2026-11-22T23:59:59.999Z');
    const nextMonday = Date.parse('2026-11-23T00:00:00.000Z');
    const usage = recordUsage(c, emptyUsage(), pay(1n), monday);
    expect(codes(violations(c, pay(1n), usage, sunday))).toEqual(['PeriodicCount']);
    expect(violations(c, pay(1n), usage, nextMonday)).toEqual([]);
  });

  it('resets months and years at their first instant', () => {
    const c: Conditions = {
      currency: 'EUR',
      periodicLimits: [
        { period: 'MONTH', maxCount: 1 },
        { period: 'YEAR', maxCount: 2 },
      ],
    };
    const usage = recordUsage(c, emptyUsage(), pay(1n), Date.parse('2026-12-31T23:59:59.999Z'));
    expect(violations(c, pay(1n), usage, Date.parse('2027-01-01T00:00:00.000Z'))).toEqual([]);
    const twice = recordUsage(c, usage, pay(1n), Date.parse('2026-12-31T23:59:59.999Z'));
    expect(codes(violations(c, pay(1n), twice, Date.parse('2026-12-31T23:59:59.999Z')))).toEqual([
      'PeriodicCount',
      'PeriodicCount',
    ]);
  });
});

describe('evaluate: misuse throws', () => {
  it.each([
    ['zero', 0n],
    ['negative', -1n],
    ['a number', 5 as unknown as bigint],
  ])('refuses an amount that is %s', (_, amount) => {
    expect(() => evaluate({ currency: 'EUR' }, emptyUsage(), pay(amount), now)).toThrow(
      expect.objectContaining({ code: 'InvalidAmount', field: 'amount' }),
    );
  });

  it('refuses an invalid clock reading', () => {
    expect(() => evaluate({ currency: 'EUR' }, emptyUsage(), pay(1n), Number.NaN)).toThrow(
      expect.objectContaining({ code: 'Malformed', field: 'now' }),
    );
  });
});

describe('assertAllowed', () => {
  it('passes an allowed attempt', () => {
    expect(() => assertAllowed({ currency: 'EUR' }, emptyUsage(), pay(1n), now)).not.toThrow();
  });

  it('throws ConditionFailed with every violation as reasons', () => {
    const c: Conditions = { currency: 'EUR', payees: [shop], maxPerTransaction: '1.00' };
    try {
      assertAllowed(c, emptyUsage(), pay(500n, { payee: other }), now);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolError);
      const err = e as ProtocolError;
      expect(err.code).toBe('ConditionFailed');
      expect(err.field).toBe('payees');
      expect(err.message).toBe(`payees: expected a payee among [${shop}], got ${other} (and 1 more)`);
      expect(err.reasons?.map((r) => r.code)).toEqual(['Payee', 'MaxPerTransaction']);
    }
  });
});
