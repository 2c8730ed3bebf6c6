// A catalog: the messages of one screen or module in every language we ship, as ICU MessageFormat
// strings. English defines the keys; TypeScript holds every other language to exactly those keys,
// and the catalog check (testing/) holds them to the same placeholders and plural forms.
import type { Locale } from './locales.ts';

export type Messages<K extends string = string> = Readonly<Record<K, string>>;

export type Catalog<K extends string = string> = Readonly<Record<Locale, Messages<K>>>;

/** Declares a catalog; a language missing a key, or with a key English lacks, does not compile. */
export function defineCatalog<const E extends Record<string, string>>(
  catalog: { en: E } & { [L in Exclude<Locale, 'en'>]: { [K in keyof E]: string } },
): Catalog<keyof E & string> {
  return catalog;
}

export type MessageKey<C> = C extends Catalog<infer K> ? K : never;
