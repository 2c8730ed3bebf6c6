import { type Catalog, createTranslator, type Translator } from '@tokenos/i18n';
import { useMemo } from 'react';
import {
  countryName,
  formatDate,
  formatDateTime,
  formatMoney,
  formatRelative,
  formatWhen,
  type MoneyLike,
} from '../format.ts';
import { useLocale } from './LocaleProvider.tsx';

/** The messages of one catalog in the wallet's current language: `t('key', { values })`. */
export function useT<K extends string>(catalog: Catalog<K>): Translator<K> {
  const { locale } = useLocale();
  return useMemo(() => createTranslator(catalog, locale), [catalog, locale]);
}

export interface Formatters {
  money(money: MoneyLike): string;
  dateTime(at: number | string | Date): string;
  date(at: number | string | Date): string;
  /** Time only on the same day as `now`, else date and time. */
  when(at: number, now: number): string;
  relative(at: number | string | Date, now?: number): string;
  country(code: string): string;
}

/** Money, dates and country names in the wallet's current language. */
export function useFormat(): Formatters {
  const { tag } = useLocale();
  return useMemo(
    () => ({
      money: (money) => formatMoney(money, tag),
      dateTime: (at) => formatDateTime(at, tag),
      date: (at) => formatDate(at, tag),
      when: (at, now) => formatWhen(at, now, tag),
      relative: (at, now) => formatRelative(at, now, tag),
      country: (code) => countryName(code, tag),
    }),
    [tag],
  );
}
