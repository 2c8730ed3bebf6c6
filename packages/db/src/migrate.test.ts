import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError } from './errors.ts';
import { loadMigrations, migrate, migrationChecksum } from './migrate.ts';
import { openTestDb, type TestDb } from './testing.ts';

const m001 = { id: '001_items', sql: 'CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL);' };
// Not idempotent on purpose: applied twice, the insert would fail on the primary key.
const m002 = {
  id: '002_seed',
  sql: "INSERT INTO item VALUES (1, 'first');\nCREATE INDEX item_name ON item (name);",
};
const m003 = { id: '003_price', sql: 'ALTER TABLE item ADD COLUMN price_minor int8 NOT NULL DEFAULT 0;' };

let db: TestDb;
beforeEach(async () => {
  db = await openTestDb('migrate');
});
afterEach(async () => {
  await db.close();
});

const recorded = async (name: string) =>
  (
    await db.query<{ id: string }>('SELECT id FROM schema_migrations WHERE name = $1 ORDER BY id', [name])
  ).map((r) => r.id);

describe('migrate', () => {
  it('applies in order, records each with its checksum, and does nothing the second time', async () => {
    expect(await migrate(db, { name: 'app', migrations: [m001, m002] })).toEqual({
      applied: ['001_items', '002_seed'],
    });
    expect(await migrate(db, { name: 'app', migrations: [m001, m002, m003] })).toEqual({
      applied: ['003_price'],
    });
    expect(await migrate(db, { name: 'app', migrations: [m001, m002, m003] })).toEqual({ applied: [] });
    expect(await db.query('SELECT id, name, price_minor FROM item')).toEqual([
      { id: 1, name: 'first', price_minor: 0n },
    ]);
    const rows = await db.query<{ id: string; checksum: string; applied_at: Date }>(
      'SELECT id, checksum, applied_at FROM schema_migrations ORDER BY id',
    );
    expect(rows.map((r) => [r.id, r.checksum])).toEqual([
      ['001_items', migrationChecksum(m001.sql)],
      ['002_seed', migrationChecksum(m002.sql)],
      ['003_price', migrationChecksum(m003.sql)],
    ]);
    expect(rows.every((r) => r.applied_at instanceof Date)).toBe(true);
  });

  it('keeps sets with different names apart in one table', async () => {
    await migrate(db, { name: 'cloud', migrations: [m001] });
    const bank = { id: '001_items', sql: 'CREATE TABLE account (id int PRIMARY KEY);' };
    expect(await migrate(db, { name: 'bank', migrations: [bank] })).toEqual({ applied: ['001_items'] });
    expect([await recorded('cloud'), await recorded('bank')]).toEqual([['001_items'], ['001_items']]);
  });

  it('applies each migration exactly once when five processes migrate at the same moment', async () => {
    const handles = [db, ...(await Promise.all(Array.from({ length: 4 }, () => db.openSibling())))];
    const results = await Promise.all(
      handles.map((h) => migrate(h, { name: 'app', migrations: [m001, m002, m003] })),
    );
    expect(results.flatMap((r) => r.applied).sort()).toEqual(['001_items', '002_seed', '003_price']);
    expect(await db.one('SELECT count(*) AS n FROM item')).toEqual({ n: 1n });
    expect(await recorded('app')).toEqual(['001_items', '002_seed', '003_price']);
  });

  it('refuses to run when an applied migration changed, before applying anything new', async () => {
    await migrate(db, { name: 'app', migrations: [m001, m002] });
    const edited = { ...m002, sql: `${m002.sql}\n-- a harmless-looking comment` };
    const err = await migrate(db, { name: 'app', migrations: [m001, edited, m003] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err).toMatchObject({ code: 'ChecksumChanged', migrationId: '002_seed' });
    expect((err as Error).message).toContain(migrationChecksum(m002.sql));
    expect(await recorded('app')).toEqual(['001_items', '002_seed']);
    expect(
      await db.maybeOne(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'price_minor'",
      ),
    ).toBeUndefined();
  });

  it('treats CRLF line endings as the same migration', async () => {
    await migrate(db, { name: 'app', migrations: [m001, m002] });
    const crlf = { ...m002, sql: m002.sql.replaceAll('\n', '\r\n') };
    expect(await migrate(db, { name: 'app', migrations: [m001, crlf] })).toEqual({ applied: [] });
  });

  it('a failing migration leaves no trace, earlier ones stay applied', async () => {
    const broken = { id: '002_broken', sql: 'CREATE TABLE half (x int);\nSELECT no_such_column FROM item;' };
    await expect(migrate(db, { name: 'app', migrations: [m001, broken] })).rejects.toSatisfy(
      (e: unknown) => (e as { code?: string }).code === '42703',
    );
    expect(await recorded('app')).toEqual(['001_items']);
    expect(await db.one("SELECT to_regclass('half') IS NULL AS gone")).toEqual({ gone: true });
  });

  it('refuses duplicate ids and leaves applied ids it does not know alone', async () => {
    await expect(migrate(db, { name: 'app', migrations: [m001, m001] })).rejects.toMatchObject({
      code: 'DuplicateId',
      migrationId: '001_items',
    });
    await migrate(db, { name: 'app', migrations: [m001, m002] });
    // An older release that knows only 001 still starts after a newer one applied 002.
    expect(await migrate(db, { name: 'app', migrations: [m001] })).toEqual({ applied: [] });
  });
});

describe('loadMigrations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenos-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads NNN_name.sql files sorted by number, ignoring other files', async () => {
    await writeFile(join(dir, '010_later.sql'), 'SELECT 10;');
    await writeFile(join(dir, '002_second.sql'), 'SELECT 2;');
    await writeFile(join(dir, '1_first.sql'), 'SELECT 1;');
    await writeFile(join(dir, 'README.md'), 'not a migration');
    expect(await loadMigrations(dir)).toEqual([
      { id: '1_first', sql: 'SELECT 1;' },
      { id: '002_second', sql: 'SELECT 2;' },
      { id: '010_later', sql: 'SELECT 10;' },
    ]);
  });

  it('refuses an .sql file without a number and two files with the same number', async () => {
    await writeFile(join(dir, 'init.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toMatchObject({ code: 'BadFileName', migrationId: 'init.sql' });
    await rm(join(dir, 'init.sql'));
    await writeFile(join(dir, '001_a.sql'), 'SELECT 1;');
    await writeFile(join(dir, '1_b.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toMatchObject({ code: 'DuplicateId' });
  });

  it('feeds migrate directly', async () => {
    await writeFile(join(dir, '001_items.sql'), m001.sql);
    await writeFile(join(dir, '002_seed.sql'), m002.sql);
    expect(await migrate(db, { name: 'files', migrations: await loadMigrations(dir) })).toEqual({
      applied: ['001_items', '002_seed'],
    });
  });
});
