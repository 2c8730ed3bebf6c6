import type { TransferTokenPayload } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { isStandingAuthority, paymentStatusWords, paymentTerms } from './payment-terms.ts';

const member = 'A'.repeat(43);
const payload = (
  value: string,
  conditions: Partial<TransferTokenPayload['conditions']>,
): TransferTokenPayload => ({
  type: 'TransferToken',
  version: 1,
  nonce: 'n'.repeat(22),
  issuer: member,
  from: { memberId: member },
  to: { memberId: 'B'.repeat(43) },
  redeemer: 'B'.repeat(43),
  transfer: {
    amount: { value, currency: 'EUR' },
    description: 'test',
    refId: 'r1',
    source: { bankId: 'iron', accountRef: 'a1' },
  },
  conditions: { currency: 'EUR', ...conditions },
  effectiveAt: 0,
  expiresAt: 1,
});

describe('payment terms', () => {
  it('shows a single payment as its amount', () => {
    expect(paymentTerms(payload('25.00', { singleUse: true }), 'en', 'en-GB')).toEqual({
      kind: 'charge',
      headline: '€25.00',
      details: [],
    });
  });

  it('tells a monthly limit from a charge', () => {
    const terms = paymentTerms(
      payload('720.00', {
        periodicLimits: [{ period: 'MONTH', maxAmount: '60.00' }],
        cumulativeLimit: '720.00',
      }),
      'en',
      'en-GB',
    );
    expect(terms).toEqual({
      kind: 'limit',
      headline: 'Up to €60.00 a month',
      details: ['up to €720.00 in total'],
    });
  });

  it('never shows the protocol’s largest amount as money: a token without a cap says "No limit"', () => {
    const open = payload('10000000000000.00', {});
    expect(isStandingAuthority(open)).toBe(true);
    expect(paymentTerms(open, 'en', 'en-GB')).toEqual({ kind: 'limit', headline: 'No limit', details: [] });
    const perCharge = paymentTerms(
      payload('10000000000000.00', { maxPerTransaction: '20.00' }),
      'en',
      'en-GB',
    );
    expect(perCharge).toEqual({ kind: 'limit', headline: 'Up to €20.00 a charge', details: [] });
    expect(JSON.stringify(perCharge)).not.toContain('10,000,000,000,000');
  });

  it('says "Active" for an authority and "Approved" for a charge, and names every outcome', () => {
    expect(paymentStatusWords('valid', 'limit', 'en')).toBe('Active');
    expect(paymentStatusWords('valid', 'charge', 'en')).toBe('Approved');
    expect(paymentStatusWords('rejected', 'charge', 'en')).toBe('Declined by your bank');
    expect(paymentStatusWords('expired', 'charge', 'en')).toBe('Expired');
    expect(paymentStatusWords('received', 'charge', 'en')).toBe('Waiting for your bank');
  });

  it('speaks the reader’s language, with its plural forms', () => {
    const weekly = payload('10000000000000.00', { periodicLimits: [{ period: 'WEEK', maxCount: 5 }] });
    expect(paymentTerms(weekly, 'pl').headline).toBe('Najwyżej 5 obciążeń tygodniowo');
    expect(paymentTerms(weekly, 'de').headline).toBe('Höchstens 5 Abbuchungen pro Woche');
    expect(paymentTerms(payload('10000000000000.00', { maxRedemptions: 2 }), 'en').headline).toBe(
      'At most 2 charges',
    );
    expect(paymentStatusWords('rejected', 'charge', 'fr')).toBe('Refusé par votre banque');
  });
});
