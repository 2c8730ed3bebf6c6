// One reading of both engines' error shapes. postgres.js throws PostgresError with `code`,
// `constraint_name`, `table_name`, `column_name`; PGlite throws DatabaseError with `code`,
// `constraint`, `table`, `column`. Connection failures come from postgres.js as Node socket errors
// (ECONNREFUSED ...) or its own codes (CONNECTION_CLOSED ...), and from PGlite as "PGlite is closed".

/** The SQLSTATE and the objects it names, whichever engine raised it. */
export interface DbErrorInfo {
  code: string;
  message: string;
  constraint: string | undefined;
  table: string | undefined;
  column: string | undefined;
  detail: string | undefined;
}

// PostgreSQL Appendix A: SQLSTATE codes are five characters of digits and capital letters.
const SQLSTATE = /^[0-9A-Z]{5}$/;

function field(e: object, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = (e as Record<string, unknown>)[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** Wrapped errors still classify: the `cause` chain is followed a few steps. */
function* causes(e: unknown): Generator<object> {
  let current = e;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** The database error in `e` (or its causes), read the same way for both engines. */
export function dbErrorInfo(e: unknown): DbErrorInfo | undefined {
  for (const err of causes(e)) {
    const code = field(err, 'code');
    if (code === undefined || !SQLSTATE.test(code)) continue;
    return {
      code,
      message: field(err, 'message') ?? '',
      constraint: field(err, 'constraint_name', 'constraint'),
      table: field(err, 'table_name', 'table'),
      column: field(err, 'column_name', 'column'),
      detail: field(err, 'detail'),
    };
  }
  return undefined;
}

/** The SQLSTATE of a database error, `undefined` for anything else. */
export function sqlState(e: unknown): string | undefined {
  return dbErrorInfo(e)?.code;
}

/** 23505 unique_violation; with `constraint`, only a violation of that constraint. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const info = dbErrorInfo(e);
  if (info?.code !== '23505') return false;
  return constraint === undefined || info.constraint === constraint;
}

/** 40001 serialization_failure: a SERIALIZABLE or REPEATABLE READ transaction lost a race. */
export function isSerializationFailure(e: unknown): boolean {
  return sqlState(e) === '40001';
}

/** 40P01 deadlock_detected. */
export function isDeadlock(e: unknown): boolean {
  return sqlState(e) === '40P01';
}

// Node socket errors seen when the server is down, restarting or unreachable.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// postgres.js's own codes for a connection that closed, timed out or was shut by the pool.
const DRIVER_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now:
// what a restarting server says), 53300 too_many_connections.
const SERVER_CODES = /^(08...|57P0[123]|53300)$/;

/**
 * True when the database could not be reached or went away (restart, failover, pool closed), so a
 * service should answer 503 and the client may retry; false for errors in the query itself.
 */
export function isConnectionError(e: unknown): boolean {
  for (const err of causes(e)) {
    const code = field(err, 'code');
    if (code !== undefined && (SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_CODES.test(code))) {
      return true;
    }
    // PGlite's in-process connection has no code; it says this after close() began.
    const message = field(err, 'message');
    if (code === undefined && message !== undefined && /^PGlite is clos(ed|ing)$/.test(message)) return true;
  }
  return false;
}

/**
 * A transaction kept losing serialization races or deadlocks and was given up after `attempts`
 * runs. Nothing it did is committed; a service can answer 409 or 503 and let the client retry.
 */
export class DbConflictError extends Error {
  override readonly name = 'DbConflictError';
  readonly attempts: number;
  /** The SQLSTATE of the last failure: 40001 or 40P01. */
  readonly sqlState: string;

  constructor(attempts: number, cause: unknown) {
    const code = sqlState(cause) ?? 'unknown';
    super(`transaction gave up after ${attempts} attempts; last failure SQLSTATE ${code}`, { cause });
    this.attempts = attempts;
    this.sqlState = code;
  }
}

/** `one` or `maybeOne` got a number of rows it does not allow. */
export class DbRowCountError extends Error {
  override readonly name = 'DbRowCountError';
  readonly expected: 'exactly one' | 'at most one';
  readonly actual: number;

  constructor(expected: 'exactly one' | 'at most one', actual: number) {
    super(`expected ${expected} row, got ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}

export type MigrationErrorCode = 'ChecksumChanged' | 'DuplicateId' | 'BadFileName';

/**
 * Migrations refused: an applied migration was edited (checked before anything new is applied), an
 * id appears twice, or a file in a migrations folder is misnamed.
 */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code: MigrationErrorCode;
  readonly migrationId: string;

  constructor(code: MigrationErrorCode, migrationId: string, message: string) {
    super(message);
    this.code = code;
    this.migrationId = migrationId;
  }
}
