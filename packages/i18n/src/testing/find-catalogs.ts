// The catalogs among a set of imported modules: each app's catalog test hands over every
// `*.messages.ts` file it has (`import.meta.glob('./**/*.messages.ts', { eager: true })`), so a new
// screen's words are checked without anyone remembering to list them.
import type { Catalog } from '../catalog.ts';
import { locales } from '../locales.ts';

export interface FoundCatalog {
  file: string;
  name: string;
  catalog: Catalog;
}

function isCatalog(value: unknown): value is Catalog {
  return (
    typeof value === 'object' &&
    value !== null &&
    locales.every((locale) => typeof (value as Record<string, unknown>)[locale] === 'object')
  );
}

export function findCatalogs(modules: Readonly<Record<string, unknown>>): FoundCatalog[] {
  const found: FoundCatalog[] = [];
  for (const [file, module] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const exported = Object.entries(module as Record<string, unknown>).filter(
      (entry): entry is [string, Catalog] => isCatalog(entry[1]),
    );
    if (exported.length === 0) throw new Error(`${file} exports no catalog`);
    for (const [name, catalog] of exported) found.push({ file, name, catalog });
  }
  return found;
}
