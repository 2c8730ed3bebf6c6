import type { Money } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { limitTerms, usageRows } from './usage.ts';

const eur = (value: string): Money => ({ value, currency: 'EUR' });

describe('member token usage', () => {
  it('shows the amount charged against the credit limit and the uses against the recurrence', () => {
    const rows = usageRows(
      {
        limitations: { currency: 'EUR', amount: '15.00', creditLimit: '60.00', maxUses: 4 },
        usage: { count: 2, total: eur('20.50') },
      },
      0,
      'en',
    );
    const by = Object.fromEntries(rows.map((r) => [r.limit, r]));
    expect(by.creditLimit?.used).toBeCloseTo(20.5 / 60);
    expect(by.creditLimit?.text).toMatch(/20\.50.*60\.00/);
    expect(by.recurrence).toMatchObject({ text: '2 of 4', used: 0.5 });
    expect(by.amount?.text).toMatch(/15\.00/);
  });

  it('says when there is no bound, and never shows a meter past full', () => {
    const rows = usageRows(
      { limitations: { currency: 'EUR', singleUse: true }, usage: { count: 1, total: eur('5.00') } },
      0,
      'en',
    );
    expect(rows.find((r) => r.limit === 'creditLimit')?.used).toBeUndefined();
    expect(rows.find((r) => r.limit === 'singleUse')).toMatchObject({ used: 1, text: '1 of 1 (single use)' });
    expect(limitTerms({ currency: 'EUR' }, 'en').map((t) => t.text)).toEqual([
      'No limit',
      'No limit',
      'No limit',
      'You revoke it',
    ]);
  });

  it('speaks the reader’s language and names countries, never their codes', () => {
    const rows = usageRows(
      {
        limitations: { currency: 'EUR', maxUses: 4, location: { countries: ['DE'] } },
        usage: { count: 2, total: eur('0.00') },
      },
      0,
      'pl',
    );
    expect(rows.find((r) => r.limit === 'recurrence')?.text).toBe('2 z 4');
    expect(rows.find((r) => r.limit === 'location')).toMatchObject({ label: 'Tylko w', text: 'Niemcy' });
  });
});
