import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Conn, Driver, TxConn } from './session.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';
import type { Isolation, Row } from './types.ts';
import { parsersByOid, serializersByOid, sessionSettings } from './values.ts';

// PGlite is PostgreSQL compiled to WASM, in-process, with one connection. It queues statements
// and transactions itself: a statement issued outside a running transaction waits for it to end.

/** The first failed statement in a transaction or savepoint; it fails the scope even if caught. */
interface Scope {
  failure: { error: unknown } | undefined;
}

function track<T>(scope: Scope, run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    scope.failure ??= { error };
    throw error;
  });
}

function txConn(tx: Transaction, scope: Scope, savepoints: { next: number }): TxConn {
  return {
    query: (sql, params) => track(scope, async () => (await tx.query<Row>(sql, params)).rows),
    exec: (sql) =>
      track(scope, async () => {
        await tx.exec(sql);
      }),
    async savepoint<T>(fn: (conn: TxConn) => Promise<T>): Promise<T> {
      const name = quoteIdent(`sp_${savepoints.next++}`);
      await track(scope, () => tx.exec(`SAVEPOINT ${name}`));
      const inner: Scope = { failure: undefined };
      let result: T;
      try {
        result = await fn(txConn(tx, inner, savepoints));
        if (inner.failure) throw inner.failure.error;
      } catch (error) {
        // Undo the savepoint's work and make the transaction usable again; if even that fails,
        // the whole transaction is lost, which the outer scope records.
        await track(scope, () => tx.exec(`ROLLBACK TO SAVEPOINT ${name}`));
        throw error;
      }
      await track(scope, () => tx.exec(`RELEASE SAVEPOINT ${name}`));
      return result;
    },
  };
}

export function settingsSql(schema: string | undefined): string {
  const sets = Object.entries(sessionSettings).map(([k, v]) => `SET ${k} TO ${quoteLiteral(v)};`);
  if (schema !== undefined) {
    sets.push(
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};`,
      `SET search_path TO ${quoteIdent(schema)};`,
    );
  }
  return sets.join('\n');
}

/** A PGlite instance on disk in `dataDir`, in memory, or in memory from a dumped data folder. */
export async function startPglite(options: {
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
}): Promise<PGlite> {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  return PGlite.create({
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}),
  });
}

export async function openPglite(options: {
  dataDir?: string | undefined;
  schema?: string | undefined;
}): Promise<Driver> {
  return pgliteDriver(await startPglite({ dataDir: options.dataDir }), options.schema);
}

/** Makes `pg` read and write values like the server pool does, and wraps it as a Driver. */
export async function pgliteDriver(pg: PGlite, schema: string | undefined): Promise<Driver> {
  // Installed after create(): PGlite builds its array parsers at the end of start-up and would
  // overwrite ours. PGlite serializes every parameter by the type the server describes for it.
  Object.assign(pg.parsers, parsersByOid());
  Object.assign(pg.serializers, serializersByOid());
  // One connection for the instance's life, so session settings made once hold for every statement.
  await pg.exec(settingsSql(schema));

  const root: Conn = {
    query: async (sql, params) => (await pg.query<Row>(sql, params)).rows,
    exec: async (sql) => {
      await pg.exec(sql);
    },
  };
  return {
    engine: 'pglite',
    root,
    begin<T>(isolation: Isolation | undefined, fn: (conn: TxConn) => Promise<T>): Promise<T> {
      // PGlite's transaction() sends BEGIN, holds its queue for us and rolls back when we throw.
      return pg.transaction(async (tx) => {
        // Must be the transaction's first statement. On one connection every level is in effect
        // serializable, since transactions never overlap, but SHOW transaction_isolation and
        // nested checks should read the same as on a server.
        if (isolation !== undefined)
          await tx.exec(`SET TRANSACTION ISOLATION LEVEL ${isolation.toUpperCase()}`);
        const scope: Scope = { failure: undefined };
        const result = await fn(txConn(tx, scope, { next: 1 }));
        if (scope.failure) throw scope.failure.error;
        return result;
      });
    },
    close: () => pg.close(),
  };
}
