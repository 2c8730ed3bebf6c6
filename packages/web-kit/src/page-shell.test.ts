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
    expect(page).toContain('<footer class="site">Demo &quot;only&quot;.</footer>');
    expect(page).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(page).toContain('<main id="main" tabindex="-1">\n<h1>Hello</h1>\n</main>');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)|<style|style="/);
  });
});
