import { randomBytes } from 'node:crypto';
import { type AccountRef, base64url, type Money, scaChallenge } from '@tokenos/protocol';
import {
  accessTokenPayload,
  CloudClient,
  createToken,
  endorsementFor,
  endorseToken,
  Member,
  MemoryKeyStore,
  passkeyAssertionFromJSON,
  redeemToken,
  registerPasskey,
  transferTokenPayload,
} from '@tokenos/sdk';
import { decodeAccountLink, finishAccountLink } from '@tokenos/sdk/bank';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { walletOrigin } from './stack.ts';

/** A wallet user of the benchmark: its own member, keys and passkey, linked to a bank account. */
export interface Payer {
  member: Member;
  auth: SoftAuthenticator;
  credentialId: string;
  source: AccountRef;
}

export async function newMember(cloudUrl: string): Promise<Member> {
  return Member.create(new CloudClient({ baseUrl: cloudUrl }), new MemoryKeyStore());
}

/** A passkey registered with the cloud and added to the member's directory log. */
export async function withPasskey(
  member: Member,
): Promise<{ auth: SoftAuthenticator; credentialId: string }> {
  const auth = new SoftAuthenticator(walletOrigin);
  const { passkey } = await registerPasskey(member, (options) => auth.create(options));
  return { auth, credentialId: passkey.credentialId };
}

/**
 * Links a member to a bank customer's account the way a person does (apps/bank/test/harness.ts,
 * linkAccounts): sign in on the consent page, choose the account, confirm, then the wallet
 * finishes the link with a request signed by the member's STANDARD key.
 */
export async function linkAccount(
  bankUrl: string,
  member: Member,
  customer: { username: string; account: string },
): Promise<AccountRef> {
  const params = {
    member: member.id,
    return: `${walletOrigin}/banks/linked`,
    state: base64url(new Uint8Array(randomBytes(16))),
  };
  const login = await fetch(`${bankUrl}/link/login`, {
    method: 'POST',
    body: new URLSearchParams({
      ...params,
      username: customer.username,
      password: `${customer.username}-password`,
    }),
    redirect: 'manual',
  });
  // Post/redirect/get: the account choice is the page the sign-in redirects to, its session in a cookie.
  if (login.status !== 303)
    throw new Error(`POST /link/login: ${login.status} ${(await login.text()).slice(0, 300)}`);
  const choice = await fetch(new URL(login.headers.get('location') ?? '', bankUrl), {
    headers: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' },
  });
  const page = await choice.text();
  if (choice.status !== 200) throw new Error(`GET /link/accounts: ${choice.status} ${page.slice(0, 300)}`);
  const session = /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const name = customer.account.replace(/[()]/g, '\\$&');
  const account = new RegExp(`value="([0-9]+)">\\s*<strong>${name}</strong>`).exec(page)?.[1];
  if (!account) throw new Error(`no account ${customer.account} of ${customer.username} on the consent page`);
  const confirm = await fetch(`${bankUrl}/link/confirm`, {
    method: 'POST',
    body: new URLSearchParams({ session, decision: 'allow', account }),
    redirect: 'manual',
  });
  if (confirm.status !== 303)
    throw new Error(`POST /link/confirm: ${confirm.status} ${(await confirm.text()).slice(0, 300)}`);
  const location = new URL(confirm.headers.get('location') ?? '');
  const link = decodeAccountLink(location.searchParams.get('link'));
  await finishAccountLink({ bankUrl, link, member });
  const linked = link.accounts[0];
  if (!linked) throw new Error('the bank linked no account');
  return { bankId: link.bankId, accountRef: linked.accountRef };
}

/** Runs `task` for 0..n-1, at most `limit` at a time (sign-ins run scrypt on the bank's thread pool). */
export async function inParallel<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) out[i] = await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}

/** `count` payers, each with its own member and passkey, all linked to alice's Savings at the bank. */
export async function newPayers(cloudUrl: string, bankUrl: string, count: number): Promise<Payer[]> {
  return inParallel(count, 4, async () => {
    const member = await newMember(cloudUrl);
    const { auth, credentialId } = await withPasskey(member);
    const source = await linkAccount(bankUrl, member, { username: 'alice', account: 'Savings' });
    return { member, auth, credentialId, source };
  });
}

/** The SCA evidence for a token: an assertion of the payer's passkey over scaChallenge(tokenId) (PSD2 RTS Art. 5). */
export async function passkeySca(payer: Payer, tokenId: string) {
  const json = await payer.auth.get({ credentialId: payer.credentialId, challenge: scaChallenge(tokenId) });
  return { method: 'passkey' as const, assertion: passkeyAssertionFromJSON(json) };
}

let sequence = 0;
const run = base64url(new Uint8Array(randomBytes(6)));

/**
 * One whole payment, four signed HTTP calls' worth of work as a wallet and a shop do it: the payer
 * creates the token, endorses it with its STANDARD key and a passkey assertion (the cloud verifies,
 * then asks the payer's bank to verify again and co-sign), and the merchant redeems it (the bank
 * verifies everything once more and moves the money). Throws unless the money moved (ACSC).
 */
export async function pay(
  payer: Payer,
  merchant: { member: Member; account: AccountRef },
  amount: Money,
): Promise<void> {
  const n = ++sequence;
  const payload = transferTokenPayload(payer.member, {
    payee: merchant.member.id,
    amount,
    description: `Benchmark order ${n}`,
    refId: `bench-${run}-${n}`,
    source: payer.source,
  });
  const created = await createToken(payer.member, payload);
  const endorsement = await endorsementFor(
    payer.member,
    created.id,
    'STANDARD',
    await passkeySca(payer, created.id),
  );
  const token = await endorseToken(payer.member, created.id, endorsement);
  if (token.status !== 'valid') throw new Error(`token ${created.id} is ${token.status} after endorsement`);
  const transfer = await redeemToken(merchant.member, created.id, {
    amount,
    refId: `redeem-${run}-${n}`,
    destination: merchant.account,
  });
  if (transfer.status !== 'ACSC')
    throw new Error(`transfer ${transfer.id} is ${transfer.status} (${transfer.reason ?? 'no reason'})`);
}

/** A live access grant from `grantor` to `grantee` for the balance of the grantor's linked account. */
export async function grantBalances(grantor: Payer, grantee: Member): Promise<string> {
  const payload = accessTokenPayload(grantor.member, {
    grantee: grantee.id,
    resources: [{ type: 'account', account: grantor.source, scopes: ['balances'] }],
  });
  const created = await createToken(grantor.member, payload);
  const endorsement = await endorsementFor(
    grantor.member,
    created.id,
    'STANDARD',
    await passkeySca(grantor, created.id),
  );
  const token = await endorseToken(grantor.member, created.id, endorsement);
  if (token.status !== 'valid') throw new Error(`access token ${created.id} is ${token.status}`);
  return token.id;
}
