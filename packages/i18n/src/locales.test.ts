import { describe, expect, it } from 'vitest';
import { matchLocale, negotiateLocale, parseAcceptLanguage } from './locales.ts';

describe('choosing a language', () => {
  it('takes the first preferred language we ship, by its base', () => {
    expect(negotiateLocale(['sv-SE', 'de-AT', 'fr'])).toBe('de');
    expect(negotiateLocale(['PL'])).toBe('pl');
    expect(negotiateLocale(['pt_BR', 'nl_BE'])).toBe('nl');
  });

  it('falls back to English', () => {
    expect(negotiateLocale([])).toBe('en');
    expect(negotiateLocale(['ja', '*'])).toBe('en');
    expect(matchLocale('')).toBeUndefined();
  });

  it('orders Accept-Language by weight, then by position, dropping q=0', () => {
    expect(parseAcceptLanguage('fr;q=0.5, it, de;q=0.9, es;q=0')).toEqual(['it', 'de', 'fr']);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('*, pl;q=0.1')).toEqual(['pl']);
    expect(negotiateLocale(parseAcceptLanguage('ja, it-CH;q=0.8, en;q=0.5'))).toBe('it');
  });
});
