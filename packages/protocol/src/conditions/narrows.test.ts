import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { haversineMeters } from './geo.ts';
import { assertNarrows, narrows } from './narrows.ts';
import type { Conditions } from './schema.ts';

const shop = 'shop'.padEnd(43, '_');
const cafe = 'cafe'.padEnd(43, '_');
const bar = 'bar'.padEnd(43, '_');
const london = { lat: 51.508, lon: -0.128 };
const metresNorth = (m: number) => ({ lat: london.lat + m / 111_195.08, lon: london.lon });

const parent: Conditions = {
  currency: 'EUR',
  payees: [shop, cafe],
  locations: { countries: ['GB', 'IE'], area: { ...london, radiusMeters: 10_000 } },
  maxPerTransaction: '50.00',
  cumulativeLimit: '500.00',
  periodicLimits: [
    { period: 'DAY', maxAmount: '100.00', maxCount: 3 },
    { period: 'MONTH', maxAmount: '300.00' },
  ],
  validFrom: 1_000,
  validUntil: 9_000,
  maxRedemptions: 20,
};

const fieldsOf = (child: Conditions, p: Conditions = parent) => {
  const r = narrows(child, p);
  return r.narrows ? [] : r.violations.map((v) => v.field);
};

describe('narrows', () => {
  it('accepts the same conditions', () => {
    expect(narrows(parent, parent)).toEqual({ narrows: true });
  });

  it('accepts a child stricter in every dimension, adding restrictions the parent lacks', () => {
    const child: Conditions = {
      currency: 'EUR',
      payees: [cafe],
      locations: { countries: ['IE'], area: { ...metresNorth(2000), radiusMeters: 5000 } },
      maxPerTransaction: '49.99',
      cumulativeLimit: '100',
      periodicLimits: [
        { period: 'WEEK', maxCount: 4 },
        { period: 'MONTH', maxAmount: '300.00', maxCount: 9 },
        { period: 'DAY', maxAmount: '1.00', maxCount: 1 },
      ],
      validFrom: 2_000,
      validUntil: 8_000,
      maxRedemptions: 3,
      singleUse: true,
    };
    expect(narrows(child, parent)).toEqual({ narrows: true });
  });

  it('accepts anything from an unrestricted parent in the same currency', () => {
    expect(narrows(parent, { currency: 'EUR' })).toEqual({ narrows: true });
    expect(narrows({ currency: 'EUR' }, { currency: 'EUR' })).toEqual({ narrows: true });
  });

  // One looser dimension at a time: each must be refused, naming the field.
  it.each<[string, Conditions, string[]]>([
    ['another currency', { ...parent, currency: 'GBP' }, ['currency']],
    ['an extra payee', { ...parent, payees: [shop, bar] }, ['payees']],
    ['no payee restriction', { ...parent, payees: undefined }, ['payees']],
    [
      'an extra country',
      { ...parent, locations: { ...parent.locations, countries: ['GB', 'FR'] } },
      ['locations.countries'],
    ],
    [
      'no country restriction',
      { ...parent, locations: { area: parent.locations?.area } },
      ['locations.countries'],
    ],
    [
      'a larger radius',
      { ...parent, locations: { ...parent.locations, area: { ...london, radiusMeters: 10_001 } } },
      ['locations.area'],
    ],
    [
      'an area crossing the edge',
      { ...parent, locations: { ...parent.locations, area: { ...metresNorth(6000), radiusMeters: 4_500 } } },
      ['locations.area'],
    ],
    ['no area restriction', { ...parent, locations: { countries: ['GB'] } }, ['locations.area']],
    ['a higher per-transaction limit', { ...parent, maxPerTransaction: '50.01' }, ['maxPerTransaction']],
    ['no per-transaction limit', { ...parent, maxPerTransaction: undefined }, ['maxPerTransaction']],
    ['a higher cumulative limit', { ...parent, cumulativeLimit: '500.01' }, ['cumulativeLimit']],
    ['no cumulative limit', { ...parent, cumulativeLimit: undefined }, ['cumulativeLimit']],
    [
      'a higher periodic amount',
      {
        ...parent,
        periodicLimits: [
          { period: 'DAY', maxAmount: '100.01', maxCount: 3 },
          { period: 'MONTH', maxAmount: '300.00' },
        ],
      },
      ['periodicLimits.0.maxAmount'],
    ],
    [
      'a higher periodic count',
      {
        ...parent,
        periodicLimits: [
          { period: 'DAY', maxAmount: '100.00', maxCount: 4 },
          { period: 'MONTH', maxAmount: '300.00' },
        ],
      },
      ['periodicLimits.0.maxCount'],
    ],
    [
      'a periodic limit without the parent count',
      {
        ...parent,
        periodicLimits: [
          { period: 'DAY', maxAmount: '100.00' },
          { period: 'MONTH', maxAmount: '300.00' },
        ],
      },
      ['periodicLimits.0.maxCount'],
    ],
    [
      'a missing period',
      { ...parent, periodicLimits: [{ period: 'DAY', maxAmount: '100.00', maxCount: 3 }] },
      ['periodicLimits.1'],
    ],
    [
      'the same cap over a shorter period only',
      {
        ...parent,
        periodicLimits: [
          { period: 'DAY', maxAmount: '100.00', maxCount: 3 },
          { period: 'WEEK', maxAmount: '1.00' },
        ],
      },
      ['periodicLimits.1'],
    ],
    ['an earlier start', { ...parent, validFrom: 999 }, ['validFrom']],
    ['no start', { ...parent, validFrom: undefined }, ['validFrom']],
    ['a later end', { ...parent, validUntil: 9_001 }, ['validUntil']],
    ['no end', { ...parent, validUntil: undefined }, ['validUntil']],
    ['more redemptions', { ...parent, maxRedemptions: 21 }, ['maxRedemptions']],
    ['no redemption limit', { ...parent, maxRedemptions: undefined }, ['maxRedemptions']],
  ])('refuses %s', (_, child, fields) => {
    expect(fieldsOf(child)).toEqual(fields);
  });

  it('keeps singleUse: a parent single use needs a single-use child', () => {
    const single: Conditions = { currency: 'EUR', singleUse: true };
    expect(fieldsOf({ currency: 'EUR' }, single)).toEqual(['singleUse']);
    expect(fieldsOf({ currency: 'EUR', maxRedemptions: 1 }, single)).toEqual(['singleUse']);
    expect(fieldsOf({ currency: 'EUR', singleUse: false }, single)).toEqual(['singleUse']);
    expect(fieldsOf({ currency: 'EUR', singleUse: true }, single)).toEqual([]);
  });

  it('counts a single-use child as one redemption', () => {
    expect(fieldsOf({ currency: 'EUR', singleUse: true }, { currency: 'EUR', maxRedemptions: 1 })).toEqual(
      [],
    );
    expect(fieldsOf({ currency: 'EUR', singleUse: false }, { currency: 'EUR', maxRedemptions: 1 })).toEqual([
      'maxRedemptions',
    ]);
  });

  it('decides conservatively when the parent has countries and the child only an area', () => {
    const countriesOnly: Conditions = { currency: 'EUR', locations: { countries: ['GB'] } };
    // A 100 m circle in central London is inside GB, but no border map is consulted: refused.
    const areaOnly: Conditions = { currency: 'EUR', locations: { area: { ...london, radiusMeters: 100 } } };
    expect(fieldsOf(areaOnly, countriesOnly)).toEqual(['locations.countries']);
    expect(
      fieldsOf(
        { ...areaOnly, locations: { countries: ['GB'], area: { ...london, radiusMeters: 100 } } },
        countriesOnly,
      ),
    ).toEqual([]);
  });

  it('contains areas by centre distance plus child radius, keeping a 1 m margin for rounding', () => {
    const p: Conditions = { currency: 'EUR', locations: { area: { ...london, radiusMeters: 10_000 } } };
    const centre = metresNorth(5000);
    const d = haversineMeters(centre, london);
    expect(Math.abs(d - 5000)).toBeLessThan(0.01);
    const child = (radiusMeters: number): Conditions => ({
      currency: 'EUR',
      locations: { area: { ...centre, radiusMeters } },
    });
    expect(fieldsOf(child(4998), p)).toEqual([]);
    expect(fieldsOf(child(5000), p)).toEqual(['locations.area']);
    // The same centre compares radii exactly.
    expect(
      fieldsOf({ currency: 'EUR', locations: { area: { ...london, radiusMeters: 10_000 } } }, p),
    ).toEqual([]);
  });

  it('returns every violation at once', () => {
    expect(fieldsOf({ currency: 'EUR' })).toEqual([
      'payees',
      'locations.countries',
      'locations.area',
      'maxPerTransaction',
      'cumulativeLimit',
      'periodicLimits.0',
      'periodicLimits.1',
      'validFrom',
      'validUntil',
      'maxRedemptions',
    ]);
  });

  it('states expected and actual', () => {
    const r = narrows({ ...parent, maxPerTransaction: '60.00' }, parent);
    expect(r).toEqual({
      narrows: false,
      violations: [{ field: 'maxPerTransaction', message: 'expected at most 50.00 EUR, got 60.00' }],
    });
  });
});

describe('assertNarrows', () => {
  it('throws ConditionFailed with every violation as reasons', () => {
    try {
      assertNarrows({ ...parent, payees: undefined, maxRedemptions: 99 }, parent);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolError);
      expect((e as ProtocolError).code).toBe('ConditionFailed');
      expect((e as ProtocolError).field).toBe('payees');
      expect((e as ProtocolError).reasons?.map((r) => r.field)).toEqual(['payees', 'maxRedemptions']);
    }
  });

  it('passes a narrower child', () => {
    expect(() => assertNarrows({ ...parent, maxRedemptions: 1 }, parent)).not.toThrow();
  });
});
