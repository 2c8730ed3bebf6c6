export * from './file-key-store.ts';
export * from './service-identity.ts';
