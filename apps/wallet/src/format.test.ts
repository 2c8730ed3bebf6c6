import { describe, expect, it } from 'vitest';
import { formatMoney, formatRelative, shortId } from './format.ts';

describe('money in the user’s locale', () => {
  it('formats the wire decimal with the currency’s own symbol and separators', () => {
    expect(formatMoney({ value: '12.50', currency: 'EUR' }, 'en-GB')).toBe('€12.50');
    expect(formatMoney({ value: '12.50', currency: 'EUR' }, 'de-DE')).toBe('12,50\u00a0€');
    expect(formatMoney({ value: '1050', currency: 'JPY' }, 'en-US')).toBe('¥1,050');
  });

  it('never goes through a float: a large amount keeps every cent', () => {
    expect(formatMoney({ value: '9007199254740993.01', currency: 'EUR' }, 'en-GB')).toBe(
      '€9,007,199,254,740,993.01',
    );
  });

  it('still reads with a code Intl does not know', () => {
    expect(formatMoney({ value: '1.00', currency: 'X1' }, 'en-GB')).toBe('1.00 X1');
  });
});

describe('relative times and ids', () => {
  it('says when, in words', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(formatRelative(now + 90 * 86_400_000, now, 'en')).toBe('in 90 days');
    expect(formatRelative(now - 3 * 3_600_000, now, 'en')).toBe('3 hours ago');
    expect(formatRelative(now - 5_000, now, 'en')).toBe('this minute');
  });

  it('shortens long ids', () => {
    expect(shortId('abcdefghijklmnopqrstuvwxyz')).toBe('abcdef…wxyz');
    expect(shortId('short')).toBe('short');
  });
});
