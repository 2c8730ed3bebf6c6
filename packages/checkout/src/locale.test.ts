import { locales as productLocales } from '@tokenos/i18n';
import { describe, expect, it } from 'vitest';
import { locales, resolveLocale } from './locale.ts';

describe('locale', () => {
  it("'auto' takes the first of the browser's languages the widget has", () => {
    expect(resolveLocale('auto', ['pt-BR', 'de-AT', 'en'])).toBe('de');
    expect(resolveLocale(undefined, ['FR-ca'])).toBe('fr');
    expect(resolveLocale('auto', ['ja', 'it-CH', 'pl'])).toBe('it');
    expect(resolveLocale('auto', ['cs', 'pl-PL'])).toBe('pl');
    expect(resolveLocale('auto', ['ja', 'zh'])).toBe('en');
    expect(resolveLocale('auto', [])).toBe('en');
  });

  it('an explicit locale wins over the browser, with its region dropped', () => {
    expect(resolveLocale('nl-BE', ['de'])).toBe('nl');
    expect(resolveLocale('es', ['de'])).toBe('es');
    expect(resolveLocale('pl', ['de'])).toBe('pl');
    expect(resolveLocale('it', ['de'])).toBe('it');
    expect(resolveLocale('xx', ['de'])).toBe('en');
  });

  it('speaks every language the product ships, and no other', () => {
    expect(Object.keys(locales).sort()).toEqual([...productLocales].sort());
  });

  it('every locale says every message, in its own words', () => {
    const english = new Map(Object.entries(locales.en));
    const keys = [...english.keys()].sort();
    for (const [tag, messages] of Object.entries(locales)) {
      expect(Object.keys(messages).sort(), tag).toEqual(keys);
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim().length, `${tag} ${key}`).toBeGreaterThan(1);
        // English left in place would mean a message nobody translated.
        if (tag !== 'en') expect(text, `${tag} ${key}`).not.toBe(english.get(key));
      }
    }
  });
});
