// Which language the wallet speaks: the person's own choice (kept on this device), else the first
// of the browser's languages we ship, else English. Numbers and dates follow the browser's region
// when it speaks the chosen language ("de-AT" formats as in Austria), else the language alone.
import { isLocale, type Locale, matchLocale, negotiateLocale } from '@tokenos/i18n';

const storageKey = 'wallet.language';

export function savedLocale(): Locale | undefined {
  try {
    const saved = globalThis.localStorage?.getItem(storageKey);
    return isLocale(saved) ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(storageKey, locale);
  } catch {
    // Storage refused (private mode): the choice lasts for this visit only.
  }
}

export function browserLanguages(): readonly string[] {
  return globalThis.navigator?.languages ?? [];
}

export function initialLocale(preferred: readonly string[] = browserLanguages()): Locale {
  return savedLocale() ?? negotiateLocale(preferred);
}

/** The tag Intl formats with: the browser's own tag for that language where it has one. */
export function formattingTag(locale: Locale, preferred: readonly string[] = browserLanguages()): string {
  return preferred.find((tag) => matchLocale(tag) === locale) ?? locale;
}
