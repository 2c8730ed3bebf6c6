import { join } from 'node:path';
import { nodeBackend } from '@tokenos/crypto-node';
import { type AccountRef, setSignatureBackend } from '@tokenos/protocol';
import type { Member } from '@tokenos/sdk';
import { loadServiceIdentity } from '@tokenos/sdk/node';
import { SiteStartUp, serveSite } from '@tokenos/web-kit';
import { createShopApp, type ShopState } from './app.ts';
import { linkMerchantAccount } from './bank-link.ts';
import { shopConfigFromEnv } from './config.ts';
import { deferredGateway, sdkGateway } from './gateway.ts';
import type { LoyaltyClub } from './loyalty.ts';
import { deferredMemberTokenGateway, sdkMemberTokenGateway } from './member-token-gateway.ts';
import { SavedPaymentStore } from './saved-payments.ts';
import { OrderStore, shopSessions } from './store.ts';
import { Subscriptions } from './subscriptions.ts';

// The demo shop as a process: listens first (the cloud fetches the domain proof from it), then
// registers or loads its member, verifies its domain, links its merchant account and becomes
// healthy. Keys and state in SHOP_DATA_DIR (default data/shop).
const config = shopConfigFromEnv(process.env);
const log = (m: string) => console.log(m);
setSignatureBackend(nodeBackend);
const state: ShopState = { ready: false, unavailable: 'The shop is still starting. Try again in a moment.' };
const site = new SiteStartUp({ config, state, log });
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
  sessions: shopSessions(),
  state,
  now: Date.now,
  loyalty,
  subscriptions: { subscriptions, saved, sellerReady: () => seller !== undefined },
});

serveSite(app, { config, env: process.env, defaultPort: 5174, log });

async function start(): Promise<void> {
  const identity = await site.identity({
    what: 'setting up the merchant member',
    stateFile: 'merchant.json',
  });
  const { domain } = site;
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
  await site.widget();

  const bank = config.bank;
  if (!bank) {
    state.unavailable = 'This shop has no bank account to be paid into (SHOP_BANK_URL=none).';
  } else if (!account) {
    account = await site.retry(`linking the merchant account at ${bank.url}`, () =>
      linkMerchantAccount({ bank, member: identity.member, walletOrigin: config.walletOrigin }),
    );
    await identity.save({ ...identity.state, account });
    log(`merchant account linked at bank ${account.bankId}`);
  }
  if (account) delete state.unavailable;
  site.ready(identity);
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
  const identity = await site.retry('setting up the marketplace seller', () =>
    loadServiceIdentity({
      client: site.client,
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
