import { nodeBackend } from '@tokenos/crypto-node';
import { setSignatureBackend } from '@tokenos/protocol';
import { PgServer } from '../bench/postgres.ts';

/**
 * The fault tests run several real processes against PostgreSQL: they need a server, named by
 * DATABASE_URL (`npm run test:faults`, which .ci/run calls when PostgreSQL answers). On the
 * embedded engine there is nothing to test: PGlite is one connection inside one process.
 */
export function needsPostgres(): string | undefined {
  return process.env.DATABASE_URL
    ? undefined
    : 'DATABASE_URL is unset (PGlite): these tests start real cloud and bank processes on PostgreSQL; run DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:faults';
}

/** A test title that says why it was skipped, so the skip is visible in the report. */
export function titled(title: string, skip: string | undefined): string {
  return skip ? `${title} (skipped: ${skip})` : title;
}

/** The server from DATABASE_URL, on which each stack creates its own databases and drops them. */
export async function connectServer(): Promise<PgServer> {
  // Clients sign with node:crypto, as the services do, so the test process is not the bottleneck.
  setSignatureBackend(nodeBackend);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is unset');
  const pg = await PgServer.connect(url);
  if (!(pg instanceof PgServer))
    throw new Error(`PostgreSQL at DATABASE_URL cannot be used: ${pg.unavailable}`);
  return pg;
}
