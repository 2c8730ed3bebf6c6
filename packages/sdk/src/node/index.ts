export * from './file-key-store.ts';
