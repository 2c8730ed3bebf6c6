import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, openDbFromEnv } from './open.ts';

const url = process.env.DATABASE_URL;
const onServer = url !== undefined && url !== '';

describe('openDb options', () => {
  it('needs a url, a dataDir or memory: true, and refuses dataDir with memory', async () => {
    await expect(openDb({})).rejects.toThrow(/needs url, dataDir or memory: true/);
    await expect(openDb({ dataDir: '/tmp/x', memory: true })).rejects.toThrow(/not both/);
  });

  it('refuses a url that is not postgres:// without echoing it (it may hold a password)', async () => {
    const err = await openDb({ url: 'mysql://root:hunter2@db/app' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('refuses schema names that would need quoting or are reserved, and a bad pool size', async () => {
    for (const schema of ['Bank', 'a-b', 'x"; DROP SCHEMA public; --', '', 'pg_temp', 'a'.repeat(64)]) {
      await expect(openDb({ memory: true, schema }), schema).rejects.toThrow(RangeError);
    }
    await expect(openDb({ url: 'postgres://localhost/x', max: 0 })).rejects.toThrow(
      /max must be a positive integer/,
    );
  });
});

describe('PGlite', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenos-db-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('on disk: creates the folder and keeps data across close and reopen', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await openDb({ dataDir });
    expect(first.engine).toBe('pglite');
    await first.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.close();
    expect((await stat(dataDir)).isDirectory()).toBe(true);
    const second = await openDb({ dataDir });
    try {
      expect(await second.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await second.close();
    }
  });

  it('with a schema: creates it, puts new tables there, runs in UTC with ISO dates', async () => {
    const db = await openDb({ memory: true, schema: 'bank' });
    try {
      await db.exec('CREATE TABLE account (id int)');
      expect(await db.one('SELECT current_schema() AS s')).toEqual({ s: 'bank' });
      expect(
        await db.one("SELECT table_schema FROM information_schema.tables WHERE table_name = 'account'"),
      ).toEqual({
        table_schema: 'bank',
      });
      expect(
        await db.one("SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds"),
      ).toEqual({
        tz: 'UTC',
        ds: 'ISO, MDY',
      });
    } finally {
      await db.close();
    }
  });
});

describe('openDbFromEnv', () => {
  it('uses PGlite when the variable is unset or empty', async () => {
    for (const env of [{}, { DATABASE_URL: '' }]) {
      const db = await openDbFromEnv({ env, memory: true });
      expect(db.engine).toBe('pglite');
      await db.close();
    }
  });

  it.skipIf(!onServer)(
    'uses a PostgreSQL pool when the variable (or the one named) holds a URL',
    async () => {
      const viaDefault = await openDbFromEnv({ env: { DATABASE_URL: url }, memory: true });
      const viaNamed = await openDbFromEnv({
        env: { BANK_DATABASE_URL: url },
        envVar: 'BANK_DATABASE_URL',
        max: 2,
      });
      try {
        expect([viaDefault.engine, viaNamed.engine]).toEqual(['postgres', 'postgres']);
        expect(await viaNamed.one("SELECT current_setting('TimeZone') AS tz")).toEqual({ tz: 'UTC' });
      } finally {
        await Promise.all([viaDefault.close(), viaNamed.close()]);
      }
    },
  );
});
