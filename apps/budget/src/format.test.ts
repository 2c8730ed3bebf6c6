import { describe, expect, it } from 'vitest';
import { formatMoney, intlLocale } from './format.ts';

const eur = (value: string) => ({ value, currency: 'EUR' });

describe('money in the page’s language', () => {
  it('groups and places the symbol as each language does, exactly', () => {
    expect(formatMoney(eur('1487.50'), 'en')).toBe('€1,487.50');
    expect(formatMoney(eur('1487.50'), 'de')).toBe('1.487,50\u00a0€');
    expect(formatMoney(eur('6487.50'), 'pl')).toBe('6487,50\u00a0€');
    expect(formatMoney(eur('123456789012345.67'), 'en')).toBe('€123,456,789,012,345.67');
    expect(formatMoney({ value: '5.10', currency: 'GBP' }, 'en')).toBe('£5.10');
  });

  it('writes the minus as U+2212 and, when signed, a plus on what comes in', () => {
    expect(formatMoney(eur('-12.50'), 'en')).toBe('−€12.50');
    expect(formatMoney(eur('-12.50'), 'de')).toBe('−12,50\u00a0€');
    expect(formatMoney(eur('12.50'), 'en', { signed: true })).toBe('+€12.50');
    expect(formatMoney(eur('12.50'), 'en')).toBe('€12.50');
  });

  it('still reads with a currency Intl does not know', () => {
    expect(formatMoney({ value: '-1.00', currency: 'XY' }, 'en')).toBe('−1.00 XY');
  });

  it('formats English dates the European way', () => {
    expect(intlLocale('en')).toBe('en-GB');
    expect(intlLocale('pl')).toBe('pl');
  });
});
