import { nodeBackend } from '@tokenos/crypto-node';
import { setSignatureBackend } from '@tokenos/protocol';
import { SiteStartUp, serveSite } from '@tokenos/web-kit';
import { type BudgetState, createBudgetApp } from './app.ts';
import { budgetConfigFromEnv } from './config.ts';
import { deferredGateway, sdkGateway } from './gateway.ts';
import { budgetSessions } from './sessions.ts';

// The demo budgeting app as a process: listens first (the cloud fetches the domain proof from
// it), then registers or loads its member, verifies its domain and becomes healthy. Keys and state
// in BUDGET_DATA_DIR (default data/budget).
const config = budgetConfigFromEnv(process.env);
const log = (m: string) => console.log(m);
setSignatureBackend(nodeBackend);
const state: BudgetState = { ready: false };
const site = new SiteStartUp({ config, state, log });
const gateway = deferredGateway();
const app = createBudgetApp({
  config,
  gateway: gateway.gateway,
  sessions: budgetSessions(),
  state,
  now: Date.now,
});

serveSite(app, { config, env: process.env, defaultPort: 5175, log });

async function start(): Promise<void> {
  const identity = await site.identity({ what: 'setting up the app’s member' });
  gateway.set(sdkGateway({ member: identity.member, requester: { name: config.name, domain: site.domain } }));
  await site.widget();
  site.ready(identity);
}

start().catch((e: unknown) => {
  console.error('the budgeting app could not start:', e);
  process.exit(1);
});
