// What the catalog test asserts of every catalog: each language has every message English has and
// no other; each message parses as ICU MessageFormat; each uses exactly English's placeholders (so
// every placeholder a screen fills is used, and none is left unfilled); each plural names the forms
// the language needs for whole numbers (Polish: one, few, many; every plural: other).
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { Catalog } from '../catalog.ts';
import { type Locale, locales } from '../locales.ts';

export interface CatalogProblem {
  locale: Locale;
  key: string;
  problem: string;
}

function collect(elements: MessageFormatElement[], args: Set<string>, plurals: Set<string>[]): void {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        args.add(element.value);
        break;
      case TYPE.tag:
        args.add(`<${element.value}>`);
        collect(element.children, args, plurals);
        break;
      case TYPE.select:
        args.add(element.value);
        for (const option of Object.values(element.options)) collect(option.value, args, plurals);
        break;
      case TYPE.plural:
        args.add(element.value);
        if (element.pluralType !== 'ordinal') plurals.push(new Set(Object.keys(element.options)));
        for (const option of Object.values(element.options)) collect(option.value, args, plurals);
        break;
      default:
        break;
    }
  }
}

/** The plural forms whole numbers take in a language (its `other` covers only fractions in Polish). */
function wholeNumberForms(locale: Locale): Set<string> {
  const rules = new Intl.PluralRules(locale);
  const forms = new Set<string>(['other']);
  for (let n = 0; n <= 1000; n++) forms.add(rules.select(n));
  return forms;
}

function analyse(source: string): { args: Set<string>; plurals: Set<string>[] } | string {
  try {
    const args = new Set<string>();
    const plurals: Set<string>[] = [];
    collect(parse(source, { ignoreTag: false, requiresOtherClause: true }), args, plurals);
    return { args, plurals };
  } catch (error) {
    return `does not parse: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const sorted = (set: Set<string>) => [...set].sort().join(', ') || '(none)';

export function checkCatalog(catalog: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const english = catalog.en;
  for (const locale of locales) {
    const messages = catalog[locale] as Readonly<Record<string, string>> | undefined;
    if (!messages) {
      problems.push({ locale, key: '*', problem: 'language missing' });
      continue;
    }
    for (const key of Object.keys(messages))
      if (!Object.hasOwn(english, key)) problems.push({ locale, key, problem: 'not in English' });
    const forms = wholeNumberForms(locale);
    for (const [key, source] of Object.entries(english)) {
      const text = messages[key];
      if (typeof text !== 'string' || text.trim() === '') {
        problems.push({ locale, key, problem: 'missing' });
        continue;
      }
      const ours = analyse(text);
      if (typeof ours === 'string') {
        problems.push({ locale, key, problem: ours });
        continue;
      }
      const theirs = analyse(source);
      if (typeof theirs !== 'string' && sorted(ours.args) !== sorted(theirs.args))
        problems.push({
          locale,
          key,
          problem: `placeholders ${sorted(ours.args)} differ from English ${sorted(theirs.args)}`,
        });
      for (const plural of ours.plurals) {
        const missing = [...forms].filter((form) => !plural.has(form)).sort();
        if (missing.length > 0) problems.push({ locale, key, problem: `plural lacks ${missing.join(', ')}` });
      }
    }
  }
  return problems;
}
