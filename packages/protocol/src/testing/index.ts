export * from './directory-fixtures.ts';
