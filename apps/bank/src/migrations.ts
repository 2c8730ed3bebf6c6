import { fileURLToPath } from 'node:url';
import { type Db, loadMigrations, migrate } from '@tokenos/db';

const dir = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Applies the bank's SQL migrations (same files on PGlite and PostgreSQL); safe from several instances at once. */
export async function migrateBank(db: Db): Promise<void> {
  await migrate(db, { name: 'bank', migrations: await loadMigrations(dir) });
}
