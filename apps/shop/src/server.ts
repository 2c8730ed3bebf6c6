import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { nodeBackend } from '@tokenos/crypto-node';
import { type AccountRef, setSignatureBackend } from '@tokenos/protocol';
import { CloudClient, type Member } from '@tokenos/sdk';
import { loadServiceIdentity } from '@tokenos/sdk/node';
import { createShopApp, type ShopState } from './app.ts';
import { linkMerchantAccount } from './bank-link.ts';
import { shopConfigFromEnv } from './config.ts';
import { deferredGateway, sdkGateway } from './gateway.ts';
import type { LoyaltyClub } from './loyalty.ts';
import { deferredMemberTokenGateway, sdkMemberTokenGateway } from './member-token-gateway.ts';
import { SavedPaymentStore } from './saved-payments.ts';
import { OrderStore, SessionStore } from './store.ts';
import { Subscriptions } from './subscriptions.ts';

// The demo shop as a process: listens first (the cloud fetches the domain proof from it), then
// registers or loads its member, verifies its domain, links its merchant account and becomes
// healthy. Keys and state in SHOP_DATA_DIR (default data/shop).
const config = shopConfigFromEnv(process.env);
const log = (m: string) => console.log(m);
setSignatureBackend(nodeBackend);
const client = new CloudClient({ baseUrl: config.cloudUrl });
const state: ShopState = { ready: false, unavailable: 'The shop is still starting. Try again in a moment.' };
const gateway = deferredGateway();
const memberTokens = deferredMemberTokenGateway();
const saved = await SavedPaymentStore.open(join(config.dataDir, 'saved-payments.json'));
let seller: Member | undefined;
const subscriptions = new Subscriptions({
  shopName: config.name,
  publicUrl: config.publicUrl,
  gateway: memberTokens.gateway,
  saved,
  now: Date.now,
  unavailable: () => state.unavailable,
});
const loyalty: LoyaltyClub = { member: undefined, currency: 'EUR' };
const app = createShopApp({
  config,
  gateway: gateway.gateway,
  orders: await OrderStore.open(join(config.dataDir, 'orders.json')),
  sessions: new SessionStore(),
  state,
  now: Date.now,
  loyalty,
  subscriptions: { subscriptions, saved, sellerReady: () => seller !== undefined },
});

const port = Number(process.env.PORT ?? 5174);
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
  const identity = await retry('setting up the merchant member', () =>
    loadServiceIdentity({
      client,
      dataDir: config.dataDir,
      domain,
      publish: (document) => {
        state.domainProof = document;
      },
      log,
      stateFile: 'merchant.json',
    }),
  );
  let account: AccountRef | undefined = identity.state.account;
  loyalty.member = identity.member;
  gateway.set(
    sdkGateway({ member: identity.member, requester: { name: config.name, domain }, account: () => account }),
  );
  memberTokens.set(
    sdkMemberTokenGateway({
      member: identity.member,
      requester: { name: config.name, domain },
      account: () => account,
      seller: () => seller,
    }),
  );
  state.widgetIntegrity = await retry('reading the widget’s SRI hash from the cloud', widgetIntegrity);

  const bank = config.bank;
  if (!bank) {
    state.unavailable = 'This shop has no bank account to be paid into (SHOP_BANK_URL=none).';
  } else if (!account) {
    account = await retry(`linking the merchant account at ${bank.url}`, () =>
      linkMerchantAccount({ bank, member: identity.member, walletOrigin: config.walletOrigin }),
    );
    await identity.save({ ...identity.state, account });
    log(`merchant account linked at bank ${account.bankId}`);
  }
  if (account) delete state.unavailable;
  state.ready = true;
  log(
    `ready: member ${identity.member.id}, domain ${domain} ${identity.domainVerified ? 'verified' : 'NOT verified'}`,
  );
}

/**
 * The marketplace seller (issue 7, "a sub-merchant gets a derived token"): a second service
 * identity the shop runs, with its own keys and state under SHOP_DATA_DIR/seller. Its DOMAIN
 * alias is its own name; where that cannot be proved (development, one host) it works unverified,
 * as a sub-merchant needs no alias. Set up in the background: the shop does not wait for it.
 */
async function startSeller(): Promise<void> {
  const sellerDomain =
    process.env.SHOP_SELLER_DOMAIN ?? `seller.${new URL(config.publicUrl).hostname}.invalid`;
  const identity = await retry('setting up the marketplace seller', () =>
    loadServiceIdentity({
      client,
      dataDir: join(config.dataDir, 'seller'),
      domain: sellerDomain,
      publish: () => undefined,
      log: (m) => log(`seller: ${m}`),
    }),
  );
  seller = identity.member;
  log(`marketplace seller ready: member ${seller.id}`);
}

start().then(
  () => startSeller().catch((e: unknown) => console.error('the marketplace seller could not start:', e)),
  (e: unknown) => {
    console.error('the shop could not start:', e);
    process.exit(1);
  },
);

function shutdown(): void {
  server.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
