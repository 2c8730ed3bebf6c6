// Formats a catalog's messages in one locale with FormatJS (ICU plurals, select, number and date
// arguments, and tags for rich text). Formatters are built once per message and locale.
import { IntlMessageFormat } from 'intl-messageformat';
import type { Catalog } from './catalog.ts';
import { defaultLocale, type Locale } from './locales.ts';

export type Value = string | number | Date | null | undefined;
export type Values = Readonly<Record<string, Value>>;

export interface Translator<K extends string> {
  readonly locale: Locale;
  /** The message as text. A placeholder without a value throws: a missing value is a bug, not a word. */
  (key: K, values?: Values): string;
  /**
   * The message with tags (`<link>…</link>`) rendered by the given functions; the parts come back
   * in order, text as strings.
   */
  rich<T>(key: K, values: Readonly<Record<string, Value | ((chunks: (string | T)[]) => T)>>): (string | T)[];
}

const cache = new WeakMap<Catalog, Map<string, IntlMessageFormat>>();

function formatterFor(catalog: Catalog, locale: Locale, key: string): IntlMessageFormat {
  let byKey = cache.get(catalog);
  if (!byKey) {
    byKey = new Map();
    cache.set(catalog, byKey);
  }
  const id = `${locale}\u0000${key}`;
  let formatter = byKey.get(id);
  if (!formatter) {
    const source = catalog[locale][key] ?? catalog[defaultLocale][key];
    if (source === undefined) throw new Error(`No message ${key}`);
    formatter = new IntlMessageFormat(source, locale, undefined, { ignoreTag: false });
    byKey.set(id, formatter);
  }
  return formatter;
}

export function createTranslator<K extends string>(catalog: Catalog<K>, locale: Locale): Translator<K> {
  const t = ((key: K, values?: Values) => {
    const out = formatterFor(catalog, locale, key).format<string>(values as Record<string, string>);
    return Array.isArray(out) ? out.join('') : String(out);
  }) as Translator<K>;
  Object.defineProperty(t, 'locale', { value: locale });
  t.rich = <T>(key: K, values: Readonly<Record<string, Value | ((chunks: (string | T)[]) => T)>>) => {
    const out = formatterFor(catalog, locale, key).format<T>(values as Record<string, T>);
    return (Array.isArray(out) ? out : [out]) as (string | T)[];
  };
  return t;
}
