// Money and dates in the page's language, through Intl (ECMA-402). Amounts stay decimal strings all
// the way into Intl.NumberFormat, which formats a string exactly (no float in between).
import type { Locale } from '@tokenos/i18n';

/**
 * The tag Intl formats with: English pages read dates the European way ("22 Nov 2026"), as the
 * money they show is in euros and pounds; every other language is its own.
 */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale;
}

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, currency: string, signed: boolean): Intl.NumberFormat {
  const id = `${locale} ${currency} ${signed}`;
  let found = formats.get(id);
  if (!found) {
    found = new Intl.NumberFormat(intlLocale(locale), {
      style: 'currency',
      currency,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formats.set(id, found);
  }
  return found;
}

/**
 * "-1234.50" EUR as "−€1,234.50" (en) or "−1.234,50 €" (de); `signed` adds "+" to what comes in.
 * The minus is the typographic one (U+2212), which is as wide as the plus.
 */
export function formatMoney(
  amount: { value: string; currency: string },
  locale: Locale,
  o: { signed?: boolean } = {},
): string {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = numberFormat(locale, amount.currency, o.signed ?? false).formatToParts(
      amount.value as Intl.StringNumericLiteral,
    );
  } catch {
    // A currency code Intl does not know still reads sensibly.
    return `${amount.value.replace(/^-/, '−')} ${amount.currency}`;
  }
  return parts.map((p) => (p.type === 'minusSign' ? '−' : p.value)).join('');
}
