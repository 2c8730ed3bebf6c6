import { describe, expect, it } from 'vitest';
import { emptyLimitsForm, endOfDay, limitationsFromForm, parseMerchant, setsNoLimit } from './limits-form.ts';

const merchantId = 'A'.repeat(43);
const now = new Date(2026, 0, 15, 12).getTime();
const make = (o: Partial<typeof emptyLimitsForm>) =>
  limitationsFromForm({ ...emptyLimitsForm, ...o }, { currency: 'EUR', merchantId, now });

describe('member token form', () => {
  it('turns what was typed into the limitations the protocol accepts', () => {
    expect(
      make({
        amount: '20',
        creditLimit: '50,5',
        maxUses: '3',
        countries: 'de, fr DE',
        expiresOn: '2026-03-31',
      }),
    ).toEqual({
      ok: true,
      limitations: {
        currency: 'EUR',
        merchantId,
        amount: '20.00',
        creditLimit: '50.50',
        maxUses: 3,
        location: { countries: ['DE', 'FR'] },
        expiresAt: new Date(2026, 2, 31, 23, 59, 59, 999).getTime(),
      },
    });
    expect(make({ singleUse: true })).toEqual({
      ok: true,
      limitations: { currency: 'EUR', merchantId, singleUse: true },
    });
  });

  it('names each wrong field, and never builds limitations from them', () => {
    const result = make({
      amount: '80',
      creditLimit: '50',
      maxUses: '0',
      countries: 'Germany',
      expiresOn: '2026-01-14',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      amount: 'amountOverTotal',
      countries: 'countriesInvalid',
      expiresOn: 'datePast',
      maxUses: 'usesInvalid',
    });
    expect(make({ amount: '-1' })).toMatchObject({ ok: false, errors: { amount: expect.any(String) } });
    expect(make({ amount: '1.234' })).toMatchObject({ ok: false, errors: { amount: expect.any(String) } });
    expect(make({ singleUse: true, maxUses: '2' })).toMatchObject({
      ok: false,
      errors: { maxUses: expect.any(String) },
    });
  });

  it('never makes a token without any bound from empty fields: it asks for a worded "no limit"', () => {
    expect(make({})).toEqual({ ok: false, errors: { noLimit: 'noLimit' } });
    // A country narrows where, not how much: still no limit.
    expect(make({ countries: 'DE' })).toEqual({ ok: false, errors: { noLimit: expect.any(String) } });
    expect(setsNoLimit({ ...emptyLimitsForm, maxUses: '2' })).toBe(false);
    expect(setsNoLimit({ ...emptyLimitsForm, expiresOn: '2026-03-31' })).toBe(false);
    expect(make({ noLimit: true })).toEqual({ ok: true, limitations: { currency: 'EUR', merchantId } });
  });

  it('reads a merchant as a member id, a domain or a pasted URL', () => {
    expect(parseMerchant(merchantId)).toEqual({ kind: 'member', memberId: merchantId });
    expect(parseMerchant(' Shop.Example ')).toEqual({ kind: 'domain', domain: 'shop.example' });
    expect(parseMerchant('http://localhost:5174/cart')).toEqual({ kind: 'domain', domain: 'localhost:5174' });
    expect(parseMerchant('')).toBeUndefined();
    expect(parseMerchant('not a shop')).toBeUndefined();
    expect(endOfDay('2026-02-30')).toBeUndefined();
  });
});
