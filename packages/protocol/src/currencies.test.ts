import { describe, expect, it } from 'vitest';
import {
  currencyCodes,
  currencyExponent,
  currencySchema,
  describeInput,
  isCurrencyCode,
} from './currencies.ts';

describe('ISO 4217 table', () => {
  it('holds every currency of the EU/EEA, Switzerland and the UK with two decimals', () => {
    for (const code of [
      'EUR',
      'CZK',
      'DKK',
      'HUF',
      'PLN',
      'RON',
      'SEK',
      'NOK',
      'CHF',
      'GBP',
      'USD',
    ] as const) {
      expect(currencyExponent(code)).toBe(2);
    }
    // Iceland's krona and the yen have no minor unit (ISO 4217 minor unit 0).
    expect(currencyExponent('ISK')).toBe(0);
    expect(currencyExponent('JPY')).toBe(0);
  });

  it('has the three- and four-decimal currencies', () => {
    expect(
      ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => isCurrencyCode(c) && currencyExponent(c)),
    ).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(currencyExponent('CLF')).toBe(4);
    expect(currencyExponent('UYW')).toBe(4);
  });

  it('lists distinct upper-case three-letter codes only', () => {
    expect(new Set(currencyCodes).size).toBe(currencyCodes.length);
    for (const code of currencyCodes) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(currencyCodes.length).toBeGreaterThan(150);
  });
});

describe('currencySchema', () => {
  it('accepts active codes', () => {
    expect(currencySchema.parse('EUR')).toBe('EUR');
    expect(currencySchema.parse('XCG')).toBe('XCG');
  });

  it.each([
    ['eur', 'lower case'],
    ['EURO', 'too long'],
    ['HRK', 'withdrawn 2023 (Croatia uses EUR)'],
    ['XAU', 'gold: no minor unit'],
    ['XXX', 'no currency'],
    ['', 'empty'],
  ])('refuses %j (%s)', (code) => {
    const r = currencySchema.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(
      `expected an active ISO 4217 currency code such as "EUR", got ${JSON.stringify(code)}`,
    );
  });

  it('refuses non-strings without throwing while describing them', () => {
    expect(currencySchema.safeParse(978).error?.issues[0]?.message).toMatch(/got the number 978$/);
    expect(currencySchema.safeParse(978n).error?.issues[0]?.message).toMatch(/got the bigint 978n$/);
  });
});

describe('describeInput', () => {
  it('cuts long strings', () => {
    expect(describeInput('x'.repeat(1000))).toBe(`"${'x'.repeat(40)}"... (1000 chars)`);
    expect(describeInput(null)).toBe('null');
    expect(describeInput([1])).toBe('an array');
    expect(describeInput(undefined)).toBe('undefined');
  });
});
