import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import type { Attempt } from './attempt.ts';
import { assertChainAllowed, type ChainLevel, evaluateChain, recordChainUsage } from './chain.ts';
import { narrows } from './narrows.ts';
import type { Conditions } from './schema.ts';
import { emptyUsage } from './usage.ts';

const merchant = 'merchant'.padEnd(43, '_');
const subA = 'subA'.padEnd(43, '_');
const subB = 'subB'.padEnd(43, '_');
const now = Date.parse('2026-11-22T12:00:00.000Z');
const pay = (payee: string, amount: bigint): Attempt => ({ payee, amount, currency: 'EUR' });

// The user's member token for a merchant, and the merchant's sub-tokens for two sub-merchants.
const root: Conditions = { currency: 'EUR', payees: [merchant, subA, subB], cumulativeLimit: '100.00' };
const childA: Conditions = { currency: 'EUR', payees: [subA], cumulativeLimit: '80.00' };
const childB: Conditions = { currency: 'EUR', payees: [subB], cumulativeLimit: '80.00' };

describe('sub-token chains', () => {
  it('the children narrow the root', () => {
    expect(narrows(childA, root).narrows).toBe(true);
    expect(narrows(childB, root).narrows).toBe(true);
  });

  it('tags each violation with the level it happened at (0 = root)', () => {
    const chain: ChainLevel[] = [
      { conditions: root, usage: emptyUsage() },
      { conditions: childA, usage: emptyUsage() },
    ];
    expect(evaluateChain(chain, pay(subA, 8000n), now)).toEqual({ allowed: true });
    const r = evaluateChain(chain, pay(subB, 9000n), now);
    expect(r).toEqual({
      allowed: false,
      violations: [
        expect.objectContaining({ level: 1, code: 'Payee' }),
        expect.objectContaining({ level: 1, code: 'CumulativeLimit' }),
      ],
    });
  });

  it('siblings share the parent budget: every charge counts at every level', () => {
    let rootUsage = emptyUsage();
    let usageA = emptyUsage();
    let usageB = emptyUsage();

    // Sub-merchant A spends 80.00 through its sub-token: allowed at both levels.
    const chainA = (): ChainLevel[] => [
      { conditions: root, usage: rootUsage },
      { conditions: childA, usage: usageA },
    ];
    expect(evaluateChain(chainA(), pay(subA, 8000n), now)).toEqual({ allowed: true });
    [rootUsage, usageA] = recordChainUsage(chainA(), pay(subA, 8000n), now) as [
      typeof rootUsage,
      typeof usageA,
    ];
    expect(rootUsage.total).toBe(8000n);

    // Sub-merchant B's own token would allow 80.00, but the root has only 20.00 left.
    const chainB = (): ChainLevel[] => [
      { conditions: root, usage: rootUsage },
      { conditions: childB, usage: usageB },
    ];
    const refused = evaluateChain(chainB(), pay(subB, 8000n), now);
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.violations).toEqual([
      {
        level: 0,
        code: 'CumulativeLimit',
        field: 'cumulativeLimit',
        message:
          'expected a lifetime total of at most 100.00 EUR, got 80.00 EUR used + 80.00 EUR = 160.00 EUR',
      },
    ]);
    expect(evaluateChain(chainB(), pay(subB, 2000n), now)).toEqual({ allowed: true });
    [rootUsage, usageB] = recordChainUsage(chainB(), pay(subB, 2000n), now) as [
      typeof rootUsage,
      typeof usageB,
    ];
    expect([rootUsage.total, usageA.total, usageB.total]).toEqual([10000n, 8000n, 2000n]);
  });

  it('assertChainAllowed throws ConditionFailed with levelled reasons', () => {
    const chain: ChainLevel[] = [
      { conditions: root, usage: emptyUsage() },
      { conditions: childA, usage: emptyUsage() },
    ];
    try {
      assertChainAllowed(chain, pay(subB, 1n), now);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolError);
      expect((e as ProtocolError).code).toBe('ConditionFailed');
      expect((e as ProtocolError).reasons).toEqual([expect.objectContaining({ code: 'Payee', level: 1 })]);
    }
  });

  it('refuses an empty chain as misuse', () => {
    expect(() => evaluateChain([], pay(subA, 1n), now)).toThrow(
      expect.objectContaining({ code: 'Malformed' }),
    );
    expect(() => recordChainUsage([], pay(subA, 1n), now)).toThrow(ProtocolError);
  });
});
