/** Which engine answers: embedded PGlite (one in-process connection) or a PostgreSQL server. */
export type Engine = 'pglite' | 'postgres';

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

/** A result row as the driver hands it over, before the caller gives it a type. */
export type Row = Record<string, unknown>;

export interface TransactionOptions {
  /** Omitted: the server default (read committed unless the server is configured otherwise). */
  isolation?: Isolation;
  /**
   * How many times the whole function may run before a serialization failure (40001) or deadlock
   * (40P01) becomes a DbConflictError. Default 10. Ignored by nested (savepoint) transactions,
   * which never retry: only the outermost transaction can be replayed from the start.
   */
  maxAttempts?: number;
}

/**
 * One SQL dialect (PostgreSQL) on either engine. Values come back normalised the same way on both
 * (see values.ts): int8 -> bigint, numeric -> string, timestamptz/timestamp -> Date, date ->
 * 'YYYY-MM-DD', json/jsonb -> parsed value, bytea -> Uint8Array.
 */
export interface Db {
  readonly engine: Engine;
  /** One statement, parameters as $1..$n. `undefined` parameters are sent as NULL. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Exactly one row, or DbRowCountError. */
  one<T = Row>(sql: string, params?: readonly unknown[]): Promise<T>;
  /** The row, `undefined` when there is none, DbRowCountError when there are several. */
  maybeOne<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** A script of several statements without parameters (migrations, test fixtures). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction and commits when it resolves, rolls back when it throws. On a
   * serialization failure or deadlock the whole function runs again (jittered backoff), so `fn`
   * must have no effects outside `tx`. Inside `fn`, use `tx` only: the outer handle throws there.
   * Called on a transaction handle it opens a savepoint instead.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /** Closes the pool or the embedded database; a second call does nothing. */
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** A postgres:// URL: use a postgres.js pool. Takes precedence over dataDir and memory. */
  url?: string | undefined;
  /** PGlite on disk in this folder (created when missing). */
  dataDir?: string | undefined;
  /** PGlite in memory, gone on close. */
  memory?: boolean | undefined;
  /** Every connection's search_path is set to this schema, created when missing. */
  schema?: string | undefined;
  /** Pool size for a PostgreSQL server; default 10. PGlite has one connection. */
  max?: number | undefined;
}
