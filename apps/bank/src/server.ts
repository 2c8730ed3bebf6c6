import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { nodeBackend } from '@tokenos/crypto-node';
import { openDb } from '@tokenos/db';
import { setSignatureBackend } from '@tokenos/protocol';
import { purgeNonces, runService } from '@tokenos/service-kit';
import { createBankApp } from './app.ts';
import { bankConfigFromEnv, defaultDataDir } from './config.ts';
import { demoCustomers, seedDemoBank } from './customers/seed.ts';
import type { BankDeps } from './deps.ts';
import { BankCloudClient } from './directory.ts';
import { fetchCloudKeys, loadBankMember } from './identity.ts';
import { PeerBanks } from './interbank/peers.ts';
import { migrateBank } from './migrations.ts';
import { retryCloudRevocations } from './online/cloud-revocation.ts';
import { purgeOnlineSessions } from './online/session.ts';

// A demo bank as a process. Iron Bank by default; Gold Bank is the same code with
// BANK_NAME="Gold Bank" BANK_CODE=GOLD PORT=4200. Its own database: PGlite in data/<bank>/pgdata,
// or PostgreSQL via BANK_DATABASE_URL; its keys and member id beside it in data/<bank>/.
const env = process.env;
const config = bankConfigFromEnv(env);
const log = (m: string) => console.log(`[${config.bankCode}] ${m}`);
setSignatureBackend(nodeBackend);
const dataDir = env.BANK_DATA_DIR ?? defaultDataDir(config.name);
const db = await openDb({
  url: env.BANK_DATABASE_URL,
  dataDir: join(dataDir, 'pgdata'),
  max: Number(env.DB_POOL ?? 10),
});
await migrateBank(db);
const random = (n: number) => new Uint8Array(randomBytes(n));
// BANK_DEMO_SCRYPT_N: a cheaper scrypt N for the seeded demo passwords only (the benchmarks sign in
// once per simulated wallet user); unset, the OWASP minimum of customers/passwords.ts.
const demoScryptN = env.BANK_DEMO_SCRYPT_N ? Number(env.BANK_DEMO_SCRYPT_N) : undefined;
if (demoScryptN !== undefined && !(Number.isInteger(Math.log2(demoScryptN)) && demoScryptN >= 1024))
  throw new RangeError(`BANK_DEMO_SCRYPT_N: expected a power of two >= 1024, got ${env.BANK_DEMO_SCRYPT_N}`);
const demoCost = demoScryptN === undefined ? {} : { cost: { N: demoScryptN, r: 8, p: 1 } };
if (await seedDemoBank(db, config, { randomBytes: random, ...demoCost })) log('seeded the demo customers');

// Every call to the cloud gives up after 5 s: a hung cloud makes the bank answer 503, not hang too.
const cloud = new BankCloudClient(
  {
    baseUrl: config.cloudUrl,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(5_000) }),
  },
  db,
);
// The cloud starts first under `npm start`, but give it a moment when started by hand.
let member: Awaited<ReturnType<typeof loadBankMember>> | undefined;
for (let attempt = 0; member === undefined; attempt++) {
  try {
    member = await loadBankMember(cloud, dataDir, log);
  } catch (e) {
    if (attempt >= 30) throw e;
    log(`waiting for the cloud at ${config.cloudUrl} (${e instanceof Error ? e.message : String(e)})`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
const cloudKeys = await fetchCloudKeys(cloud);
const peers = new PeerBanks(config.peerUrls);
const deps: BankDeps = {
  db,
  config,
  backend: nodeBackend,
  member,
  cloud,
  cloudKeys,
  peers,
  now: Date.now,
  randomBytes: random,
  fetch: globalThis.fetch.bind(globalThis),
};
const app = createBankApp(deps);

runService({
  fetch: app.fetch,
  port: Number(env.PORT ?? 4100),
  hostname: env.HOST ?? '127.0.0.1',
  onListening: () => {
    log(
      `${config.name} listening on ${config.publicUrl} (${db.engine}), member ${member.id}, cloud key ${cloudKeys.map((k) => k.keyId).join(', ')} pinned`,
    );
    log(`account linking: ${config.publicUrl}/link?member=<member id>&return=<wallet URL>&state=<state>`);
    log(
      `demo sign-ins: ${demoCustomers(config.bankCode)
        .map((c) => `${c.username} / ${c.password}`)
        .join(', ')}`,
    );
  },
  jobs: [
    { name: 'nonce purge', everyMs: 60_000, run: () => purgeNonces(db, Date.now()) },
    { name: 'online session purge', everyMs: 60_000, run: () => purgeOnlineSessions(db, Date.now()) },
    // Revocations made in online banking that the cloud has not confirmed yet.
    { name: 'revocations to the cloud', everyMs: 30_000, run: () => retryCloudRevocations(deps) },
  ],
  close: () => db.close(),
});
