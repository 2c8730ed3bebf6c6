import { createTranslator, defineCatalog } from '@tokenos/i18n';
import { html } from '@tokenos/web-kit';
import { describe, expect, it } from 'vitest';
import { htmlMessage } from './html-message.ts';

const catalog = defineCatalog({
  en: { since: '{name}, connected since {when}.' },
  de: { since: '{name}, verbunden seit {when}.' },
  fr: { since: '{name}, connecté depuis le {when}.' },
  es: { since: '{name}, conectado desde el {when}.' },
  it: { since: '{name}, collegato dal {when}.' },
  nl: { since: '{name}, gekoppeld sinds {when}.' },
  pl: { since: '{name}, połączono: {when}.' },
});

describe('htmlMessage', () => {
  it('escapes the words and puts the markup in its place, in the language’s order', () => {
    const when = html`<time datetime="2026-11-22">22.11.2026</time>`;
    expect(htmlMessage(createTranslator(catalog, 'de'), 'since', { name: 'Alice <b>', when }).text).toBe(
      'Alice &lt;b&gt;, verbunden seit <time datetime="2026-11-22">22.11.2026</time>.',
    );
  });

  it('lets no text pass itself off as markup', () => {
    const when = html`<time>now</time>`;
    expect(htmlMessage(createTranslator(catalog, 'en'), 'since', { name: '\uE0000\uE001', when }).text).toBe(
      '0, connected since <time>now</time>.',
    );
  });
});
