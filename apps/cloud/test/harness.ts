import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import type { Db } from '@tokenos/db';
import { openTestDb, type TestDb } from '@tokenos/db/testing';
import { setSignatureBackend } from '@tokenos/protocol';
import { CloudClient } from '@tokenos/sdk';
import { afterAll, beforeAll } from 'vitest';
import { createCloudApp } from '../src/app.ts';
import type { BankConnector } from '../src/banks/connector.ts';
import { loadCloudKey } from '../src/cloud-keys.ts';
import type { CloudConfig } from '../src/config.ts';
import type { CloudDeps } from '../src/deps.ts';
import { migrateCloud } from '../src/migrations.ts';

export interface TestCloud {
  deps: CloudDeps;
  db: TestDb;
  app: ReturnType<typeof createCloudApp>;
  /** An SDK client wired to the app through app.request(): no port, same code path as HTTP. */
  client: CloudClient;
  clock: { now: number };
  /** Banks the cloud can reach, by member id; tests add LedgerBank instances here. */
  banks: Map<string, BankConnector>;
  /** Run on close, before the database goes (test banks close their own databases here). */
  onClose: (() => Promise<void>)[];
  close(): Promise<void>;
}

export const testConfig: CloudConfig = {
  publicUrl: 'http://cloud.test',
  rpId: 'localhost',
  rpName: 'Token Wallet (test)',
  walletOrigins: ['http://localhost:5173'],
  localhostDomains: true,
  smsSender: 'none',
  maxBodyBytes: 65536,
};

/** A cloud on a fresh database: PGlite in memory, or a fresh schema on DATABASE_URL's server. */
export async function startTestCloud(): Promise<TestCloud> {
  setSignatureBackend(nodeBackend);
  const db = await openTestDb('cloud');
  await migrateCloud(db);
  const clock = { now: Date.now() };
  const random = (n: number) => new Uint8Array(randomBytes(n));
  const cloudKey = await loadCloudKey(db, nodeBackend, random);
  const banks = new Map<string, BankConnector>();
  const deps: CloudDeps = {
    db,
    backend: nodeBackend,
    config: testConfig,
    now: () => clock.now,
    randomBytes: random,
    cloudKey,
    banks: { connectorFor: (bankId) => banks.get(bankId) },
  };
  const app = createCloudApp(deps);
  const client = new CloudClient({
    baseUrl: testConfig.publicUrl,
    fetch: async (input, init) => app.request(input instanceof URL ? input.href : input, init),
    now: () => clock.now,
  });
  const onClose: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const fn of onClose.splice(0)) await fn();
    await db.close();
  };
  return { deps, db, app, client, clock, banks, onClose, close };
}

/** Rows per table: "nothing changed" is checked by comparing these before and after. */
export async function rowCounts(db: Db, tables: string[]): Promise<Record<string, bigint>> {
  const out: Record<string, bigint> = {};
  for (const t of tables) {
    const row = await db.one<{ n: bigint }>(`select count(*) as n from ${t}`);
    out[t] = row.n;
  }
  return out;
}

/**
 * One cloud per test file (members are independent, and starting a database is the slow part):
 * registers beforeAll/afterAll and returns the cloud, filled in before the first test runs.
 */
export function perFileCloud(): TestCloud {
  const holder = {} as TestCloud;
  beforeAll(async () => {
    Object.assign(holder, await startTestCloud());
  }, 120_000);
  afterAll(async () => {
    await holder.close();
  });
  return holder;
}

/** The ApiError/ProtocolError code a call failed with; fails the test if it succeeded. */
export async function failureCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (e) {
    if (e instanceof Error && 'code' in e) return String((e as { code: unknown }).code);
    throw e;
  }
  throw new Error('expected the call to fail');
}
