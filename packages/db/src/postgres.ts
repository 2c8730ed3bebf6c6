import postgres from 'postgres';
import { sqlState } from './errors.ts';
import type { Conn, Driver, TxConn } from './session.ts';
import { quoteIdent } from './sql.ts';
import type { Isolation, Row } from './types.ts';
import { sessionSettings, typeHandlers } from './values.ts';

type Sql = postgres.Sql | postgres.TransactionSql;

// `simple: false` keeps a statement without parameters on the extended protocol, which (like
// PGlite's query()) refuses several statements in one string; postgres.js would otherwise switch
// to the simple protocol and accept them, and code tested on one engine would break on the other.
// postgres.js reads the option but does not declare it; db.test.ts checks it still takes effect.
// Prepared statements are cached per connection and reused, which saves a parse and plan per call.
const STATEMENT = { prepare: true, simple: false } as postgres.UnsafeQueryOptions;

/**
 * Every parameter goes out with type 0 (unspecified), so the server infers its type from the SQL
 * and postgres.js serializes it by that described type, as PGlite does. Left alone, postgres.js
 * declares a type from the JS value (a bigint is int8, an array takes its first element's type),
 * which makes `$1::int8[]` with [1n, 2n] fail with "cannot cast type bigint to bigint[]".
 */
function untyped(sql: Sql, params: unknown[]): postgres.ParameterOrJSON<never>[] {
  return params.map((p) => (p === null ? null : sql.typed(p, 0))) as postgres.ParameterOrJSON<never>[];
}

function conn(sql: Sql): Conn {
  return {
    // postgres.js arrays carry extra fields (count, command, columns); callers get plain rows.
    query: async (text, params) => Array.from(await sql.unsafe<Row[]>(text, untyped(sql, params), STATEMENT)),
    // No parameters: the simple protocol, which runs a script of several statements.
    exec: async (text) => {
      await sql.unsafe(text);
    },
  };
}

function txConn(sql: postgres.TransactionSql): TxConn {
  return {
    ...conn(sql),
    async savepoint<T>(fn: (conn: TxConn) => Promise<T>): Promise<T> {
      // postgres.js names, releases and rolls back to the savepoint, and like PGlite's path fails it
      // when a statement inside failed even if `fn` caught the error.
      const box = await sql.savepoint(async (inner) => ({ value: await fn(txConn(inner)) }));
      return box.value;
    },
  };
}

async function createSchema(sql: postgres.Sql, schema: string): Promise<void> {
  try {
    await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } catch (e) {
    // IF NOT EXISTS is not atomic: two processes creating it at once can still collide on the
    // catalog's unique index (23505) or on the name (42P06). Either way the schema now exists.
    const code = sqlState(e);
    if (code !== '23505' && code !== '42P06') throw e;
  }
}

export async function openPostgres(options: {
  url: string;
  schema?: string | undefined;
  max?: number | undefined;
}): Promise<Driver> {
  const max = options.max ?? 10;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  const types = Object.fromEntries(
    typeHandlers.map((h, i) => [
      `t${i}`,
      { to: h.oids[0] ?? 0, from: [...h.oids], parse: h.parse, serialize: h.serialize },
    ]),
  );
  const sql = postgres(options.url, {
    max,
    types,
    // Startup parameters apply to every connection the pool opens, including after a reconnect, so
    // no connection ever runs with another search_path or time zone.
    connection: {
      ...sessionSettings,
      ...(options.schema !== undefined ? { search_path: quoteIdent(options.schema) } : {}),
    },
    // When the server goes away, a caller should learn it in seconds (the service answers 503),
    // not wait: a connection attempt gives up after 5 s, and a closed connection reconnects after
    // 100 ms instead of postgres.js's default backoff, which grows to 20 s per connection after a
    // few failures and left requests hanging through a database restart (packages/stack/src/faults).
    connect_timeout: 5,
    backoff: () => 0.1,
    // NOTICEs (such as "schema already exists, skipping") would otherwise go to console.log.
    onnotice: () => {},
  });
  if (options.schema !== undefined) {
    try {
      await createSchema(sql, options.schema);
    } catch (e) {
      await sql.end({ timeout: 1 });
      throw e;
    }
  }
  return {
    engine: 'postgres',
    root: conn(sql),
    async begin<T>(isolation: Isolation | undefined, fn: (conn: TxConn) => Promise<T>): Promise<T> {
      // postgres.js awaits every element when the callback returns an array; the box keeps the
      // result as it is.
      const box = await sql.begin(
        isolation !== undefined ? `isolation level ${isolation}` : '',
        async (tx) => ({
          value: await fn(txConn(tx)),
        }),
      );
      return box.value;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
