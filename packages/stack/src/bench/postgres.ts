import { randomBytes } from 'node:crypto';
import { type Db, openDb } from '@tokenos/db';

/** The server the benchmarks create their databases on: BENCH_DATABASE_URL, else DATABASE_URL, else local. */
export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.BENCH_DATABASE_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The URL without its password, for notes in the table. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  u.password = '';
  return `${u.host}`;
}

/**
 * A connection to the PostgreSQL server that creates and drops the benchmark's own databases
 * (`bench_<random>_<role>`), so a run never touches anyone's data and leaves nothing behind.
 */
export class PgServer {
  readonly url: string;
  readonly #admin: Db;
  readonly #created = new Set<string>();

  private constructor(url: string, admin: Db) {
    this.url = url;
    this.#admin = admin;
  }

  /** Connects, or answers the reason the server cannot be used (no server, refused, timeout). */
  static async connect(url: string, timeoutMs = 3_000): Promise<PgServer | { unavailable: string }> {
    let admin: Db | undefined;
    try {
      admin = await withTimeout(openDb({ url, max: 2 }), timeoutMs);
      const role = await withTimeout(
        admin.one<{ ok: boolean }>(
          'select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user',
        ),
        timeoutMs,
      );
      if (!role.ok) throw new Error('the role may not CREATE DATABASE');
      return new PgServer(url, admin);
    } catch (e) {
      await admin?.close().catch(() => {});
      return { unavailable: e instanceof Error ? e.message : String(e) };
    }
  }

  /** A fresh, empty database; its URL. */
  async createDatabase(role: string): Promise<{ name: string; url: string }> {
    const name = `bench_${randomBytes(5).toString('hex')}_${role}`;
    if (!/^[a-z0-9_]+$/.test(name)) throw new RangeError(`bad database name ${name}`);
    await this.#admin.query(`create database ${name}`);
    this.#created.add(name);
    const u = new URL(this.url);
    u.pathname = `/${name}`;
    return { name, url: u.href };
  }

  async dropDatabase(name: string): Promise<void> {
    if (!this.#created.has(name)) return;
    // WITH (FORCE), PostgreSQL 13+: a pool that has not quite let go does not keep it alive.
    await this.#admin.query(`drop database if exists ${name} with (force)`);
    this.#created.delete(name);
  }

  /** Committed transactions of a database so far (pg_stat_database; the statistics lag by up to half a second). */
  async commits(name: string): Promise<number> {
    const row = await this.#admin.maybeOne<{ n: string | bigint }>(
      'select xact_commit as n from pg_stat_database where datname = $1',
      [name],
    );
    return row ? Number(row.n) : Number.NaN;
  }

  /** The server processes (backends) serving connections to these databases now. */
  async backendPids(names: readonly string[]): Promise<number[]> {
    const rows = await this.#admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = any($1::text[])',
      [names],
    );
    return rows.map((r) => Number(r.pid));
  }

  /** A server setting, e.g. synchronous_commit. */
  async setting(name: string): Promise<string> {
    const row = await this.#admin.one<{ setting: string }>(
      'select setting from pg_settings where name = $1',
      [name],
    );
    return row.setting;
  }

  async close(): Promise<void> {
    for (const name of [...this.#created]) await this.dropDatabase(name).catch(() => {});
    await this.#admin.close();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
