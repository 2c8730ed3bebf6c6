import { serve } from '@hono/node-server';
import { nodeBackend } from '@tokenos/crypto-node';
import { setSignatureBackend } from '@tokenos/protocol';
import { CloudClient } from '@tokenos/sdk';
import { loadServiceIdentity } from '@tokenos/sdk/node';
import { type BudgetState, createBudgetApp } from './app.ts';
import { budgetConfigFromEnv } from './config.ts';
import { deferredGateway, sdkGateway } from './gateway.ts';
import { SessionStore } from './sessions.ts';

// The demo budgeting app as a process: listens first (the cloud fetches the domain proof from
// it), then registers or loads its member, verifies its domain and becomes healthy. Keys and state
// in BUDGET_DATA_DIR (default data/budget).
const config = budgetConfigFromEnv(process.env);
const log = (m: string) => console.log(m);
setSignatureBackend(nodeBackend);
const client = new CloudClient({ baseUrl: config.cloudUrl });
const state: BudgetState = { ready: false };
const gateway = deferredGateway();
const app = createBudgetApp({
  config,
  gateway: gateway.gateway,
  sessions: new SessionStore(),
  state,
  now: Date.now,
});

const port = Number(process.env.PORT ?? 5175);
const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, () =>
  log(`${config.name} listening on ${config.publicUrl}`),
);

async function retry<T>(what: string, fn: () => Promise<T>, everyMs = 2_000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt === 1 || attempt % 10 === 0)
        log(`${what}: ${e instanceof Error ? e.message : String(e)}; retrying`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

async function widgetIntegrity(): Promise<string> {
  const res = await fetch(`${config.cloudUrl}/checkout/v1/sri.json`);
  if (!res.ok) throw new Error(`GET /checkout/v1/sri.json answered ${res.status}`);
  const { integrity } = (await res.json()) as { integrity?: unknown };
  if (typeof integrity !== 'string' || !integrity.startsWith('sha384-'))
    throw new Error('no sha384 integrity');
  return integrity;
}

async function start(): Promise<void> {
  await retry(`waiting for the cloud at ${config.cloudUrl}`, () => client.get('/health'));
  const domain = new URL(config.publicUrl).host;
  const identity = await retry('setting up the app’s member', () =>
    loadServiceIdentity({
      client,
      dataDir: config.dataDir,
      domain,
      publish: (document) => {
        state.domainProof = document;
      },
      log,
    }),
  );
  gateway.set(sdkGateway({ member: identity.member, requester: { name: config.name, domain } }));
  state.widgetIntegrity = await retry('reading the widget’s SRI hash from the cloud', widgetIntegrity);
  state.ready = true;
  log(
    `ready: member ${identity.member.id}, domain ${domain} ${identity.domainVerified ? 'verified' : 'NOT verified'}`,
  );
}

start().catch((e: unknown) => {
  console.error('the budgeting app could not start:', e);
  process.exit(1);
});

function shutdown(): void {
  server.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
