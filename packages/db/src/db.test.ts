import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DbConflictError,
  DbRowCountError,
  dbErrorInfo,
  isConnectionError,
  isDeadlock,
  isSerializationFailure,
  isUniqueViolation,
  openDb,
  sqlState,
} from './index.ts';
import { openTestDb, type TestDb } from './testing.ts';
import type { Db } from './types.ts';

// Runs on PGlite, or on the server named by DATABASE_URL (each file in its own schema). Cases that
// need two connections at once are skipped on PGlite, which has one.
const url = process.env.DATABASE_URL;
const onServer = url !== undefined && url !== '';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('db');
});
afterAll(async () => {
  await db?.close();
});

const raise = (condition: string) =>
  `DO $$ BEGIN RAISE EXCEPTION 'simulated ${condition}' USING ERRCODE = '${condition}'; END $$`;

const EVERY_TYPE = `CREATE TABLE every_type (
  id int4 PRIMARY KEY,
  i2 int2, i4 int4, i8 int8, num numeric(30, 4), f8 float8, flag boolean,
  t text, vc varchar(20), u uuid,
  ts timestamptz, tsl timestamp, d date,
  j jsonb, js json, bytes bytea,
  i8s int8[], texts text[], stamps timestamptz[], blobs bytea[], docs jsonb[],
  nothing text
)`;

const INSERT_EVERY_TYPE = `INSERT INTO every_type VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`;

const everyTypeParams = [
  1,
  -32768,
  2147483647,
  9223372036854775807n,
  '12345678901234567890.1234',
  0.1,
  true,
  'multi\nline \'quoted\' "text" ✓',
  'varchar',
  '6f1c7c1e-8d8f-4a4e-9b53-0c6b0e3a7d21',
  new Date('2024-05-06T07:08:09.123Z'),
  '2024-05-06 07:08:09.123',
  '2024-02-29',
  { nested: { list: [1, 'two', null, true] }, n: 1.5 },
  '{"kept":"as text"}',
  new Uint8Array([0, 1, 127, 128, 255]),
  [1n, -2n, null],
  ['a', 'b,c', 'd"e', 'NULL', null, ''],
  [new Date(0), null],
  [new Uint8Array([1, 2]), null],
  [{ a: 1 }, null],
  undefined,
];

// What every engine must return for the row above: one answer, not one per engine.
const everyTypeRow = {
  id: 1,
  i2: -32768,
  i4: 2147483647,
  i8: 9223372036854775807n,
  num: '12345678901234567890.1234',
  f8: 0.1,
  flag: true,
  t: 'multi\nline \'quoted\' "text" ✓',
  vc: 'varchar',
  u: '6f1c7c1e-8d8f-4a4e-9b53-0c6b0e3a7d21',
  ts: new Date('2024-05-06T07:08:09.123Z'),
  tsl: new Date('2024-05-06T07:08:09.123Z'),
  d: '2024-02-29',
  j: { n: 1.5, nested: { list: [1, 'two', null, true] } },
  js: { kept: 'as text' },
  bytes: new Uint8Array([0, 1, 127, 128, 255]),
  i8s: [1n, -2n, null],
  texts: ['a', 'b,c', 'd"e', 'NULL', null, ''],
  stamps: [new Date(0), null],
  blobs: [new Uint8Array([1, 2]), null],
  docs: [{ a: 1 }, null],
  nothing: null,
};

async function writeAndReadEveryType(target: Db): Promise<unknown> {
  await target.exec(EVERY_TYPE);
  await target.query(INSERT_EVERY_TYPE, everyTypeParams);
  return target.one('SELECT * FROM every_type WHERE id = $1', [1]);
}

describe('values', () => {
  it('round-trips every type to the same JS values', async () => {
    expect(await writeAndReadEveryType(db)).toStrictEqual(everyTypeRow);
    // Small int8 values are bigints too, and count(*) (int8) as well.
    expect(await db.one('SELECT 5::int8 AS small, count(*) AS n FROM every_type')).toStrictEqual({
      small: 5n,
      n: 1n,
    });
  });

  it.skipIf(!onServer)('PGlite and PostgreSQL return identical rows (needs DATABASE_URL)', async () => {
    const lite = await openDb({ memory: true });
    const server = await openTestDb('db-identical');
    try {
      const [a, b] = await Promise.all([writeAndReadEveryType(lite), writeAndReadEveryType(server)]);
      expect(a).toStrictEqual(b);
      const sql = `SELECT now() - now() AS zero_interval, '1.50'::numeric AS n, '{1,NULL}'::int4[] AS arr,
        'infinity'::timestamptz AS inf, to_char('2024-01-01'::timestamptz, 'TZ') AS zone`;
      expect(await lite.one(sql)).toStrictEqual(await server.one(sql));
    } finally {
      await Promise.all([lite.close(), server.close()]);
    }
  });

  it('refuses several statements in one query() on either engine, exec() runs them', async () => {
    await expect(db.query('SELECT 1; SELECT 2')).rejects.toThrow(/multiple commands/);
    await db.exec('CREATE TABLE script_a (x int); CREATE TABLE script_b (x int)');
    expect(await db.query("SELECT to_regclass('script_b') IS NOT NULL AS ok")).toEqual([{ ok: true }]);
  });

  it('one and maybeOne check the row count', async () => {
    await db.exec('CREATE TABLE counted (n int); INSERT INTO counted VALUES (1), (2)');
    expect(await db.one<{ n: number }>('SELECT n FROM counted WHERE n = $1', [1])).toEqual({ n: 1 });
    expect(await db.maybeOne('SELECT n FROM counted WHERE n = $1', [3])).toBeUndefined();
    await expect(db.one('SELECT n FROM counted WHERE n = $1', [3])).rejects.toMatchObject({
      name: 'DbRowCountError',
      expected: 'exactly one',
      actual: 0,
    });
    await expect(db.maybeOne('SELECT n FROM counted')).rejects.toBeInstanceOf(DbRowCountError);
  });
});

describe('transactions', () => {
  beforeAll(async () => {
    await db.exec('CREATE TABLE ledger (id serial PRIMARY KEY, note text NOT NULL UNIQUE)');
  });
  const notes = async (prefix: string) =>
    (
      await db.query<{ note: string }>('SELECT note FROM ledger WHERE note LIKE $1 ORDER BY id', [
        `${prefix}%`,
      ])
    ).map((r) => r.note);

  it('commits what the function did and returns its value (arrays too)', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['commit-1']);
      return [1, 2];
    });
    expect(value).toEqual([1, 2]);
    expect(await notes('commit-')).toEqual(['commit-1']);
  });

  it('rolls back everything when the function throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['rollback-1']);
        await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['rollback-2']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await notes('rollback-')).toEqual([]);
  });

  it('fails the transaction when a statement failed even if the function caught the error', async () => {
    await db.query('INSERT INTO ledger (note) VALUES ($1)', ['swallow-dup']);
    const err = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['swallow-1']);
        await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['swallow-dup']).catch(() => undefined);
        return 'pretends all is well';
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(await notes('swallow-')).toEqual(['swallow-dup']);
  });

  it('a nested transaction is a savepoint: its failure undoes only its own work', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['nest-outer-1']);
      await expect(
        tx.transaction(async (inner) => {
          await inner.query('INSERT INTO ledger (note) VALUES ($1)', ['nest-inner']);
          await inner.query('INSERT INTO ledger (note) VALUES ($1)', ['nest-outer-1']); // unique violation
        }),
      ).rejects.toSatisfy((e: unknown) => isUniqueViolation(e));
      await tx.transaction(async (inner) => {
        await inner.query('INSERT INTO ledger (note) VALUES ($1)', ['nest-inner-ok']);
      });
      await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['nest-outer-2']);
    });
    expect(await notes('nest-')).toEqual(['nest-outer-1', 'nest-inner-ok', 'nest-outer-2']);
  });

  it('runs at the isolation level asked for, and a savepoint cannot ask for a stronger one', async () => {
    const level = await db.transaction(
      async (tx) =>
        (await tx.one<{ transaction_isolation: string }>('SHOW transaction_isolation')).transaction_isolation,
      { isolation: 'serializable' },
    );
    expect(level).toBe('serializable');
    await expect(
      db.transaction(async (tx) => tx.transaction(async () => 1, { isolation: 'serializable' }), {
        isolation: 'read committed',
      }),
    ).rejects.toThrow(/asked for serializable but the enclosing transaction runs at read committed/);
    expect(
      await db.transaction(async (tx) => tx.transaction(async () => 'ok', { isolation: 'repeatable read' }), {
        isolation: 'serializable',
      }),
    ).toBe('ok');
    await expect(db.transaction(async () => 1, { isolation: 'chaos' as 'serializable' })).rejects.toThrow(
      RangeError,
    );
  });

  it('throws, instead of hanging or escaping the transaction, when the outer handle is used inside', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO ledger (note) VALUES ($1)', ['misuse-1']);
        await db.query('SELECT 1');
      }),
    ).rejects.toThrow(/use the transaction's handle \(tx\)/);
    await expect(db.transaction(async () => db.transaction(async () => 1))).rejects.toThrow(
      /inside a transaction/,
    );
    expect(await notes('misuse-')).toEqual([]);
    // Once the transaction has ended, the outer handle works again from the same async chain.
    await db.transaction(async () => undefined);
    expect(await db.one('SELECT 1 AS one')).toEqual({ one: 1 });
  });

  it('refuses a transaction handle used after its transaction ended, and close() on it', async () => {
    let kept: Db | undefined;
    await db.transaction(async (tx) => {
      kept = tx;
      await expect(tx.close()).rejects.toThrow(/transaction handle/);
    });
    await expect(kept?.query('SELECT 1')).rejects.toThrow(/after its transaction ended/);
  });

  it('retries the whole function on a serialization failure and keeps only the last run', async () => {
    let runs = 0;
    const result = await db.transaction(async (tx) => {
      runs++;
      await tx.query('INSERT INTO ledger (note) VALUES ($1)', [`retry-run-${runs}`]);
      if (runs < 3) await tx.exec(raise('serialization_failure'));
      return runs;
    });
    expect(result).toBe(3);
    expect(await notes('retry-run-')).toEqual(['retry-run-3']);
  });

  it('retries on deadlock too, and gives up with DbConflictError after maxAttempts', async () => {
    let runs = 0;
    const err = await db
      .transaction(
        async (tx) => {
          runs++;
          await tx.query('INSERT INTO ledger (note) VALUES ($1)', [`giveup-${runs}`]);
          await tx.exec(raise('deadlock_detected'));
        },
        { maxAttempts: 3 },
      )
      .catch((e: unknown) => e);
    expect(runs).toBe(3);
    expect(err).toBeInstanceOf(DbConflictError);
    expect(err).toMatchObject({ attempts: 3, sqlState: '40P01' });
    expect(isDeadlock((err as DbConflictError).cause)).toBe(true);
    expect(await notes('giveup-')).toEqual([]);
  });

  it('does not retry other errors', async () => {
    let runs = 0;
    await expect(
      db.transaction(async (tx) => {
        runs++;
        await tx.exec(raise('unique_violation'));
      }),
    ).rejects.toSatisfy((e: unknown) => isUniqueViolation(e));
    expect(runs).toBe(1);
  });
});

describe('concurrency', () => {
  beforeAll(async () => {
    await db.exec(`
      CREATE TABLE voucher (id text PRIMARY KEY, used boolean NOT NULL DEFAULT false);
      CREATE TABLE redemption (voucher text NOT NULL, attempt int NOT NULL);
      CREATE TABLE duty (doctor text PRIMARY KEY, on_call boolean NOT NULL);
    `);
  });

  it('a conditional UPDATE ... RETURNING run 50 times at once succeeds exactly once', async () => {
    await db.query('INSERT INTO voucher (id) VALUES ($1)', ['v-plain']);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        db.query('UPDATE voucher SET used = true WHERE id = $1 AND used = false RETURNING id', ['v-plain']),
      ),
    );
    expect(results.filter((rows) => rows.length === 1)).toHaveLength(1);
    expect(results.filter((rows) => rows.length === 0)).toHaveLength(49);
  });

  it('50 concurrent transactions redeem a voucher once, with the rest of their work rolled back', async () => {
    await db.query('INSERT INTO voucher (id) VALUES ($1)', ['v-tx']);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, attempt) =>
        db.transaction(async (tx) => {
          const won = await tx.query(
            'UPDATE voucher SET used = true WHERE id = $1 AND used = false RETURNING id',
            ['v-tx'],
          );
          await tx.query('INSERT INTO redemption (voucher, attempt) VALUES ($1, $2)', ['v-tx', attempt]);
          if (won.length === 0) throw new Error('already redeemed');
          return attempt;
        }),
      ).map((p) =>
        p.then(
          () => 'won' as const,
          () => 'lost' as const,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(await db.one('SELECT count(*) AS n FROM redemption WHERE voucher = $1', ['v-tx'])).toEqual({
      n: 1n,
    });
  });

  // Write skew, the example of PostgreSQL §13.2.3 and the SSI wiki: each doctor may go off call
  // only while someone else is on call. Both read "2 on call" before either writes.
  const resetDuty = () => db.exec("DELETE FROM duty; INSERT INTO duty VALUES ('alice', true), ('bob', true)");
  function goOffCall(isolation: 'read committed' | 'serializable', maxAttempts: number) {
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runs = { alice: 0, bob: 0 };
    const run = (doctor: 'alice' | 'bob') =>
      db.transaction(
        async (tx) => {
          runs[doctor]++;
          const { n } = await tx.one<{ n: bigint }>('SELECT count(*) AS n FROM duty WHERE on_call');
          if (runs[doctor] === 1) {
            // First run only: wait until both have read, so the conflict is real, not a matter of timing.
            if (++arrived === 2) release();
            await bothRead;
          }
          if (n < 2n) return 'stays';
          await tx.query('UPDATE duty SET on_call = false WHERE doctor = $1', [doctor]);
          return 'off';
        },
        { isolation, maxAttempts },
      );
    return { settled: Promise.allSettled([run('alice'), run('bob')]), runs };
  }
  const onCall = async () => (await db.one<{ n: bigint }>('SELECT count(*) AS n FROM duty WHERE on_call')).n;

  it.skipIf(!onServer)(
    'control: at read committed both go off call (the anomaly the next cases prevent)',
    async () => {
      await resetDuty();
      const { settled } = goOffCall('read committed', 10);
      expect((await settled).map((s) => s.status === 'fulfilled' && s.value)).toEqual(['off', 'off']);
      expect(await onCall()).toBe(0n);
    },
  );

  it.skipIf(!onServer)(
    'serializable + retry: a genuine 40001 is retried and both commit serially',
    async () => {
      await resetDuty();
      const { settled, runs } = goOffCall('serializable', 10);
      const values = (await settled).map((s) => (s.status === 'fulfilled' ? s.value : s.reason));
      expect(values.sort()).toEqual(['off', 'stays']);
      expect(runs.alice + runs.bob).toBeGreaterThanOrEqual(3);
      expect(await onCall()).toBe(1n);
    },
  );

  it.skipIf(!onServer)(
    'serializable without retry: one commits, the other fails cleanly with DbConflictError',
    async () => {
      await resetDuty();
      const { settled } = goOffCall('serializable', 1);
      const results = await settled;
      const failed = results.filter((s) => s.status === 'rejected');
      expect(results.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      expect(failed).toHaveLength(1);
      const reason: unknown = failed[0]?.status === 'rejected' ? failed[0].reason : undefined;
      expect(reason).toBeInstanceOf(DbConflictError);
      expect(reason).toMatchObject({ attempts: 1, sqlState: '40001' });
      expect(isSerializationFailure(reason)).toBe(true);
      expect(await onCall()).toBe(1n);
    },
  );

  it.skipIf(!onServer)('a genuine deadlock (40P01) is retried until both transactions commit', async () => {
    await db.exec("INSERT INTO voucher (id) VALUES ('dl-a'), ('dl-b')");
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    // Each locks one row, waits for the other to lock its row, then asks for the other's row.
    const lockBoth = (first: string, second: string) =>
      db.transaction(async (tx) => {
        const run = ++runs;
        await tx.query('UPDATE voucher SET used = NOT used WHERE id = $1', [first]);
        if (run <= 2) {
          if (++arrived === 2) release();
          await bothLocked;
        }
        await tx.query('UPDATE voucher SET used = NOT used WHERE id = $1', [second]);
      });
    await Promise.all([lockBoth('dl-a', 'dl-b'), lockBoth('dl-b', 'dl-a')]);
    expect(runs).toBe(3);
    // Both committed: each row flipped twice.
    expect(await db.query("SELECT used FROM voucher WHERE id IN ('dl-a', 'dl-b')")).toEqual([
      { used: false },
      { used: false },
    ]);
  });
});

describe('errors from the engines', () => {
  it('a unique violation names its constraint and table on either engine', async () => {
    await db.exec('CREATE TABLE member (id int PRIMARY KEY, email text, CONSTRAINT u_email UNIQUE (email))');
    await db.query('INSERT INTO member VALUES (1, $1)', ['a@b.c']);
    const err = await db.query('INSERT INTO member VALUES (2, $1)', ['a@b.c']).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, 'u_email')).toBe(true);
    expect(isUniqueViolation(err, 'member_pkey')).toBe(false);
    expect(dbErrorInfo(err)).toMatchObject({ code: '23505', constraint: 'u_email', table: 'member' });
    expect(isConnectionError(err)).toBe(false);
    const missing = await db.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(sqlState(missing)).toBe('42P01');
    expect(isConnectionError(missing)).toBe(false);
  });

  it('a closed PGlite reports a connection error', async () => {
    const lite = await openDb({ memory: true });
    await lite.close();
    await lite.close(); // idempotent
    const err = await lite.query('SELECT 1').catch((e: unknown) => e);
    expect(isConnectionError(err)).toBe(true);
  });

  it('an unreachable server reports a connection error', async () => {
    // Port 1 on localhost refuses at once; no server needed.
    const nowhere = await openDb({ url: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const err = await nowhere.query('SELECT 1').catch((e: unknown) => e);
      expect(isConnectionError(err)).toBe(true);
    } finally {
      await nowhere.close();
    }
  });

  it.skipIf(!onServer)(
    'a backend terminated mid-query (as in a restart) reports a connection error',
    async () => {
      const victim = await openDb({ url, max: 1 });
      const killer = await openDb({ url, max: 1 });
      try {
        const { pid } = await victim.one<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const sleeping = victim.query('SELECT pg_sleep(10)').catch((e: unknown) => e);
        // Wait until the sleep is running on the server before terminating its backend.
        for (let i = 0; i < 100; i++) {
          const row = await killer.maybeOne(
            "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep%'",
            [pid],
          );
          if (row) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
        expect(isConnectionError(await sleeping)).toBe(true);
        // postgres.js may hand the server's FATAL message to the next query as well; whatever fails
        // is a connection error, and the pool reconnects on its own within a couple of calls.
        let answer: unknown;
        for (let i = 0; i < 3 && answer === undefined; i++) {
          answer = await victim.one('SELECT 1 AS ok').catch((e: unknown) => {
            expect(isConnectionError(e)).toBe(true);
            return undefined;
          });
        }
        expect(answer).toEqual({ ok: 1 });
      } finally {
        await Promise.all([victim.close(), killer.close()]);
      }
    },
  );
});

describe('schema isolation', () => {
  it("two test databases never see each other's tables", async () => {
    const [a, b] = await Promise.all([openTestDb('iso-a'), openTestDb('iso-b')]);
    try {
      await a.exec('CREATE TABLE secret (x int); INSERT INTO secret VALUES (1)');
      const err = await b.query('SELECT * FROM secret').catch((e: unknown) => e);
      expect(sqlState(err)).toBe('42P01');
      // The same name can exist in both, independently.
      await b.exec('CREATE TABLE secret (x int); INSERT INTO secret VALUES (2)');
      expect(await a.query('SELECT x FROM secret')).toEqual([{ x: 1 }]);
      expect(await b.query('SELECT x FROM secret')).toEqual([{ x: 2 }]);
      if (onServer) expect(a.schema).not.toBe(b.schema);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it.skipIf(!onServer)('a test schema is dropped on close', async () => {
    const t = await openTestDb('dropped');
    const schema = t.schema;
    await t.exec('CREATE TABLE x (y int)');
    await t.close();
    expect(await db.maybeOne('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).toBeUndefined();
  });
});
