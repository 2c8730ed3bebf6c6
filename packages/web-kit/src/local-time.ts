import { type Html, html } from './html.ts';

/** The script every page loads to show `localTime` values in the reader's locale (public/local-time.js). */
export const localTimeScript = 'local-time.js';

const formats = new Map<string, { date: Intl.DateTimeFormat; datetime: Intl.DateTimeFormat }>();

function utcFormats(locale: string) {
  let found = formats.get(locale);
  if (!found) {
    found = {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      datetime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
    };
    formats.set(locale, found);
  }
  return found;
}

/**
 * A date for people: `<time>` with the exact instant for machines and a readable UTC fallback,
 * which the page's local-time.js replaces with the reader's own locale and time zone.
 */
export function localTime(at: number, style: 'date' | 'datetime' = 'datetime', locale = 'en-GB'): Html {
  const d = new Date(at);
  const utc = utcFormats(locale);
  const fallback = style === 'date' ? utc.date.format(d) : `${utc.datetime.format(d)} UTC`;
  return html`<time datetime="${d.toISOString()}" data-local="${style}">${fallback}</time>`;
}
