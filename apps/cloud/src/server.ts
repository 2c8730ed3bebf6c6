import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import { openDb } from '@tokenos/db';
import { fromBase64url, setSignatureBackend } from '@tokenos/protocol';
import { purgeIdempotencyKeys, purgeNonces, runService } from '@tokenos/service-kit';
import { codeTtlMs } from './aliases/routes.ts';
import { createCloudApp } from './app.ts';
import { BankRegistry, parseBankUrls } from './banks/registry.ts';
import { loadCloudKey } from './cloud-keys.ts';
import { configFromEnv } from './config.ts';
import { sweepUnclaimed } from './custody/sweep.ts';
import { smtpMailSender } from './delivery/mail-sender.ts';
import { outboxDelivery } from './delivery/outbox-delivery.ts';
import { smsToMailGateway } from './delivery/sms-sender.ts';
import { describeConvenience, devConveniencesOn } from './dev-conveniences.ts';
import { purgeSharedCounters } from './http/shared-limit.ts';
import { migrateCloud } from './migrations.ts';
import { personalDataKeysFromEnv } from './personal-data/keys.ts';

// The token cloud as a process: embedded PGlite in ./data/cloud by default, PostgreSQL when
// DATABASE_URL is set. Stateless apart from the database, so several can run side by side.
const env = process.env;
const config = configFromEnv(env);
setSignatureBackend(nodeBackend);
const db = await openDb({
  url: env.DATABASE_URL,
  dataDir: env.CLOUD_DATA_DIR ?? 'data/cloud',
  max: Number(env.DB_POOL ?? 20),
});
await migrateCloud(db);
const random = (n: number) => new Uint8Array(randomBytes(n));
const cloudKey = await loadCloudKey(
  db,
  nodeBackend,
  random,
  env.CLOUD_SIGNING_KEY ? fromBase64url(env.CLOUD_SIGNING_KEY) : undefined,
);
// BANK_URLS: the banks' base URLs; each says at /.well-known/tokenos-bank which member it is.
const banks = new BankRegistry({ urls: parseBankUrls(env.BANK_URLS), cloudKey, log: (m) => console.log(m) });
// One-time codes leave only by SMTP (and the SMS sender); the outbox table is their durable queue.
const mail = config.mail ? smtpMailSender(config.mail) : undefined;
if (!mail) console.warn('SMTP_URL is not set: one-time codes stay queued in the outbox, undelivered');
if (config.smsSender === 'none') console.warn('SMS_SENDER is not set: phone codes are not sent');
for (const convenience of devConveniencesOn(env))
  console.warn(`development convenience on: ${describeConvenience(convenience)}`);
const delivery = outboxDelivery({
  db,
  senders: {
    ...(mail ? { email: mail } : {}),
    ...(mail && config.smsSender === 'mail-gateway' ? { sms: smsToMailGateway(mail) } : {}),
  },
  now: Date.now,
  log: (line) => console.warn(line),
  maxAgeMs: codeTtlMs,
});
const app = createCloudApp({
  db,
  backend: nodeBackend,
  config,
  now: Date.now,
  randomBytes: random,
  cloudKey,
  banks,
  personalDataKeys: personalDataKeysFromEnv(env, random),
  outboxWritten: delivery.kick,
});

runService({
  fetch: app.fetch,
  port: Number(env.PORT ?? 4000),
  hostname: env.HOST ?? '127.0.0.1',
  onListening: () => {
    console.log(`cloud listening on ${config.publicUrl} (${db.engine})`);
    // Banks usually start after the cloud (they register as members first); unresolved ones are
    // looked up again when a request names them.
    void banks.refresh();
  },
  jobs: [
    { name: 'nonce purge', everyMs: 60_000, run: () => purgeNonces(db, Date.now()) },
    // Idempotency-Key answers past their 24 hours (reads already ignore them).
    { name: 'idempotency key purge', everyMs: 60 * 60_000, run: () => purgeIdempotencyKeys(db, Date.now()) },
    { name: 'rate counter purge', everyMs: 60 * 60_000, run: () => purgeSharedCounters(db, Date.now()) },
    // Members created on a user's behalf and never claimed: their data goes (issue 9).
    // Retries what could not be sent at once (the mail server was down); kick() covers the rest.
    { name: 'outbox delivery', everyMs: 2_000, run: delivery.run },
    { name: 'custody sweep', everyMs: 60_000, run: () => sweepUnclaimed({ db, now: Date.now }) },
  ],
  close: async () => {
    mail?.close();
    await db.close();
  },
});
