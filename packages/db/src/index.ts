export type { DbErrorInfo, MigrationErrorCode } from './errors.ts';
export {
  DbConflictError,
  DbRowCountError,
  dbErrorInfo,
  isConnectionError,
  isDeadlock,
  isSerializationFailure,
  isUniqueViolation,
  MigrationError,
  sqlState,
} from './errors.ts';
export type { MigrateOptions, MigrateResult, Migration } from './migrate.ts';
export { loadMigrations, migrate, migrationChecksum } from './migrate.ts';
export type { OpenDbFromEnvOptions } from './open.ts';
export { openDb, openDbFromEnv } from './open.ts';
export type { Db, Engine, Isolation, OpenDbOptions, Row, TransactionOptions } from './types.ts';
