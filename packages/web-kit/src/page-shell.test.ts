import { describe, expect, it } from 'vitest';
import { html } from './html.ts';
import { renderPage } from './page-shell.ts';

describe('renderPage', () => {
  const page = renderPage(
    {
      siteName: 'Tally & Co',
      title: 'Your <money>',
      stylesheet: 'budget.css',
      scripts: html`<script src="/static/budget.js" defer></script>`,
      header: html`<span class="tagline">read-only</span>`,
      footer: 'Demo "only".',
    },
    html`<h1>Hello</h1>`,
  );

  it('loads the base stylesheet before the site’s own, and the scripts after them', () => {
    const base = page.indexOf('href="/static/base.css"');
    const own = page.indexOf('href="/static/budget.css"');
    expect(base).toBeGreaterThan(0);
    expect(own).toBeGreaterThan(base);
    expect(page.indexOf('<script src="/static/budget.js"')).toBeGreaterThan(own);
  });

  it('escapes what the site fills in and has nothing inline for the CSP to refuse', () => {
    expect(page.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(page).toContain('<title>Your &lt;money&gt; · Tally &amp; Co</title>');
    expect(page).toContain('<footer class="site"><p>Demo &quot;only&quot;.</p>');
    expect(page).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(page).toContain('<main id="main" tabindex="-1">\n<h1>Hello</h1>\n</main>');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)|<style|style="/);
  });

  it('speaks the page’s language and links to the same page in every other', () => {
    const german = renderPage(
      { siteName: 'Shop', title: 'Kaffee', stylesheet: 'shop.css', footer: 'Demo', locale: 'de' },
      html`<h1>Kaffee</h1>`,
    );
    expect(german.startsWith('<!doctype html><html lang="de">')).toBe(true);
    expect(german).toContain('<a class="skip" href="#main">Zum Inhalt springen</a>');
    expect(german).toContain('<nav class="languages" aria-label="Sprache">');
    expect(german).toContain('<a href="?lang=pl" lang="pl" hreflang="pl">Polski</a>');
    expect(german).toContain('<a href="?lang=de" lang="de" hreflang="de" aria-current="true">Deutsch</a>');
  });
});
