// Numbers and dates in the user's own locale (the browser's), never a float: Intl formats the wire's
// decimal string exactly (ECMA-402 Intl.NumberFormat v3 accepts numeric strings).

export interface MoneyLike {
  value: string;
  currency: string;
}

export function formatMoney(money: MoneyLike, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
      money.value as Intl.StringNumericLiteral,
    );
  } catch {
    // An unknown currency code still reads sensibly.
    return `${money.value} ${money.currency}`;
  }
}

const dateTime: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const dateOnly: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

export function formatDateTime(at: number | string | Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, dateTime).format(new Date(at));
}

/** "14:02" on the day of `now`, "7 Dec 2026, 14:02" on another day. */
export function formatWhen(at: number, now: number, locale?: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay
    ? new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(at))
    : formatDateTime(at, locale);
}

export function formatDate(at: number | string | Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, dateOnly).format(new Date(at));
}

/** "in 90 days", "3 hours ago": for expiry and last use. */
export function formatRelative(
  at: number | string | Date,
  now: number = Date.now(),
  locale?: string,
): string {
  const diff = new Date(at).getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(diff);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  for (const [unit, ms] of units) if (abs >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(0, 'minute');
}

/** A long id shortened for people, with the full value for copy and for screen readers' details. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

/** A country's name in the reader's language ("Germany", "Deutschland"), or its code where Intl has none. */
export function countryName(code: string, locale?: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
