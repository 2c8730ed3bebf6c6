import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { chooseLocale, type LocaleEnv, siteLanguage } from './site-language.ts';

describe('the language of a site’s pages', () => {
  it('is the one asked for, else the kept choice, else the browser’s, else English', () => {
    expect(chooseLocale('pl', 'de', 'fr')).toBe('pl');
    expect(chooseLocale('xx', 'de', 'fr')).toBe('de');
    expect(chooseLocale(undefined, 'zz', 'sv, it-IT;q=0.9')).toBe('it');
    expect(chooseLocale(undefined, undefined, 'ja')).toBe('en');
  });

  it('keeps a choice in a cookie and says which language the answer is in', async () => {
    const app = new Hono<LocaleEnv>();
    app.use(siteLanguage({ publicUrl: 'http://localhost:1' }));
    app.get('/', (c) => c.text(c.get('locale')));
    const chosen = await app.request('/?lang=nl', { headers: { 'accept-language': 'de' } });
    expect(await chosen.text()).toBe('nl');
    expect(chosen.headers.get('set-cookie')).toMatch(/^lang=nl; Max-Age=31536000; Path=\/; SameSite=Lax/);
    expect(chosen.headers.get('content-language')).toBe('nl');
    expect(chosen.headers.get('vary')).toContain('Accept-Language');
    const later = await app.request('/', { headers: { cookie: 'lang=nl', 'accept-language': 'de' } });
    expect(await later.text()).toBe('nl');
    expect(later.headers.get('set-cookie')).toBeNull();
    const fresh = await app.request('/', { headers: { 'accept-language': 'de-AT,de;q=0.9' } });
    expect(await fresh.text()).toBe('de');
  });
});
