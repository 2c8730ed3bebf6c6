export { type Catalog, defineCatalog, type MessageKey, type Messages } from './catalog.ts';
export {
  defaultLocale,
  isLocale,
  type Locale,
  localeNames,
  locales,
  matchLocale,
  negotiateLocale,
  parseAcceptLanguage,
} from './locales.ts';
export { createTranslator, type Translator, type Value, type Values } from './translator.ts';
