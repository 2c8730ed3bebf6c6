import { describe, expect, it } from 'vitest';
import { defineCatalog } from './catalog.ts';
import { createTranslator } from './translator.ts';

const catalog = defineCatalog({
  en: {
    items: '{count, plural, one {# item} other {# items}}',
    paid: 'You paid {amount} to {payee}',
    more: 'Read <link>more</link>',
  },
  de: {
    items: '{count, plural, one {# Artikel} other {# Artikel}}',
    paid: 'Sie haben {payee} {amount} bezahlt',
    more: '<link>Mehr</link> lesen',
  },
  fr: {
    items: '{count, plural, one {# article} other {# articles}}',
    paid: '{payee} : {amount}',
    more: '<link>Plus</link>',
  },
  es: {
    items: '{count, plural, one {# artículo} other {# artículos}}',
    paid: '{payee}: {amount}',
    more: '<link>Más</link>',
  },
  it: {
    items: '{count, plural, one {# articolo} other {# articoli}}',
    paid: '{payee}: {amount}',
    more: '<link>Altro</link>',
  },
  nl: {
    items: '{count, plural, one {# artikel} other {# artikelen}}',
    paid: '{payee}: {amount}',
    more: '<link>Meer</link>',
  },
  pl: {
    items: '{count, plural, one {# produkt} few {# produkty} many {# produktów} other {# produktu}}',
    paid: '{payee}: {amount}',
    more: '<link>Więcej</link>',
  },
});

describe('translator', () => {
  it('fills placeholders and picks plural forms by language', () => {
    expect(createTranslator(catalog, 'en')('items', { count: 1 })).toBe('1 item');
    expect(createTranslator(catalog, 'en')('items', { count: 2 })).toBe('2 items');
    const pl = createTranslator(catalog, 'pl');
    expect([1, 3, 5, 22, 25].map((count) => pl('items', { count }))).toEqual([
      '1 produkt',
      '3 produkty',
      '5 produktów',
      '22 produkty',
      '25 produktów',
    ]);
    expect(createTranslator(catalog, 'de')('paid', { amount: '12,50 €', payee: 'Demo Shop' })).toBe(
      'Sie haben Demo Shop 12,50 € bezahlt',
    );
  });

  it('throws on a placeholder left without a value', () => {
    expect(() => createTranslator(catalog, 'en')('paid', { amount: '€1.00' })).toThrow();
  });

  it('renders tags through functions, in the order of the language', () => {
    const parts = createTranslator(catalog, 'de').rich('more', {
      link: (chunks) => ({ link: chunks.join('') }),
    });
    expect(parts).toEqual([{ link: 'Mehr' }, ' lesen']);
  });
});
