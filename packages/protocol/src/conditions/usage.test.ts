import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import type { Attempt } from './attempt.ts';
import { MAX_EVALUATION_TIME } from './periods.ts';
import type { Conditions } from './schema.ts';
import {
  chargedPeriodKey,
  emptyUsage,
  recordUsage,
  type Usage,
  usageFromJson,
  usageToJson,
} from './usage.ts';

const at = (iso: string) => Date.parse(iso);
const eur = (amount: bigint): Attempt => ({ amount, currency: 'EUR' });
const daily: Conditions = {
  currency: 'EUR',
  periodicLimits: [
    { period: 'DAY', maxCount: 5 },
    { period: 'MONTH', maxAmount: '100.00' },
  ],
};

describe('recordUsage', () => {
  it('adds to the lifetime count and total and to the current period of each periodic limit', () => {
    const once = recordUsage(daily, emptyUsage(), eur(250n), at('2026-11-22T10:00:00Z'));
    const twice = recordUsage(daily, once, eur(100n), at('2026-11-22T11:00:00Z'));
    expect(twice).toEqual({
      count: 2,
      total: 350n,
      periods: [
        { key: 'DAY:2026-11-22', count: 2, total: 350n },
        { key: 'MONTH:2026-11', count: 2, total: 350n },
      ],
    });
  });

  it('drops periods that ended, keeps the ones still running', () => {
    const before = recordUsage(daily, emptyUsage(), eur(250n), at('2026-11-22T10:00:00Z'));
    const after = recordUsage(daily, before, eur(100n), at('2026-11-23T00:00:00Z'));
    expect(after.periods).toEqual([
      { key: 'DAY:2026-11-23', count: 1, total: 100n },
      { key: 'MONTH:2026-11', count: 2, total: 350n },
    ]);
  });

  it('records no periods when the conditions have no periodic limit', () => {
    expect(recordUsage({ currency: 'EUR' }, emptyUsage(), eur(1n), 0)).toEqual({
      count: 1,
      total: 1n,
      periods: [],
    });
  });

  it('does not modify its arguments', () => {
    const usage = recordUsage(daily, emptyUsage(), eur(250n), at('2026-11-22T10:00:00Z'));
    const copy = structuredClone(usage);
    recordUsage(daily, usage, eur(100n), at('2026-11-22T11:00:00Z'));
    expect(usage).toEqual(copy);
  });

  it('charges a clock that stepped back to the latest period already used', () => {
    const usage = recordUsage(daily, emptyUsage(), eur(1n), at('2026-11-23T00:00:00.005Z'));
    const skewed = at('2026-11-22T23:59:59.998Z');
    expect(chargedPeriodKey(usage, 'DAY', skewed)).toBe('DAY:2026-11-23');
    expect(recordUsage(daily, usage, eur(1n), skewed).periods[0]).toEqual({
      key: 'DAY:2026-11-23',
      count: 2,
      total: 2n,
    });
  });

  it('refuses to record another currency or a non-positive amount', () => {
    expect(() => recordUsage(daily, emptyUsage(), { amount: 1n, currency: 'GBP' }, 0)).toThrow(
      expect.objectContaining({ code: 'InvalidAmount', field: 'currency' }),
    );
    expect(() => recordUsage(daily, emptyUsage(), eur(0n), 0)).toThrow(ProtocolError);
  });
});

describe('usage JSON', () => {
  it('writes bigints as decimal strings', () => {
    const usage = recordUsage(daily, emptyUsage(), eur(12_345n), at('2026-11-22T10:00:00Z'));
    expect(usageToJson(usage)).toEqual({
      count: 1,
      total: '12345',
      periods: [
        { key: 'DAY:2026-11-22', count: 1, total: '12345' },
        { key: 'MONTH:2026-11', count: 1, total: '12345' },
      ],
    });
  });

  it('round-trips any recorded usage through JSON text', () => {
    const step = fc.record({
      amount: fc.bigInt({ min: 1n, max: 10n ** 15n }),
      gap: fc.integer({ min: 0, max: 40 * 86_400_000 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        let usage: Usage = emptyUsage();
        let now = at('2026-01-01T00:00:00Z');
        for (const s of steps) {
          now = Math.min(MAX_EVALUATION_TIME, now + s.gap);
          usage = recordUsage(daily, usage, eur(s.amount), now);
        }
        expect(usageFromJson(JSON.parse(JSON.stringify(usageToJson(usage))))).toEqual(usage);
      }),
    );
  });

  it.each([
    ['a number total', { count: 1, total: 5, periods: [] }, 'total'],
    ['a negative total', { count: 1, total: '-5', periods: [] }, 'total'],
    ['a leading zero', { count: 1, total: '05', periods: [] }, 'total'],
    ['a fractional count', { count: 1.5, total: '5', periods: [] }, 'count'],
    ['an unknown key', { count: 1, total: '5', periods: [], extra: 1 }, ''],
    [
      'a bad period key',
      { count: 1, total: '5', periods: [{ key: 'HOUR:1', count: 1, total: '5' }] },
      'periods.0.key',
    ],
    [
      'a period count above the lifetime count',
      { count: 1, total: '5', periods: [{ key: 'DAY:2026-11-22', count: 2, total: '5' }] },
      'periods.0.count',
    ],
    [
      'a period total above the lifetime total',
      { count: 1, total: '5', periods: [{ key: 'DAY:2026-11-22', count: 1, total: '6' }] },
      'periods.0.total',
    ],
    [
      'a period twice',
      {
        count: 2,
        total: '5',
        periods: [
          { key: 'DAY:2026-11-22', count: 1, total: '1' },
          { key: 'DAY:2026-11-22', count: 1, total: '1' },
        ],
      },
      'periods.1.key',
    ],
  ])('refuses stored usage with %s', (_, input, field) => {
    expect(() => usageFromJson(input)).toThrow(expect.objectContaining({ code: 'Malformed', field }));
  });
});
