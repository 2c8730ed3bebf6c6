export { type CatalogProblem, checkCatalog } from './check-catalog.ts';
export { expectEveryCatalogComplete } from './expect-complete.ts';
export { type FoundCatalog, findCatalogs } from './find-catalogs.ts';
