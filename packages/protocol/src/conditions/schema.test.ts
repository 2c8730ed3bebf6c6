import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { conditionsSchema, parseConditions } from './schema.ts';

const shop = 'shop'.padEnd(43, '_');
const cafe = 'cafe'.padEnd(43, '_');

const full = {
  currency: 'EUR',
  payees: [shop, cafe],
  locations: { countries: ['GB', 'FR'], area: { lat: 51.5072, lon: -0.1276, radiusMeters: 5000 } },
  maxPerTransaction: '50.00',
  cumulativeLimit: '500',
  periodicLimits: [
    { period: 'DAY', maxAmount: '100.00', maxCount: 3 },
    { period: 'MONTH', maxAmount: '300.5' },
  ],
  validFrom: Date.UTC(2026, 0, 1),
  validUntil: Date.UTC(2027, 0, 1),
  maxRedemptions: 20,
  singleUse: false,
};

function issuesOf(input: unknown) {
  const r = conditionsSchema.safeParse(input);
  expect(r.success).toBe(false);
  return (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('conditionsSchema', () => {
  it('accepts every dimension at once, and the currency alone', () => {
    expect(conditionsSchema.parse(full)).toEqual(full);
    expect(conditionsSchema.parse({ currency: 'JPY' })).toEqual({ currency: 'JPY' });
  });

  it('requires the currency that every amount is in', () => {
    expect(issuesOf({ maxPerTransaction: '1.00' })[0]?.path).toBe('currency');
  });

  it('refuses unknown keys at every level', () => {
    expect(issuesOf({ ...full, merchantId: shop })[0]?.message).toMatch(/merchantId/);
    expect(issuesOf({ ...full, locations: { countries: ['GB'], city: 'London' } })[0]?.path).toBe(
      'locations',
    );
    expect(
      issuesOf({ ...full, locations: { area: { lat: 1, lon: 1, radiusMeters: 1, alt: 3 } } })[0]?.path,
    ).toBe('locations.area');
    expect(
      issuesOf({ ...full, periodicLimits: [{ period: 'DAY', maxCount: 1, rolling: true }] })[0]?.path,
    ).toBe('periodicLimits.0');
  });

  it('checks amount decimals against the currency, naming the field', () => {
    expect(issuesOf({ ...full, maxPerTransaction: '50.001' })).toEqual([
      {
        path: 'maxPerTransaction',
        message:
          'maxPerTransaction: expected at most 2 decimals for EUR (ISO 4217 minor unit), got 3 in "50.001"',
      },
    ]);
    expect(issuesOf({ currency: 'JPY', cumulativeLimit: '10.5' })[0]?.path).toBe('cumulativeLimit');
    expect(issuesOf({ ...full, periodicLimits: [{ period: 'WEEK', maxAmount: '1.999' }] })[0]?.path).toBe(
      'periodicLimits.0.maxAmount',
    );
  });

  it('refuses amounts as numbers, zero limits and negative limits', () => {
    expect(issuesOf({ ...full, maxPerTransaction: 50 })[0]?.path).toBe('maxPerTransaction');
    expect(issuesOf({ ...full, cumulativeLimit: '0.00' })[0]?.message).toMatch(/greater than zero/);
    expect(issuesOf({ ...full, cumulativeLimit: '-5.00' })[0]?.message).toMatch(/positive amount/);
    expect(issuesOf({ ...full, maxPerTransaction: '1e3' })[0]?.path).toBe('maxPerTransaction');
  });

  it('allows fractional coordinates but only integers elsewhere', () => {
    expect(
      issuesOf({ ...full, locations: { area: { lat: 1.5, lon: 2.5, radiusMeters: 10.5 } } })[0]?.path,
    ).toBe('locations.area.radiusMeters');
    expect(issuesOf({ ...full, maxRedemptions: 1.5 })[0]?.path).toBe('maxRedemptions');
    expect(issuesOf({ ...full, validFrom: 1.5 })[0]?.path).toBe('validFrom');
    expect(issuesOf({ ...full, periodicLimits: [{ period: 'DAY', maxCount: 2.5 }] })[0]?.path).toBe(
      'periodicLimits.0.maxCount',
    );
  });

  it('bounds coordinates and radius', () => {
    expect(issuesOf({ ...full, locations: { area: { lat: 90.1, lon: 0, radiusMeters: 1 } } })[0]?.path).toBe(
      'locations.area.lat',
    );
    expect(
      issuesOf({ ...full, locations: { area: { lat: 0, lon: -180.5, radiusMeters: 1 } } })[0]?.path,
    ).toBe('locations.area.lon');
    expect(issuesOf({ ...full, locations: { area: { lat: 0, lon: 0, radiusMeters: 0 } } })[0]?.path).toBe(
      'locations.area.radiusMeters',
    );
  });

  it('refuses ISO 3166-1 look-alikes and empty restrictions', () => {
    expect(issuesOf({ ...full, locations: { countries: ['UK'] } })[0]?.message).toBe(
      'expected an ISO 3166-1 alpha-2 country code such as "GB", got "UK"',
    );
    expect(issuesOf({ ...full, locations: { countries: ['gb'] } })[0]?.path).toBe('locations.countries.0');
    expect(issuesOf({ ...full, locations: {} })[0]?.path).toBe('locations');
    expect(issuesOf({ ...full, locations: { countries: [] } })[0]?.path).toBe('locations.countries');
    expect(issuesOf({ ...full, payees: [] })[0]?.path).toBe('payees');
    expect(issuesOf({ ...full, periodicLimits: [] })[0]?.path).toBe('periodicLimits');
    expect(issuesOf({ ...full, periodicLimits: [{ period: 'DAY' }] })[0]?.path).toBe('periodicLimits.0');
    expect(issuesOf({ ...full, periodicLimits: [{ period: 'HOUR', maxCount: 1 }] })[0]?.path).toBe(
      'periodicLimits.0.period',
    );
  });

  it('refuses payees that are not member ids', () => {
    expect(issuesOf({ ...full, payees: ['shop'] })[0]?.path).toBe('payees.0');
  });

  it('refuses duplicates that would blur the meaning', () => {
    expect(issuesOf({ ...full, payees: [shop, shop] })[0]).toEqual({
      path: 'payees',
      message: `expected distinct payees, got ${shop} twice`,
    });
    expect(issuesOf({ ...full, locations: { countries: ['GB', 'GB'] } })[0]?.path).toBe(
      'locations.countries',
    );
    expect(
      issuesOf({
        ...full,
        periodicLimits: [
          { period: 'DAY', maxCount: 1 },
          { period: 'DAY', maxCount: 2 },
        ],
      })[0]?.message,
    ).toBe('expected at most one limit per period, got DAY twice');
  });

  it('refuses an empty or reversed validity window', () => {
    expect(issuesOf({ ...full, validFrom: 10, validUntil: 10 })[0]).toEqual({
      path: 'validUntil',
      message: 'expected validUntil after validFrom (10), got 10',
    });
    expect(issuesOf({ ...full, validFrom: -1 })[0]?.path).toBe('validFrom');
  });

  it('refuses singleUse beside maxRedemptions above 1, accepts it beside 1', () => {
    expect(issuesOf({ currency: 'EUR', singleUse: true, maxRedemptions: 2 })[0]?.path).toBe('maxRedemptions');
    expect(conditionsSchema.safeParse({ currency: 'EUR', singleUse: true, maxRedemptions: 1 }).success).toBe(
      true,
    );
    expect(issuesOf({ currency: 'EUR', maxRedemptions: 0 })[0]?.path).toBe('maxRedemptions');
  });
});

describe('parseConditions', () => {
  it('throws Malformed naming the field', () => {
    try {
      parseConditions({ ...full, maxPerTransaction: '50.001' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolError);
      expect((e as ProtocolError).code).toBe('Malformed');
      expect((e as ProtocolError).field).toBe('maxPerTransaction');
    }
  });
});
