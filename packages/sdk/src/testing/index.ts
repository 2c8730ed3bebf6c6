export * from './soft-authenticator.ts';
