import { describe, expect, it } from 'vitest';
import { locales, resolveLocale } from './locale.ts';

describe('locale', () => {
  it("'auto' takes the first of the browser's languages the widget has", () => {
    expect(resolveLocale('auto', ['pt-BR', 'de-AT', 'en'])).toBe('de');
    expect(resolveLocale(undefined, ['FR-ca'])).toBe('fr');
    expect(resolveLocale('auto', ['ja', 'zh'])).toBe('en');
    expect(resolveLocale('auto', [])).toBe('en');
  });

  it('an explicit locale wins over the browser, with its region dropped', () => {
    expect(resolveLocale('nl-BE', ['de'])).toBe('nl');
    expect(resolveLocale('es', ['de'])).toBe('es');
    expect(resolveLocale('xx', ['de'])).toBe('en');
  });

  it('every locale says every message', () => {
    const keys = Object.keys(locales.en).sort();
    for (const [tag, messages] of Object.entries(locales)) {
      expect(Object.keys(messages).sort(), tag).toEqual(keys);
      for (const text of Object.values(messages)) expect(text.trim().length, tag).toBeGreaterThan(1);
    }
  });
});
