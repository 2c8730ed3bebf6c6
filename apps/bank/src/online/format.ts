/** How the bank's pages show money and times: in the customer's locale, never ISO codes or raw dates. */

/** The browser's first Accept-Language tag that Intl knows, else British English (a UK-style demo bank). */
export function localeOf(acceptLanguage: string | undefined): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (!tag || tag === '*') continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0) return canonical;
    } catch {
      // Not a language tag: try the next.
    }
  }
  return 'en-GB';
}

/** A decimal string as the ledger formats it, shown as money exactly (Intl.NumberFormat v3 takes numeric strings). */
export function money(decimal: string, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    decimal as Intl.StringNumericLiteral,
  );
}

export function dateTime(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function date(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}
