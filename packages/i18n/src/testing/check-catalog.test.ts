import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog.ts';
import { checkCatalog } from './check-catalog.ts';

function catalogWith(overrides: Partial<Record<string, Record<string, string>>>): Catalog {
  const base = { greet: 'Hello {name}', n: '{count, plural, one {# day} other {# days}}' };
  const all = {
    en: base,
    de: base,
    fr: base,
    es: base,
    it: base,
    nl: base,
    pl: { ...base, n: '{count, plural, one {# dzień} few {# dni} many {# dni} other {# dnia}}' },
  };
  return { ...all, ...overrides } as Catalog;
}

describe('the catalog check', () => {
  it('passes a complete catalog', () => {
    expect(checkCatalog(catalogWith({}))).toEqual([]);
  });

  it('names a missing message, an extra one and an empty one', () => {
    const problems = checkCatalog(
      catalogWith({
        de: { n: '{count, plural, one {# Tag} other {# Tage}}', extra: 'x' },
        fr: { greet: ' ', n: '{count, plural, one {# jour} other {# jours}}' },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { locale: 'de', key: 'greet', problem: 'missing' },
        { locale: 'de', key: 'extra', problem: 'not in English' },
        { locale: 'fr', key: 'greet', problem: 'missing' },
      ]),
    );
  });

  it('names a dropped, renamed or unparsable placeholder', () => {
    const problems = checkCatalog(
      catalogWith({
        es: { greet: 'Hola', n: '{count, plural, one {# día} other {# días}}' },
        it: { greet: 'Ciao {nome}', n: '{count, plural, one {# giorno} other {# giorni}}' },
        nl: { greet: 'Hallo {name', n: '{count, plural, one {# dag} other {# dagen}}' },
      }),
    ).map((p) => `${p.locale} ${p.key} ${p.problem.split(':')[0]}`);
    expect(problems).toEqual([
      'es greet placeholders (none) differ from English name',
      'it greet placeholders nome differ from English name',
      'nl greet does not parse',
    ]);
  });

  it('requires the plural forms a language has for whole numbers', () => {
    const problems = checkCatalog(
      catalogWith({ pl: { greet: 'Cześć {name}', n: '{count, plural, one {# dzień} other {# dni}}' } }),
    );
    expect(problems).toEqual([{ locale: 'pl', key: 'n', problem: 'plural lacks few, many' }]);
  });
});
