import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from './sql.ts';
import { dropLeftoverTestSchemas, openTestDb, type TestDb } from './testing.ts';

const url = process.env.DATABASE_URL;
const onServer = url !== undefined && url !== '';

describe('openTestDb', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('Testing Helper!');
  });
  afterAll(async () => {
    await db.close();
  });

  it('is empty, and its sibling sees the same tables', async () => {
    expect(
      await db.query('SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()'),
    ).toEqual([]);
    await db.exec('CREATE TABLE shared (x int); INSERT INTO shared VALUES (42)');
    const sibling = await db.openSibling();
    expect(await sibling.query('SELECT x FROM shared')).toEqual([{ x: 42 }]);
    await sibling.close();
    // Closing a sibling leaves the test database usable.
    expect(await db.query('SELECT x FROM shared')).toEqual([{ x: 42 }]);
  });

  it.skipIf(!onServer)('names its schema after the test, its creation time and a random part', () => {
    expect(db.schema).toMatch(/^test_testing_helper_[0-9a-z]{8,9}_[0-9a-f]{8}$/);
  });

  it.skipIf(!onServer)('sweeps test schemas left over for more than an hour, and only those', async () => {
    const now = Date.now();
    const old = `test_crashed_${(now - 2 * 3600_000).toString(36)}_deadbeef`;
    const recent = `test_running_${(now - 60_000).toString(36)}_deadbeef`;
    const foreign = 'test_not_ours';
    for (const s of [old, recent, foreign]) await db.exec(`CREATE SCHEMA ${quoteIdent(s)}`);
    try {
      const dropped = await dropLeftoverTestSchemas(db, now);
      expect(dropped).toContain(old);
      expect(dropped).not.toContain(recent);
      const left = await db.query<{ nspname: string }>(
        'SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)',
        [[old, recent, foreign]],
      );
      expect(left.map((r) => r.nspname).sort()).toEqual([foreign, recent].sort());
    } finally {
      for (const s of [old, recent, foreign]) await db.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE`);
    }
  });
});
