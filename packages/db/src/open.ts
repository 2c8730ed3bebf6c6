import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { createDb, type Driver } from './session.ts';
import { assertValidSchemaName } from './sql.ts';
import type { Db, OpenDbOptions } from './types.ts';

/** The engine for `options`, without the shared Db layer (testing.ts shares one driver). */
export async function openDriver(options: OpenDbOptions): Promise<Driver> {
  if (options.schema !== undefined) assertValidSchemaName(options.schema);
  if (options.url !== undefined && options.url !== '') {
    if (!/^postgres(ql)?:\/\//.test(options.url)) {
      // Never echo the URL: it may hold a password.
      throw new RangeError('url must start with postgres:// or postgresql://');
    }
    return openPostgres({ url: options.url, schema: options.schema, max: options.max });
  }
  if (options.dataDir !== undefined && options.memory === true) {
    throw new RangeError('give dataDir or memory: true, not both');
  }
  // No silent fallback to memory: a server that lost its dataDir setting would lose its data on
  // restart without anyone noticing.
  if (options.dataDir === undefined && options.memory !== true) {
    throw new RangeError('openDb needs url, dataDir or memory: true');
  }
  return openPglite({ dataDir: options.dataDir, schema: options.schema });
}

/**
 * A PostgreSQL pool when `url` is given (a non-empty postgres:// URL), otherwise embedded PGlite
 * on disk in `dataDir` or in memory.
 */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  return createDb(await openDriver(options));
}

export interface OpenDbFromEnvOptions extends Omit<OpenDbOptions, 'url'> {
  /** The variable that holds the postgres:// URL; default DATABASE_URL. */
  envVar?: string;
  /** Defaults to process.env; tests pass their own. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * PostgreSQL when the environment names a server, else PGlite in `dataDir` (or memory): the
 * default for every service, so one binary runs embedded on a laptop and pooled in production.
 */
export function openDbFromEnv(options: OpenDbFromEnvOptions = {}): Promise<Db> {
  const { envVar = 'DATABASE_URL', env = process.env, ...rest } = options;
  return openDb({ ...rest, url: env[envVar] });
}
