import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { openDriver } from './open.ts';
import { pgliteDriver, startPglite } from './pglite.ts';
import { createDb } from './session.ts';
import { quoteIdent } from './sql.ts';
import type { Db } from './types.ts';

export interface TestDb extends Db {
  /** The schema this database lives in on the server; `undefined` for PGlite in memory. */
  readonly schema: string | undefined;
  /**
   * A second handle on the same database, as a second process would open it: its own pool on the
   * server, the same instance on PGlite (which has one connection). Closed with the test db.
   */
  openSibling(): Promise<Db>;
}

export interface OpenTestDbOptions {
  /** Default process.env.DATABASE_URL. */
  url?: string | undefined;
  /** Pool size per handle on the server; default 5, so many parallel test files fit in max_connections. */
  max?: number;
}

// Creating a PGlite runs initdb, seconds of work; loading a copy of a fresh data folder skips it.
// The first test database of a process is created normally and its untouched data folder dumped
// (before anyone writes to it) as the template for the rest.
let template: Promise<Blob> | undefined;

async function freshPglite(): Promise<PGlite> {
  if (template === undefined) {
    const first = startPglite({});
    template = first.then((pg) => pg.dumpDataDir('none'));
    const pg = await first;
    await template;
    return pg;
  }
  return startPglite({ loadDataDir: await template });
}

// test_<name>_<creation time, base 36>_<random>: random, not a counter, because parallel test
// workers are separate processes sharing the server; the time lets a later run find leftovers.
const TEST_SCHEMA = /^test_[a-z0-9_]*_([0-9a-z]{8,9})_[0-9a-f]{8}$/;
const LEFTOVER_AFTER_MS = 60 * 60 * 1000;

function schemaFor(name: string, now: number): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  return `test_${slug}_${now.toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * Drops test schemas over an hour old: left behind by a run that crashed or never closed its test
 * databases, they would otherwise pile up on a shared server. openTestDb calls it once per process.
 */
export async function dropLeftoverTestSchemas(db: Db, now: number = Date.now()): Promise<string[]> {
  const rows = await db.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'test\\_%'",
  );
  const dropped: string[] = [];
  for (const { nspname } of rows) {
    const created = TEST_SCHEMA.exec(nspname)?.[1];
    if (created === undefined || now - Number.parseInt(created, 36) < LEFTOVER_AFTER_MS) continue;
    try {
      await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(nspname)} CASCADE`);
      dropped.push(nspname);
    } catch {
      // Another process sweeping the same schema at once; losing that race is fine.
    }
  }
  return dropped;
}

let swept = false;

/**
 * A fresh, empty database for one test file: PGlite in memory, or when DATABASE_URL is set a new
 * uniquely named schema on that server, dropped on close. Parallel test files never see each
 * other's tables.
 */
export async function openTestDb(name: string, options: OpenTestDbOptions = {}): Promise<TestDb> {
  const url = options.url ?? process.env.DATABASE_URL;
  const max = options.max ?? 5;
  if (url === undefined || url === '') {
    const driver = await pgliteDriver(await freshPglite(), undefined);
    const db = createDb(driver);
    return {
      ...db,
      schema: undefined,
      // Shares the driver (and so the misuse checks); closing the sibling leaves the instance open.
      openSibling: async () => createDb(driver, async () => {}),
    };
  }

  const now = Date.now();
  const schema = schemaFor(name, now);
  const db = createDb(await openDriver({ url, schema, max }));
  if (!swept) {
    swept = true;
    // Best effort: a failed sweep must not fail the test that happened to run it.
    await dropLeftoverTestSchemas(db, now).catch(() => undefined);
  }
  const siblings: Db[] = [];
  let closing: Promise<void> | undefined;
  const dropAndClose = async (): Promise<void> => {
    await Promise.all(siblings.map((s) => s.close()));
    try {
      await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    } finally {
      await db.close();
    }
  };
  return {
    ...db,
    schema,
    async openSibling(): Promise<Db> {
      const sibling = createDb(await openDriver({ url, schema, max }));
      siblings.push(sibling);
      return sibling;
    },
    close(): Promise<void> {
      closing ??= dropAndClose();
      return closing;
    },
  };
}
