// The language of a site's pages: `?lang=xx` (the footer's language links) chooses and is kept in a
// cookie; else the cookie; else the browser's Accept-Language; else English. Pages read it with
// `c.get('locale')`; answers say `Content-Language` and vary on what chose it.
import { isLocale, type Locale, negotiateLocale, parseAcceptLanguage } from '@tokenos/i18n';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export type LocaleEnv = { Variables: { locale: Locale } };

export const languageCookie = 'lang';

export function chooseLocale(
  query: string | undefined,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Locale {
  if (isLocale(query)) return query;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(parseAcceptLanguage(acceptLanguage));
}

export function siteLanguage(o: { publicUrl: string }): MiddlewareHandler<LocaleEnv> {
  return async (c, next) => {
    const query = c.req.query('lang');
    const cookie = getCookie(c, languageCookie);
    const locale = chooseLocale(query, cookie, c.req.header('accept-language'));
    if (isLocale(query) && query !== cookie)
      setCookie(c, languageCookie, query, {
        sameSite: 'Lax',
        path: '/',
        maxAge: 365 * 24 * 3600,
        secure: o.publicUrl.startsWith('https:'),
      });
    c.set('locale', locale);
    await next();
    c.header('content-language', locale);
    c.header('vary', 'Accept-Language, Cookie', { append: true });
  };
}
