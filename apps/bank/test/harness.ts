import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import type { Db } from '@tokenos/db';
import {
  type AccessTokenPayload,
  type AccountLink,
  base64url,
  type Conditions,
  type Endorsement,
  type KeyLevel,
  type ScaEvidence,
  scaChallenge,
  setSignatureBackend,
  signObject,
  type TransferTokenPayload,
  tokenId as tokenIdOf,
} from '@tokenos/protocol';
import { Member, MemoryKeyStore } from '@tokenos/sdk';
import { decodeAccountLink, finishAccountLink } from '@tokenos/sdk/bank';
import { createBankApp } from '../src/app.ts';
import { bankConfigFromEnv } from '../src/config.ts';
import { demoCustomers, seedDemoBank } from '../src/customers/seed.ts';
import type { BankDeps } from '../src/deps.ts';
import { BankCloudClient } from '../src/directory.ts';
import { fetchCloudKeys } from '../src/identity.ts';
import { PeerBanks } from '../src/interbank/peers.ts';
import { openBankDb, testCost, testRandom } from './bank-db.ts';
import { FakeCloud, Network } from './fake-cloud.ts';
import { SoftPasskey } from './soft-authenticator.ts';

export const walletOrigin = 'http://localhost:5173';
export const ironBank = { name: 'Iron Bank', code: 'IRON', origin: 'http://iron.test' };
export const goldBank = { name: 'Gold Bank', code: 'GOLD', origin: 'http://gold.test' };

export interface World {
  net: Network;
  cloud: FakeCloud;
  clock: { now: number };
}

export function startWorld(): World {
  setSignatureBackend(nodeBackend);
  const clock = { now: Date.now() };
  const net = new Network();
  const cloud = new FakeCloud('http://cloud.test', () => clock.now);
  net.register(cloud.origin, cloud.app);
  return { net, cloud, clock };
}

export interface TestBank {
  origin: string;
  deps: BankDeps;
  db: Db;
  app: ReturnType<typeof createBankApp>;
  id: string;
  /** A connector call signed by the (fake) cloud. */
  call<T>(path: string, body: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startBank(
  world: World,
  args: { name: string; code: string; origin: string; peers?: string[] },
): Promise<TestBank> {
  const db = await openBankDb(`bank-${args.code}`);
  const config = bankConfigFromEnv({
    BANK_NAME: args.name,
    BANK_CODE: args.code,
    PUBLIC_URL: args.origin,
    CLOUD_URL: world.cloud.origin,
    PEER_BANK_URLS: (args.peers ?? []).join(','),
    WALLET_ORIGINS: walletOrigin,
  });
  await seedDemoBank(db, config, { randomBytes: testRandom, cost: testCost });
  const now = () => world.clock.now;
  const cloudClient = new BankCloudClient({ baseUrl: world.cloud.origin, fetch: world.net.fetch, now }, db);
  const member = await Member.create(cloudClient, new MemoryKeyStore());
  const deps: BankDeps = {
    db,
    config,
    backend: nodeBackend,
    member,
    cloud: cloudClient,
    cloudKeys: await fetchCloudKeys(cloudClient),
    peers: new PeerBanks(args.peers ?? [], { fetch: world.net.fetch, now }),
    now,
    randomBytes: testRandom,
    fetch: world.net.fetch,
  };
  const app = createBankApp(deps);
  world.net.register(args.origin, app);
  return {
    origin: args.origin,
    deps,
    db,
    app,
    id: member.id,
    call: (path, body) => world.cloud.call(world.net, args.origin, path, body),
    close: () => db.close(),
  };
}

export interface User {
  member: Member;
  passkey: SoftPasskey;
}

/** A wallet user: a member with LOW, STANDARD and PRIVILEGED keys and a passkey in its directory log. */
export async function newUser(world: World): Promise<User> {
  const member = await Member.create(world.cloud.client(world.net), new MemoryKeyStore());
  const passkey = new SoftPasskey({ memberId: member.id, createdAt: world.clock.now });
  await member.applyDirectoryAction({ kind: 'addPasskey', passkey: passkey.entry });
  return { member, passkey };
}

/** The whole consent journey through form posts: GET /link, sign in, choose accounts, confirm, finish. */
export async function linkAccounts(
  world: World,
  bank: TestBank,
  user: User,
  args: { username: string; accounts: string[]; state?: string; finish?: boolean },
): Promise<{ link: AccountLink; refs: Record<string, string>; location: URL }> {
  const state = args.state ?? base64url(randomBytes(16));
  const query = new URLSearchParams({
    member: user.member.id,
    return: `${walletOrigin}/banks/linked`,
    state,
  });
  const start = await bank.app.request(`/link?${query}`);
  if (start.status !== 200) throw new Error(`GET /link: ${start.status} ${await start.text()}`);
  const password =
    demoCustomers(bank.deps.config.bankCode).find((c) => c.username === args.username)?.password ?? '';
  const login = await bank.app.request('/link/login', {
    method: 'POST',
    body: new URLSearchParams({
      member: user.member.id,
      return: `${walletOrigin}/banks/linked`,
      state,
      username: args.username,
      password,
    }),
  });
  // Post/redirect/get: the sign-in answers 303 to the account choice, the session in a cookie.
  if (login.status !== 303) throw new Error(`POST /link/login: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const choice = await bank.app.request(login.headers.get('location') ?? '', { headers: { cookie } });
  const page = await choice.text();
  if (choice.status !== 200) throw new Error(`GET /link/accounts: ${choice.status} ${page}`);
  const session = /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const form = new URLSearchParams({ session, decision: 'allow' });
  for (const name of args.accounts) {
    const m = new RegExp(`value="([0-9]+)"> <strong>${name.replace(/[()]/g, '\\$&')}</strong>`).exec(page);
    if (!m) throw new Error(`no account ${name} on the consent page`);
    form.append('account', m[1]!);
  }
  const confirm = await bank.app.request('/link/confirm', { method: 'POST', body: form });
  if (confirm.status !== 303)
    throw new Error(`POST /link/confirm: ${confirm.status} ${await confirm.text()}`);
  const location = new URL(confirm.headers.get('location') ?? '');
  const link = decodeAccountLink(location.searchParams.get('link'));
  if (args.finish !== false)
    await finishAccountLink({ bankUrl: bank.origin, link, member: user.member, fetch: world.net.fetch });
  return { link, refs: Object.fromEntries(link.accounts.map((a) => [a.name, a.accountRef])), location };
}

export interface IronWorld {
  world: World;
  iron: TestBank;
  /** A wallet user who banks at Iron Bank as the demo customer `alice`. */
  alice: User;
}

/** A world with Iron Bank in it and alice, who has linked nothing yet. */
export async function ironWorld(opts: { peers?: string[] } = {}): Promise<IronWorld> {
  const world = startWorld();
  const iron = await startBank(world, { ...ironBank, peers: opts.peers ?? [] });
  return { world, iron, alice: await newUser(world) };
}

/**
 * The set-up most bank tests start from: Iron Bank, and alice with `accounts` linked (finished).
 * `refs` are her account references by account name.
 */
export async function linkedWorld(
  accounts: string[],
  opts: { peers?: string[] } = {},
): Promise<IronWorld & { refs: Record<string, string> }> {
  const started = await ironWorld(opts);
  try {
    const { refs } = await linkAccounts(started.world, started.iron, started.alice, {
      username: 'alice',
      accounts,
    });
    return { ...started, refs };
  } catch (e) {
    // The caller never gets the bank to close in its afterAll.
    await started.iron.close();
    throw e;
  }
}

/** A new wallet user who links one account of the demo customer `username` at `bank`. */
export async function linkedUser(
  world: World,
  bank: TestBank,
  args: { username: string; account: string },
): Promise<{ user: User; ref: string }> {
  const user = await newUser(world);
  const { refs } = await linkAccounts(world, bank, user, {
    username: args.username,
    accounts: [args.account],
  });
  const ref = refs[args.account];
  if (ref === undefined) throw new Error(`${args.account} was not linked`);
  return { user, ref };
}

/**
 * What every smart token carries besides its grant: a fresh nonce, its members and a validity
 * window from now. The recipient issues it, as a merchant or an app asking for a token does.
 */
function tokenEnvelope(world: World, from: Member, to: Member, expiresIn: number) {
  return {
    nonce: base64url(randomBytes(16)),
    issuer: to.id,
    from: { memberId: from.id },
    to: { memberId: to.id },
    effectiveAt: world.clock.now - 1_000,
    expiresAt: world.clock.now + expiresIn,
  };
}

export function transferPayload(
  world: World,
  args: {
    payer: Member;
    payee: Member;
    bankId: string;
    accountRef: string;
    amount: string;
    currency?: string;
    conditions?: Partial<Conditions>;
    expiresIn?: number;
  },
): TransferTokenPayload {
  const currency = (args.currency ?? 'EUR') as TransferTokenPayload['conditions']['currency'];
  return {
    type: 'TransferToken',
    version: 1,
    ...tokenEnvelope(world, args.payer, args.payee, args.expiresIn ?? 3_600_000),
    redeemer: args.payee.id,
    transfer: {
      amount: { value: args.amount, currency },
      description: 'Order 79262212',
      refId: 'order-79262212',
      source: { bankId: args.bankId, accountRef: args.accountRef },
    },
    conditions: { currency, singleUse: true, ...args.conditions },
  };
}

export async function endorse(
  world: World,
  user: User,
  tokenId: string,
  /** `keyId`: sign with this very key, usable or not; otherwise the least key enough for `level`. */
  opts: { level?: KeyLevel; keyId?: string; sca?: ScaEvidence | 'passkey' | 'exemption' } = {},
): Promise<Endorsement> {
  const signer =
    opts.keyId === undefined
      ? await user.member.signerFor(opts.level ?? 'STANDARD')
      : { ...(await user.member.keyStore.signer(user.member.id, opts.keyId)), keyId: opts.keyId };
  const sca: ScaEvidence =
    opts.sca === undefined || opts.sca === 'passkey'
      ? { method: 'passkey', assertion: user.passkey.assert(scaChallenge(tokenId)) }
      : opts.sca === 'exemption'
        ? { method: 'exemption', exemption: 'LowValue' }
        : opts.sca;
  return signObject(
    {
      type: 'Endorsement' as const,
      version: 1 as const,
      tokenId,
      signer: { memberId: user.member.id, keyId: signer.keyId },
      createdAt: world.clock.now,
      sca,
    },
    signer,
  );
}

export function accessPayload(
  world: World,
  args: { grantor: Member; grantee: Member; resources: AccessTokenPayload['resources']; expiresIn?: number },
): AccessTokenPayload {
  return {
    type: 'AccessToken',
    version: 1,
    ...tokenEnvelope(world, args.grantor, args.grantee, args.expiresIn ?? 24 * 3_600_000),
    resources: args.resources,
  };
}

export { tokenIdOf };
