import { type AccessTokenPayload, signObject } from '@tokenos/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ibansOf } from '../../test/bank-db.ts';
import {
  accessPayload,
  endorse,
  linkedWorld,
  newUser,
  type TestBank,
  tokenIdOf,
  type User,
  type World,
} from '../../test/harness.ts';
import { expectApiError } from '../../test/refusals.ts';
import { resolveAccountRef } from '../link/store.ts';
import { retryCloudRevocations } from './cloud-revocation.ts';

let world: World;
let iron: TestBank;
let alice: User;
let budget: User;
let refs: Record<string, string>;

beforeAll(async () => {
  ({ world, iron, alice, refs } = await linkedWorld(['Current account', 'Savings']));
  budget = await newUser(world);
});

afterAll(() => iron?.close());

beforeEach(() => world.cloud.tellTheTruth());

/** A browser at the bank: it sends the bank's own Origin on form posts and keeps the session cookie. */
function browser() {
  let cookie = '';
  const origin = iron.origin;
  return {
    async get(path: string): Promise<Response> {
      return iron.app.request(path, { headers: { cookie, 'accept-language': 'en-GB' } });
    },
    async post(
      path: string,
      form: Record<string, string> = {},
      headers: Record<string, string> = { origin },
    ) {
      const res = await iron.app.request(path, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { cookie, ...headers },
      });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? '';
      return res;
    },
  };
}

async function signedIn(username = 'alice') {
  const b = browser();
  const res = await b.post('/sign-in', { username, password: `${username}-password` });
  expect(res.status).toBe(303);
  return b;
}

/** An access grant from alice to the budget app on her current account, with the app's signed request. */
async function budgetGrant(): Promise<{
  tokenId: string;
  payload: AccessTokenPayload;
  endorsement: unknown;
}> {
  const signer = await budget.member.signerFor('LOW');
  const now = world.clock.now;
  const request = await signObject(
    {
      type: 'TokenRequest' as const,
      version: 1 as const,
      nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
      signer: { memberId: budget.member.id, keyId: signer.keyId },
      createdAt: now,
      expiresAt: now + 60_000,
      body: { kind: 'access' as const, scopes: ['balances' as const], days: 30 },
      requester: { name: 'Budget Buddy', domain: 'budget.example' },
      returnOrigin: 'https://budget.example',
      state: 'A'.repeat(43),
    },
    signer,
  );
  const { objectId } = await import('@tokenos/protocol');
  const requestId = objectId(request);
  world.cloud.tokenRequests.set(requestId, request);
  const payload: AccessTokenPayload = {
    ...accessPayload(world, {
      grantor: alice.member,
      grantee: budget.member,
      resources: [
        {
          type: 'account',
          account: { bankId: iron.id, accountRef: refs['Current account']! },
          scopes: ['details', 'balances'],
        },
      ],
    }),
    requestId,
  };
  const tokenId = tokenIdOf(payload);
  return { tokenId, payload, endorsement: await endorse(world, alice, tokenId) };
}

describe('online banking', () => {
  it('greets a visitor at the bank address with a sign-in, a favicon and no script', async () => {
    const res = await browser().get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('Online banking');
    expect(page).toContain('rel="icon"');
    expect(page).not.toContain('<script');
    const icon = await browser().get('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('keeps the username after a wrong password, and refuses a sign-in posted from another site', async () => {
    const b = browser();
    const wrong = await b.post('/sign-in', { username: 'alice', password: 'nope' });
    expect(wrong.status).toBe(401);
    const page = await wrong.text();
    expect(page).toContain('Wrong username or password');
    expect(page).toContain('value="alice"');
    const forged = await b.post(
      '/sign-in',
      { username: 'alice', password: 'alice-password' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
    // A current browser says where a post comes from in Sec-Fetch-Site (its Origin is "null" under
    // this page's no-referrer policy): believed for this bank's own pages, refused from elsewhere.
    const fromOurPage = await b.post(
      '/sign-in',
      { username: 'alice', password: 'alice-password' },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
    );
    expect(fromOurPage.status).toBe(303);
    const crossSite = await browser().post(
      '/sign-in',
      { username: 'alice', password: 'alice-password' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('signs in with post/redirect/get and shows accounts with money in words, never a whole account number', async () => {
    const b = browser();
    const res = await b.post('/sign-in', { username: 'alice', password: 'alice-password' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const page = await (await b.get('/')).text();
    expect(page).toContain('Welcome, Alice');
    expect(page).toContain('Current account');
    expect(page).toMatch(/€[0-9,]+\.[0-9]{2}/);
    expect(page).not.toMatch(/ EUR\b/);
    for (const iban of await ibansOf(iron.db)) expect(page).not.toContain(iban.slice(4));
  });

  it("shows an account's transactions, and nobody else's account", async () => {
    const b = await signedIn();
    const mine = await iron.db.one<{ account_id: bigint }>(
      "select a.account_id from accounts a join customers c using (customer_id) where c.username = 'alice' and a.name = 'Current account'",
    );
    const page = await (await b.get(`/accounts/${mine.account_id}`)).text();
    expect(page).toContain('Latest transactions');
    expect(page).toMatch(/€[0-9,]+\.[0-9]{2}/);
    const bobs = await iron.db.one<{ account_id: bigint }>(
      "select a.account_id from accounts a join customers c using (customer_id) where c.username = 'bob' limit 1",
    );
    expect((await b.get(`/accounts/${bobs.account_id}`)).status).toBe(404);
    expect((await browser().get(`/accounts/${mine.account_id}`)).status).toBe(303);
  });

  it('lists the wallet link and an app that read the accounts, by the name the app signed', async () => {
    const grant = await budgetGrant();
    await iron.call('/connector/v1/accounts', grant);
    const page = await (await (await signedIn()).get('/apps')).text();
    expect(page).toContain('Token wallet');
    expect(page).toContain('Current account and Savings');
    expect(page).toContain('Budget Buddy');
    expect(page).toContain('account names and balances');
    // Not on bob's page: the grant reaches none of his accounts.
    expect(await (await (await signedIn('bob')).get('/apps')).text()).not.toContain('Budget Buddy');
  });

  it('revokes an app at the bank: reads stop whatever the cloud says, and the cloud is told with the bank signature', async () => {
    const grant = await budgetGrant();
    await iron.call('/connector/v1/accounts', grant);
    const b = await signedIn();
    const res = await b.post(`/apps/grants/${grant.tokenId}/revoke`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/apps?notice=grant-revoked');
    expect(await (await b.get('/apps?notice=grant-revoked')).text()).toContain(
      'The app can no longer see your accounts.',
    );
    expect(world.cloud.bankRevocations.at(-1)).toMatchObject({ tokenId: grant.tokenId, memberId: iron.id });
    // A cloud that still says "valid" changes nothing: the bank keeps its customer's word.
    world.cloud.tokenStatus.set(grant.tokenId, 'valid');
    await expectApiError('Cancelled', iron.call('/connector/v1/accounts', grant));
  });

  it('shows a grant ended in the wallet as stopped, asking the cloud with its own signature', async () => {
    const grant = await budgetGrant();
    await iron.call('/connector/v1/accounts', grant);
    world.cloud.tokenStatus.set(grant.tokenId, 'replaced');
    const page = await (await (await signedIn()).get('/apps')).text();
    expect(page).toContain('Replaced by a newer permission');
    expect(page).not.toContain(`/apps/grants/${grant.tokenId}/revoke`);
    expect(world.cloud.statusQueries).toContainEqual({ tokenId: grant.tokenId, memberId: iron.id });
  });

  it('refuses a revocation posted from another site, and one of a grant on somebody else', async () => {
    const grant = await budgetGrant();
    await iron.call('/connector/v1/accounts', grant);
    const forged = await (await signedIn()).post(
      `/apps/grants/${grant.tokenId}/revoke`,
      {},
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    await (await signedIn('bob')).post(`/apps/grants/${grant.tokenId}/revoke`);
    await iron.call('/connector/v1/accounts', grant);
    expect(world.cloud.bankRevocations.some((r) => r.tokenId === grant.tokenId)).toBe(false);
  });

  it('tells the cloud later when it was down, and refuses reads meanwhile', async () => {
    const grant = await budgetGrant();
    await iron.call('/connector/v1/accounts', grant);
    world.cloud.unreachable = true;
    await (await signedIn()).post(`/apps/grants/${grant.tokenId}/revoke`);
    expect(world.cloud.bankRevocations.some((r) => r.tokenId === grant.tokenId)).toBe(false);
    await expectApiError('Cancelled', iron.call('/connector/v1/accounts', grant));
    world.cloud.unreachable = false;
    await retryCloudRevocations(iron.deps);
    expect(world.cloud.bankRevocations.some((r) => r.tokenId === grant.tokenId)).toBe(true);
  });

  it('takes a refusal from the cloud as its answer: no retry, and reads stay refused', async () => {
    const grant = await budgetGrant();
    await iron.call('/connector/v1/accounts', grant);
    world.cloud.refusesRevocations = true;
    await (await signedIn()).post(`/apps/grants/${grant.tokenId}/revoke`);
    const told = async () =>
      (
        await iron.db.one<{ cloud_told_at: Date | null }>(
          'select cloud_told_at from access_grants where token_id = $1',
          [grant.tokenId],
        )
      ).cloud_told_at;
    // A 404 is an answer: asking again would get the same, so the job does not ask again.
    expect(await told()).not.toBeNull();
    world.cloud.refusesRevocations = false;
    await retryCloudRevocations(iron.deps);
    expect(world.cloud.bankRevocations.some((r) => r.tokenId === grant.tokenId)).toBe(false);
    await expectApiError('Cancelled', iron.call('/connector/v1/accounts', grant));
  });

  it('ends a wallet link at the bank: its accounts stop resolving at once', async () => {
    const b = await signedIn();
    const page = await (await b.get('/apps')).text();
    const linkId = /action="\/apps\/links\/([^/"]+)\/revoke"/.exec(page)?.[1];
    expect(linkId).toBeDefined();
    expect(await resolveAccountRef(iron.db, refs.Savings!)).toBeDefined();
    expect((await b.post(`/apps/links/${linkId}/revoke`)).status).toBe(303);
    expect(await resolveAccountRef(iron.db, refs.Savings!)).toBeUndefined();
    expect(await (await b.get('/apps')).text()).toContain('Access ended');
  });

  it('signs out on the server, not only in the cookie', async () => {
    const b = await signedIn();
    const cookieBefore = await b.get('/');
    expect(await cookieBefore.text()).toContain('Your accounts');
    await b.post('/sign-out');
    expect(await (await b.get('/')).text()).toContain('Sign in to see your accounts');
  });
});
