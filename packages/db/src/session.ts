import { AsyncLocalStorage } from 'node:async_hooks';
import { DbRowCountError } from './errors.ts';
import { DEFAULT_MAX_ATTEMPTS, retryConflicts } from './retry.ts';
import type { Db, Engine, Isolation, Row, TransactionOptions } from './types.ts';
import { normalizeParams } from './values.ts';

// The engine-specific part is small (pglite.ts, postgres.ts): run a statement, run a script, open
// a transaction or a savepoint on one connection. Everything callers rely on (parameter handling,
// row-count helpers, retries, misuse checks) is here, once, so both engines behave alike.

/** A connection, or a pool that picks one per statement. */
export interface Conn {
  query(sql: string, params: unknown[]): Promise<Row[]>;
  exec(sql: string): Promise<void>;
}

/** A connection inside an open transaction. */
export interface TxConn extends Conn {
  /**
   * Runs `fn` inside a savepoint: released when it resolves, rolled back to when it throws. A
   * statement that failed inside `fn` fails the savepoint even if `fn` caught the error, because
   * PostgreSQL aborts the transaction (or savepoint) at the first failed statement either way.
   */
  savepoint<T>(fn: (conn: TxConn) => Promise<T>): Promise<T>;
}

export interface Driver {
  readonly engine: Engine;
  readonly root: Conn;
  /**
   * BEGIN [ISOLATION LEVEL ...] on one connection, `fn`, COMMIT; ROLLBACK and rethrow when it
   * throws or when a statement inside failed (the same rule as savepoint).
   */
  begin<T>(isolation: Isolation | undefined, fn: (conn: TxConn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const ISOLATION_RANK: Readonly<Record<string, number>> = {
  'read uncommitted': 0, // PostgreSQL runs it as read committed
  'read committed': 0,
  'repeatable read': 1,
  serializable: 2,
};

function assertIsolation(isolation: unknown): asserts isolation is Isolation | undefined {
  if (isolation === undefined) return;
  if (typeof isolation !== 'string' || !(isolation in ISOLATION_RANK) || isolation === 'read uncommitted') {
    throw new RangeError(
      `isolation must be 'read committed', 'repeatable read' or 'serializable', got ${String(isolation)}`,
    );
  }
}

// Which transactions the current async call chain is inside. On PGlite, a query on the outer
// handle while its transaction is open waits for that transaction to end, which waits for the
// query: a silent hang. On PostgreSQL it runs on another connection, outside the transaction,
// and can deadlock against the transaction's own row locks. Both are bugs, so both throw.
interface Frame {
  readonly owner: Driver;
  active: boolean;
  readonly parent: Frame | undefined;
}
const frames = new AsyncLocalStorage<Frame>();

function assertNotInTransaction(owner: Driver, method: string): void {
  for (let f = frames.getStore(); f; f = f.parent) {
    if (f.owner === owner && f.active) {
      throw new Error(
        `db.${method}() was called inside a transaction on the same database; use the transaction's ` +
          'handle (tx) there. On PGlite this call would wait for the transaction forever.',
      );
    }
  }
}

function rowHelpers(query: Db['query']): Pick<Db, 'one' | 'maybeOne'> {
  return {
    async one<T = Row>(sql: string, params?: readonly unknown[]): Promise<T> {
      const rows = await query<T>(sql, params);
      const [row] = rows;
      if (rows.length !== 1 || row === undefined) throw new DbRowCountError('exactly one', rows.length);
      return row;
    },
    async maybeOne<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
      const rows = await query<T>(sql, params);
      if (rows.length > 1) throw new DbRowCountError('at most one', rows.length);
      return rows[0];
    },
  };
}

async function runInFrame<T>(driver: Driver, conn: TxConn, fn: (tx: Db) => Promise<T>): Promise<T> {
  const frame: Frame = { owner: driver, active: true, parent: frames.getStore() };
  const tx = transactionDb(driver, conn, frame);
  try {
    return await frames.run(frame, () => fn(tx));
  } finally {
    // Code that keeps `tx` (or a callback started inside) past the end must not reach the
    // connection, which postgres.js has handed to someone else by then.
    frame.active = false;
  }
}

function transactionDb(driver: Driver, conn: TxConn, frame: Frame): Db {
  const assertOpen = (method: string): void => {
    if (!frame.active) throw new Error(`tx.${method}() was called after its transaction ended`);
  };
  const query = async <T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    assertOpen('query');
    return (await conn.query(sql, normalizeParams(params))) as T[];
  };
  return {
    engine: driver.engine,
    query,
    ...rowHelpers(query),
    async exec(sql: string): Promise<void> {
      assertOpen('exec');
      await conn.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>, opts?: TransactionOptions): Promise<T> {
      assertOpen('transaction');
      assertIsolation(opts?.isolation);
      if (opts?.isolation !== undefined) {
        // A savepoint cannot change the isolation level; refuse rather than silently run weaker.
        const row = (await conn.query('SHOW transaction_isolation', []))[0];
        const current = String(row?.transaction_isolation);
        if ((ISOLATION_RANK[current] ?? 0) < (ISOLATION_RANK[opts.isolation] ?? 0)) {
          throw new Error(
            `nested transaction asked for ${opts.isolation} but the enclosing transaction runs at ${current}`,
          );
        }
      }
      return conn.savepoint((inner) => runInFrame(driver, inner, fn));
    },
    async close(): Promise<void> {
      throw new Error('close() was called on a transaction handle; close the database instead');
    },
  };
}

/**
 * The Db for a driver: the shared behaviour of both engines. `close` defaults to closing the
 * driver; a second handle on a shared driver (testing.ts) passes its own.
 */
export function createDb(driver: Driver, close: () => Promise<void> = () => driver.close()): Db {
  let closing: Promise<void> | undefined;
  const query = async <T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    assertNotInTransaction(driver, 'query');
    return (await driver.root.query(sql, normalizeParams(params))) as T[];
  };
  return {
    engine: driver.engine,
    query,
    ...rowHelpers(query),
    async exec(sql: string): Promise<void> {
      assertNotInTransaction(driver, 'exec');
      await driver.root.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>, opts?: TransactionOptions): Promise<T> {
      assertNotInTransaction(driver, 'transaction');
      assertIsolation(opts?.isolation);
      const isolation = opts?.isolation;
      return retryConflicts(
        () => driver.begin(isolation, (conn) => runInFrame(driver, conn, fn)),
        opts?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      );
    },
    close(): Promise<void> {
      closing ??= close();
      return closing;
    },
  };
}
