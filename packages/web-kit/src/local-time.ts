import { type Html, html } from './html.ts';

/** The script every page loads to show `localTime` values in the reader's locale (public/local-time.js). */
export const localTimeScript = 'local-time.js';

const utcDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const utcDateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/**
 * A date for people: `<time>` with the exact instant for machines and a readable UTC fallback,
 * which the page's local-time.js replaces with the reader's own locale and time zone.
 */
export function localTime(at: number, style: 'date' | 'datetime' = 'datetime'): Html {
  const d = new Date(at);
  const fallback = style === 'date' ? utcDate.format(d) : `${utcDateTime.format(d)} UTC`;
  return html`<time datetime="${d.toISOString()}" data-local="${style}">${fallback}</time>`;
}
