export { createCloudApp } from './app.ts';
export { type CloudKey, loadCloudKey } from './cloud-keys.ts';
export { type CloudConfig, configFromEnv } from './config.ts';
export type { CloudDeps } from './deps.ts';
export { migrateCloud } from './migrations.ts';
