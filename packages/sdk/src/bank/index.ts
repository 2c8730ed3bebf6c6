export * from './account-link.ts';
export * from './verify-endorsement.ts';
