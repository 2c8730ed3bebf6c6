import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDb } from '@tokenos/db';
import { closedLoop } from './load.ts';
import { freshPgliteDir } from './pglite-template.ts';
import { benchServerUrl, displayUrl, PgServer } from './postgres.ts';
import type { BenchRow, BenchSection } from './types.ts';

/** Callers kept busy at once: the cloud's default pool (DB_POOL=20). */
const callers = 20;

/** Figure names, also read by the payment bound (bench/payment-cost.ts). */
export const engineFigures = {
  pgliteWrites: `PGlite: BEGIN; INSERT; UPDATE; COMMIT, ${callers} callers`,
  pgliteReads: `PGlite: SELECT by primary key, ${callers} callers`,
  pgWrites: `PostgreSQL: BEGIN; INSERT; UPDATE; COMMIT, ${callers} connections`,
  pgReads: `PostgreSQL: SELECT by primary key, ${callers} connections`,
} as const;

async function measure(db: Db, durationMs: number): Promise<{ writes: number; reads: number }> {
  await db.exec(`
    create table bench_rows (id bigserial primary key, caller int not null, payload text not null,
                             created_at timestamptz not null default now());
    create table bench_counters (caller int primary key, n bigint not null default 0, updated_at timestamptz);
    insert into bench_counters (caller) select generate_series(0, ${callers - 1});`);
  // Each caller its own counter row, so this measures the engine, not lock waits.
  const write = (caller: number) =>
    db.transaction(async (tx) => {
      await tx.query('insert into bench_rows (caller, payload) values ($1, $2)', [caller, 'x'.repeat(200)]);
      await tx.query('update bench_counters set n = n + 1, updated_at = now() where caller = $1', [caller]);
    });
  const read = async (caller: number) => {
    await db.one('select n from bench_counters where caller = $1', [caller]);
  };
  // At least a second: a quarter second of 20 callers says more about the warm-up than the engine.
  const window = Math.max(durationMs, 1_000);
  const options = { clients: callers, warmupMs: Math.max(window / 10, 200), durationMs: window };
  const w = await closedLoop(write, options);
  const r = await closedLoop(read, options);
  if (w.errors + r.errors > 0) throw new Error(`engine benchmark failed: ${w.firstError ?? r.firstError}`);
  return { writes: w.completed / w.seconds, reads: r.completed / r.seconds };
}

/**
 * The database engines on their own: small write transactions and primary-key reads, 20 at a
 * time. These price the database work of one payment (bench/payment-cost.ts). PGlite on disk in a
 * temporary folder, as the cloud runs it; PostgreSQL in a fresh database dropped afterwards.
 */
export const engineSection: BenchSection = {
  name: 'database engines (20 callers)',
  async run(context) {
    const rows: BenchRow[] = [];
    const dir = await mkdtemp(join(tmpdir(), 'tokenos-bench-pglite-'));
    try {
      await freshPgliteDir(join(dir, 'pgdata'));
      const db = await openDb({ dataDir: join(dir, 'pgdata') });
      try {
        const r = await measure(db, context.durationMs);
        rows.push(
          { figure: engineFigures.pgliteWrites, value: r.writes, note: 'on disk, one connection' },
          { figure: engineFigures.pgliteReads, value: r.reads },
        );
      } finally {
        await db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const url = benchServerUrl();
    const pg = await PgServer.connect(url);
    if (!(pg instanceof PgServer)) {
      const note = `skipped: no PostgreSQL at ${displayUrl(url)} (${pg.unavailable})`;
      rows.push(
        { figure: engineFigures.pgWrites, value: Number.NaN, note },
        { figure: engineFigures.pgReads, value: Number.NaN, note },
      );
      return rows;
    }
    try {
      const created = await pg.createDatabase('engine');
      const db = await openDb({ url: created.url, max: callers });
      try {
        const r = await measure(db, context.durationMs);
        rows.push(
          {
            figure: engineFigures.pgWrites,
            value: r.writes,
            baseline: engineFigures.pgliteWrites,
            note: `${displayUrl(url)}, synchronous_commit ${await pg.setting('synchronous_commit')}`,
          },
          { figure: engineFigures.pgReads, value: r.reads, baseline: engineFigures.pgliteReads },
        );
      } finally {
        await db.close();
      }
    } catch (e) {
      const note = `not measured: ${e instanceof Error ? e.message : String(e)}`;
      rows.push(
        { figure: engineFigures.pgWrites, value: Number.NaN, note },
        { figure: engineFigures.pgReads, value: Number.NaN, note },
      );
    } finally {
      await pg.close();
    }
    return rows;
  },
};
