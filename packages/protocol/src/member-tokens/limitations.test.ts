import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateChain } from '../conditions/chain.ts';
import { evaluate } from '../conditions/evaluate.ts';
import { conditionsSchema } from '../conditions/schema.ts';
import { emptyUsage, recordUsage } from '../conditions/usage.ts';
import { ProtocolError } from '../errors.ts';
import {
  assertLimitationsNarrow,
  conditionsToLimitations,
  limitationsToConditions,
  limitsOf,
  type MemberTokenLimitations,
  memberTokenChargeRefused,
  memberTokenLimitationsSchema,
} from './limitations.ts';

const merchant = 'merchant'.padEnd(43, '_');
const other = 'other'.padEnd(43, '_');
const t0 = 1_800_000_000_000;

const full: MemberTokenLimitations = {
  currency: 'EUR',
  merchantId: merchant,
  location: { countries: ['DE', 'FR'] },
  amount: '50.00',
  creditLimit: '120.00',
  expiresAt: t0 + 1000,
  maxUses: 3,
};

describe('limitations schema', () => {
  it('accepts the seven limitations of seed 001 and refuses what the engine could not enforce', () => {
    expect(memberTokenLimitationsSchema.parse(full)).toEqual(full);
    const fails = (l: unknown) => {
      const r = memberTokenLimitationsSchema.safeParse(l);
      return r.success ? 'accepted' : r.error.issues.map((i) => i.path.join('.')).join(',');
    };
    expect(fails({ currency: 'EUR', amount: '1.005' })).toBe('amount');
    expect(fails({ currency: 'JPY', creditLimit: '10.5' })).toBe('creditLimit');
    expect(fails({ currency: 'EUR', amount: 10000 })).toBe('amount');
    expect(fails({ currency: 'EUR', singleUse: true, maxUses: 2 })).toBe('maxUses');
    expect(fails({ currency: 'EUR', singleUse: false })).toBe('singleUse');
    expect(fails({ currency: 'EUR', oid: 'x' })).toBe('');
    expect(fails({ amount: '1.00' })).toBe('currency');
    expect(fails({ currency: 'EUR', location: {} })).toBe('location');
    expect(fails({ currency: 'EUR', singleUse: true, maxUses: 1 })).toBe('accepted');
  });
});

describe('limitations <-> conditions (one engine enforces both)', () => {
  it('maps each limitation to its condition and back', () => {
    const c = limitationsToConditions({ ...full, singleUse: true, maxUses: 1 });
    expect(c).toEqual({
      currency: 'EUR',
      payees: [merchant],
      locations: { countries: ['DE', 'FR'] },
      maxPerTransaction: '50.00',
      cumulativeLimit: '120.00',
      validUntil: t0 + 1000,
      maxRedemptions: 1,
      singleUse: true,
    });
    expect(conditionsSchema.parse(c)).toEqual(c);
    expect(conditionsToLimitations(c)).toEqual({ ...full, singleUse: true, maxUses: 1 });
  });

  it('refuses conditions a member token cannot express', () => {
    expect(() => conditionsToLimitations({ currency: 'EUR', payees: [merchant, other] })).toThrow(/payees/);
    expect(() => conditionsToLimitations({ currency: 'EUR', validFrom: 1 })).toThrow(/validFrom/);
    expect(() =>
      conditionsToLimitations({ currency: 'EUR', periodicLimits: [{ period: 'DAY', maxCount: 1 }] }),
    ).toThrow(/periodicLimits/);
  });

  it('round-trips any limitations (property)', () => {
    const limitations = fc.record(
      {
        currency: fc.constant('EUR' as const),
        merchantId: fc.constant(merchant),
        location: fc.constant<NonNullable<MemberTokenLimitations['location']>>({ countries: ['NL'] }),
        amount: fc.integer({ min: 1, max: 99_999 }).map((n) => (n / 100).toFixed(2)),
        creditLimit: fc.integer({ min: 1, max: 99_999 }).map((n) => (n / 100).toFixed(2)),
        expiresAt: fc.integer({ min: 1, max: 2 ** 42 }),
        maxUses: fc.integer({ min: 1, max: 1000 }),
        singleUse: fc.constant(true as const),
      },
      { requiredKeys: ['currency'] },
    );
    fc.assert(
      fc.property(limitations, (raw) => {
        const l = raw.singleUse && raw.maxUses !== undefined ? { ...raw, maxUses: 1 } : raw;
        expect(conditionsToLimitations(limitationsToConditions(l))).toEqual(l);
        const flags = limitsOf(l);
        expect(flags.singleUse).toBe(l.singleUse === true);
        expect(flags.subscription).toBe(l.expiresAt !== undefined);
      }),
    );
  });

  it('the engine refuses each limitation once exceeded, named in member-token words', () => {
    const conditions = limitationsToConditions({ ...full, maxUses: 2 });
    const attempt = { payee: merchant, amount: 5000n, currency: 'EUR', location: { country: 'DE' } };
    let usage = emptyUsage();
    expect(evaluate(conditions, usage, attempt, t0)).toEqual({ allowed: true });
    const refusal = (a: typeof attempt, u = usage, now = t0) => {
      const result = evaluateChain([{ conditions, usage: u }], a, now);
      if (result.allowed) return [];
      const e = memberTokenChargeRefused(result.violations);
      expect(e).toBeInstanceOf(ProtocolError);
      expect(e.code).toBe('ConditionFailed');
      return (e.reasons ?? []).map((r) => `${r.code}@${r.field}`);
    };
    expect(refusal({ ...attempt, payee: other })).toEqual(['merchant@limitations.merchantId']);
    expect(refusal({ ...attempt, location: { country: 'IT' } })).toEqual([
      'location@limitations.location.countries',
    ]);
    expect(refusal({ ...attempt, amount: 5001n })).toEqual(['amount@limitations.amount']);
    expect(refusal(attempt, usage, t0 + 1000)).toEqual(['subscription@limitations.expiresAt']);
    expect(refusal({ ...attempt, currency: 'USD' })).toEqual(['currency@limitations.currency']);
    usage = recordUsage(conditions, usage, attempt, t0);
    usage = recordUsage(conditions, usage, { ...attempt, amount: 4000n }, t0);
    // 90.00 used: 30.01 more passes the credit limit of 120.00, a third use passes maxUses 2.
    expect(refusal({ ...attempt, amount: 3001n })).toEqual([
      'creditLimit@limitations.creditLimit',
      'recurrence@limitations.maxUses',
    ]);
    const once = limitationsToConditions({ currency: 'EUR', singleUse: true });
    const used = recordUsage(once, emptyUsage(), attempt, t0);
    const r = evaluateChain([{ conditions: once, usage: used }], attempt, t0);
    expect(r.allowed).toBe(false);
    if (!r.allowed) expect(memberTokenChargeRefused(r.violations).reasons?.[0]?.code).toBe('singleUse');
  });
});

describe('sub-token limitations must narrow the parent (seed 001, "Sub Member Token")', () => {
  const looser: [string, Partial<MemberTokenLimitations> | 'drop', string][] = [
    ['merchantId', { merchantId: other }, 'limitations.merchantId'],
    ['merchantId', 'drop', 'limitations.merchantId'],
    ['location', { location: { countries: ['DE', 'IT'] } }, 'limitations.location.countries'],
    ['location', 'drop', 'limitations.location.countries'],
    ['amount', { amount: '50.01' }, 'limitations.amount'],
    ['amount', 'drop', 'limitations.amount'],
    ['creditLimit', { creditLimit: '120.01' }, 'limitations.creditLimit'],
    ['creditLimit', 'drop', 'limitations.creditLimit'],
    ['expiresAt', { expiresAt: t0 + 1001 }, 'limitations.expiresAt'],
    ['expiresAt', 'drop', 'limitations.expiresAt'],
    ['maxUses', { maxUses: 4 }, 'limitations.maxUses'],
    ['maxUses', 'drop', 'limitations.maxUses'],
    ['currency', { currency: 'USD' }, 'limitations.currency'],
  ];
  for (const [name, change, field] of looser) {
    it(`refuses a child looser in ${name} (${change === 'drop' ? 'dropped' : JSON.stringify(change)})`, () => {
      const child: MemberTokenLimitations = { ...full, ...(change === 'drop' ? {} : change) };
      if (change === 'drop') delete child[name as keyof MemberTokenLimitations];
      expect(() => assertLimitationsNarrow(child, full)).toThrow(
        expect.objectContaining({ code: 'ConditionFailed', field }),
      );
    });
  }

  it('refuses a child that drops single use, accepts equal and stricter children', () => {
    const parent: MemberTokenLimitations = { currency: 'EUR', singleUse: true };
    expect(() => assertLimitationsNarrow({ currency: 'EUR' }, parent)).toThrow(
      expect.objectContaining({ field: 'limitations.singleUse' }),
    );
    expect(() => assertLimitationsNarrow(full, full)).not.toThrow();
    expect(() =>
      assertLimitationsNarrow(
        {
          ...full,
          location: { countries: ['FR'] },
          amount: '10.00',
          creditLimit: '20.00',
          expiresAt: t0,
          maxUses: 1,
          singleUse: true,
        },
        full,
      ),
    ).not.toThrow();
  });
});
