export type { NodeBackendOptions } from './node-backend.ts';
export { createNodeBackend, nodeBackend } from './node-backend.ts';
