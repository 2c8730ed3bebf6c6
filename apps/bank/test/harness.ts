import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import type { Db } from '@tokenos/db';
import { openTestDb } from '@tokenos/db/testing';
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
import { migrateBank } from '../src/migrations.ts';
import { FakeCloud, Network } from './fake-cloud.ts';
import { SoftPasskey } from './soft-authenticator.ts';

export const walletOrigin = 'http://localhost:5173';
/** Cheap scrypt for tests; the stored format carries its parameters, so verification is the real code. */
const testCost = { N: 1024, r: 8, p: 1 };

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
  const db = await openTestDb(`bank-${args.code}`);
  await migrateBank(db);
  const config = bankConfigFromEnv({
    BANK_NAME: args.name,
    BANK_CODE: args.code,
    PUBLIC_URL: args.origin,
    CLOUD_URL: world.cloud.origin,
    PEER_BANK_URLS: (args.peers ?? []).join(','),
    WALLET_ORIGINS: walletOrigin,
  });
  const random = (n: number) => new Uint8Array(randomBytes(n));
  await seedDemoBank(db, config, { randomBytes: random, cost: testCost });
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
    randomBytes: random,
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
  const page = await login.text();
  if (login.status !== 200) throw new Error(`POST /link/login: ${login.status} ${page}`);
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
    nonce: base64url(randomBytes(16)),
    issuer: args.payee.id,
    from: { memberId: args.payer.id },
    to: { memberId: args.payee.id },
    redeemer: args.payee.id,
    transfer: {
      amount: { value: args.amount, currency },
      description: 'Order 79262212',
      refId: 'order-79262212',
      source: { bankId: args.bankId, accountRef: args.accountRef },
    },
    conditions: { currency, singleUse: true, ...args.conditions },
    effectiveAt: world.clock.now - 1_000,
    expiresAt: world.clock.now + (args.expiresIn ?? 3_600_000),
  };
}

export async function endorse(
  world: World,
  user: User,
  tokenId: string,
  opts: { level?: KeyLevel; sca?: ScaEvidence | 'passkey' | 'exemption' } = {},
): Promise<Endorsement> {
  const signer = await user.member.signerFor(opts.level ?? 'STANDARD');
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
    nonce: base64url(randomBytes(16)),
    issuer: args.grantee.id,
    from: { memberId: args.grantor.id },
    to: { memberId: args.grantee.id },
    resources: args.resources,
    effectiveAt: world.clock.now - 1_000,
    expiresAt: world.clock.now + (args.expiresIn ?? 24 * 3_600_000),
  };
}

export { tokenIdOf };

/** Balances of every account, to show that a refused request moved nothing. */
export async function ledgerSnapshot(
  db: Db,
): Promise<{ balances: Record<string, bigint>; entries: bigint; transfers: bigint; cosignatures: bigint }> {
  const balances: Record<string, bigint> = {};
  for (const a of await db.query<{ account_id: bigint; balance: bigint }>(
    'select account_id, balance from accounts order by account_id',
  ))
    balances[String(a.account_id)] = a.balance;
  const count = async (table: string) =>
    (await db.one<{ n: bigint }>(`select count(*) as n from ${table}`)).n;
  return {
    balances,
    entries: await count('entries'),
    transfers: await count('transfers'),
    cosignatures: await count('cosignatures'),
  };
}

/** A customer account's balance by its name, in minor units. */
export async function balance(db: Db, username: string, accountName: string): Promise<bigint> {
  const row = await db.one<{ balance: bigint }>(
    'select a.balance from accounts a join customers c using (customer_id) where c.username = $1 and a.name = $2',
    [username, accountName],
  );
  return row.balance;
}
