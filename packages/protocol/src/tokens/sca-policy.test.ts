import { describe, expect, it } from 'vitest';
import { nextScaCounters, requiredEndorsementLevel, scaDecision } from './sca-policy.ts';

const fresh = { amountSinceSca: 0n, countSinceSca: 0 };
const eur = (amount: bigint) => ({ kind: 'transfer' as const, amount, currency: 'EUR' });

describe('SCA policy (PSD2 RTS Art. 16)', () => {
  it('exempts a EUR 30.00 payment and requires SCA for EUR 30.01', () => {
    expect(scaDecision(eur(3000n), fresh)).toEqual({ required: false, exemption: 'LowValue' });
    expect(scaDecision(eur(3001n), fresh).required).toBe(true);
  });

  it('requires SCA once the cumulated amount since the last SCA would pass EUR 100', () => {
    expect(scaDecision(eur(2000n), { amountSinceSca: 8000n, countSinceSca: 3 }).required).toBe(false);
    expect(scaDecision(eur(2001n), { amountSinceSca: 8000n, countSinceSca: 3 }).required).toBe(true);
  });

  it('requires SCA for the sixth low-value payment in a row', () => {
    let counters = fresh;
    for (let i = 0; i < 5; i++) {
      expect(scaDecision(eur(100n), counters).required).toBe(false);
      counters = nextScaCounters(counters, { method: 'exemption', amount: 100n });
    }
    expect(scaDecision(eur(100n), counters).required).toBe(true);
    expect(nextScaCounters(counters, { method: 'passkey' })).toEqual(fresh);
  });

  it('always requires SCA for access grants and for other currencies', () => {
    expect(scaDecision({ kind: 'access' }, fresh).required).toBe(true);
    expect(scaDecision({ kind: 'transfer', amount: 1n, currency: 'GBP' }, fresh).required).toBe(true);
  });

  it('lets a LOW key endorse only low-value EUR transfers', () => {
    expect(requiredEndorsementLevel(eur(3000n))).toBe('LOW');
    expect(requiredEndorsementLevel(eur(3001n))).toBe('STANDARD');
    expect(requiredEndorsementLevel({ kind: 'access' })).toBe('STANDARD');
  });
});
