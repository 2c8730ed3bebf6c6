import { checkCatalog } from './check-catalog.ts';
import { findCatalogs } from './find-catalogs.ts';

/**
 * Throws, listing every problem, unless every catalog in the given modules is complete in every
 * language; returns how many catalogs and messages were checked, so a test can see it found some.
 */
export function expectEveryCatalogComplete(modules: Readonly<Record<string, unknown>>): {
  catalogs: number;
  messages: number;
} {
  const found = findCatalogs(modules);
  const problems = found.flatMap(({ file, name, catalog }) =>
    checkCatalog(catalog).map((p) => `${file} ${name} [${p.locale}] ${p.key}: ${p.problem}`),
  );
  if (problems.length > 0) throw new Error(`Catalog problems:\n${problems.join('\n')}`);
  return {
    catalogs: found.length,
    messages: found.reduce((sum, { catalog }) => sum + Object.keys(catalog.en).length, 0),
  };
}
