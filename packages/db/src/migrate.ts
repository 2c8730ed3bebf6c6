import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrationError } from './errors.ts';
import type { Db } from './types.ts';

export interface Migration {
  /** Unique within its set and never reused, e.g. `001_init`. */
  id: string;
  sql: string;
}

export interface MigrateOptions {
  /** Which set this is (`cloud`, `bank`): several sets can share one schema_migrations table. */
  name: string;
  /** Applied in this order. */
  migrations: readonly Migration[];
}

export interface MigrateResult {
  /** Ids this call applied, in order; empty when another process (or an earlier start) had. */
  applied: string[];
}

/**
 * SHA-256 of the migration text with line endings normalised, so a checkout that turns LF into
 * CRLF does not look like an edited migration.
 */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replaceAll('\r\n', '\n')).digest('hex');
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text NOT NULL,
  id text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, id)
)`;

// Advisory locks are per database, so the key includes the schema: test schemas (and apps in their
// own schemas) migrate in parallel without waiting for each other. The two-key form lives in a
// different key space from single bigint keys, so it cannot collide with locks the apps take.
const LOCK_CLASS = 0x7db;

async function lock(tx: Db, key: string): Promise<void> {
  await tx.query(
    "SELECT pg_advisory_xact_lock($1::int4, hashtext(coalesce(current_schema(), '') || $2)::int4)",
    [LOCK_CLASS, `/${key}`],
  );
}

function checkApplied(id: string, applied: string, wanted: string): void {
  if (applied !== wanted) {
    throw new MigrationError(
      'ChecksumChanged',
      id,
      `migration ${id} was applied with checksum ${applied} but its text now has ${wanted}; ` +
        'applied migrations must not change: add a new migration instead',
    );
  }
}

/**
 * Applies the migrations not yet recorded for `name`, each in its own transaction together with
 * its row in schema_migrations, so a migration is either applied and recorded or neither. Safe
 * when several processes start at once: each migration runs under a transaction-scoped advisory
 * lock and is skipped by whoever gets the lock second. Refuses to do anything when the text of an
 * applied migration changed. Applied ids missing from `migrations` are left alone: a newer release
 * may have applied them while an older one still runs.
 */
export async function migrate(db: Db, options: MigrateOptions): Promise<MigrateResult> {
  const { name } = options;
  if (name === '') throw new RangeError('migrate needs a non-empty name');
  const seen = new Set<string>();
  for (const m of options.migrations) {
    if (seen.has(m.id)) throw new MigrationError('DuplicateId', m.id, `migration id ${m.id} appears twice`);
    seen.add(m.id);
  }
  const wanted = options.migrations.map((m) => ({ ...m, checksum: migrationChecksum(m.sql) }));

  // Concurrent CREATE TABLE IF NOT EXISTS can still fail on the catalog's unique index; the lock
  // makes the check and the creation one step.
  await db.transaction(
    async (tx) => {
      await lock(tx, '');
      await tx.exec(CREATE_TABLE);
    },
    { isolation: 'read committed' },
  );

  // Check every recorded checksum before changing anything.
  const recorded = new Map(
    (
      await db.query<{ id: string; checksum: string }>(
        'SELECT id, checksum FROM schema_migrations WHERE name = $1',
        [name],
      )
    ).map((r) => [r.id, r.checksum]),
  );
  for (const m of wanted) {
    const checksum = recorded.get(m.id);
    if (checksum !== undefined) checkApplied(m.id, checksum, m.checksum);
  }

  const applied: string[] = [];
  for (const m of wanted) {
    if (recorded.has(m.id)) continue;
    const ran = await db.transaction(
      async (tx) => {
        await lock(tx, name);
        // Read committed, so this statement sees what another process committed while we waited
        // for the lock (a repeatable read snapshot would have been taken before the wait).
        const row = await tx.maybeOne<{ checksum: string }>(
          'SELECT checksum FROM schema_migrations WHERE name = $1 AND id = $2',
          [name, m.id],
        );
        if (row) {
          checkApplied(m.id, row.checksum, m.checksum);
          return false;
        }
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (name, id, checksum) VALUES ($1, $2, $3)', [
          name,
          m.id,
          m.checksum,
        ]);
        return true;
      },
      { isolation: 'read committed' },
    );
    if (ran) applied.push(m.id);
  }
  return { applied };
}

const FILE_NAME = /^(\d+)_[A-Za-z0-9_-]+\.sql$/;

/**
 * The `NNN_name.sql` files in `dir`, sorted by their number, each with its file name (without
 * `.sql`) as id. Other files are ignored; an `.sql` file without a number, or two files with the
 * same number, is refused rather than applied in a surprising order.
 */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  const files: { id: string; n: number; file: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.toLowerCase().endsWith('.sql')) continue;
    const m = FILE_NAME.exec(entry.name);
    if (!m) {
      throw new MigrationError(
        'BadFileName',
        entry.name,
        `migration file ${entry.name} in ${dir} does not match NNN_name.sql`,
      );
    }
    files.push({ id: entry.name.slice(0, -'.sql'.length), n: Number(m[1]), file: entry.name });
  }
  files.sort((a, b) => a.n - b.n);
  for (let i = 1; i < files.length; i++) {
    const [prev, cur] = [files[i - 1], files[i]];
    if (prev && cur && prev.n === cur.n) {
      throw new MigrationError(
        'DuplicateId',
        cur.id,
        `migrations ${prev.file} and ${cur.file} share the number ${cur.n}`,
      );
    }
  }
  return Promise.all(files.map(async (f) => ({ id: f.id, sql: await readFile(join(dir, f.file), 'utf8') })));
}
