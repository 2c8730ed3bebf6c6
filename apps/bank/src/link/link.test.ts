import { type AccountLink, ProtocolError } from '@tokenos/protocol';
import { CloudClient, isApiError } from '@tokenos/sdk';
import {
  decodeAccountLink,
  encodeAccountLink,
  finishAccountLink,
  verifyAccountLink,
} from '@tokenos/sdk/bank';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ibansOf } from '../../test/bank-db.ts';
import {
  ironWorld,
  linkAccounts,
  newUser,
  type TestBank,
  type User,
  type World,
  walletOrigin,
} from '../../test/harness.ts';
import { resolveAccountRef } from './store.ts';

let world: World;
let iron: TestBank;
let alice: User;
let ibans: string[];

beforeAll(async () => {
  ({ world, iron, alice } = await ironWorld());
  ibans = await ibansOf(iron.db);
});

afterAll(() => iron?.close());

function expectNoAccountNumbers(text: string): void {
  for (const iban of ibans) {
    expect(text).not.toContain(iban);
    // Not even the BBAN without the country and check digits.
    expect(text).not.toContain(iban.slice(4));
  }
}

async function login(
  state: string,
  username: string,
  password: string,
  returnUrl = `${walletOrigin}/banks/linked`,
): Promise<Response> {
  return iron.app.request('/link/login', {
    method: 'POST',
    body: new URLSearchParams({ member: alice.member.id, return: returnUrl, state, username, password }),
  });
}

/** A correct sign-in answers 303 (post/redirect/get); the account choice is the page it leads to. */
async function follow(res: Response): Promise<Response> {
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return iron.app.request(res.headers.get('location') ?? '', { headers: { cookie } });
}

describe('account linking through the consent page', () => {
  it('signs in, links the chosen accounts and returns a link the SDK verifies, with masked numbers only', async () => {
    const start = await iron.app.request(
      `/link?${new URLSearchParams({ member: alice.member.id, return: `${walletOrigin}/banks/linked`, state: 'st4te' })}`,
    );
    expect(start.status).toBe(200);
    expect(start.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(start.headers.get('content-security-policy')).toContain(`form-action 'self' ${walletOrigin}`);
    const startPage = await start.text();
    expect(startPage).toContain('Iron Bank');
    expect(startPage).not.toContain('<script');

    const signedIn = await login('st4te', 'alice', 'alice-password');
    // Post/redirect/get: Back or reload on the account choice never resends the password.
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/link/accounts');
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const chooser = await follow(signedIn);
    const chooserPage = await chooser.text();
    expect(chooser.status).toBe(200);
    expect(chooserPage).toMatch(/\*\*\*\* [0-9]{4}/);
    expectNoAccountNumbers(chooserPage);
    // A closed account is not offered.
    expect(chooserPage).not.toContain('Old savings');

    const { link, location } = await linkAccounts(world, iron, alice, {
      username: 'alice',
      accounts: ['Current account', 'Sterling account'],
      state: 'st4te',
    });
    expect(location.origin).toBe(walletOrigin);
    expect(location.pathname).toBe('/banks/linked');
    expect(location.searchParams.get('state')).toBe('st4te');
    expectNoAccountNumbers(location.href);
    expect(link.accounts.map((a) => [a.name, a.currency])).toEqual([
      ['Current account', 'EUR'],
      ['Sterling account', 'GBP'],
    ]);
    for (const a of link.accounts) {
      expect(a.maskedNumber).toMatch(/^\*\*\*\* [0-9]{4}$/);
      expect(a.accountRef).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }

    const verified = await verifyAccountLink(
      world.cloud.client(world.net),
      location.searchParams.get('link'),
      { memberId: alice.member.id, now: world.clock.now },
    );
    expect(verified).toEqual(link);
    expect(verified.bankId).toBe(iron.id);
    // Finished by linkAccounts: the references now resolve to alice's accounts.
    const resolved = await resolveAccountRef(iron.db, link.accounts[0]!.accountRef);
    expect(resolved?.memberId).toBe(alice.member.id);
  });

  it('refuses a link whose content was changed after the bank signed it', async () => {
    const { link } = await linkAccounts(world, iron, alice, {
      username: 'alice',
      accounts: ['Savings'],
      finish: false,
    });
    const changed: AccountLink = { ...link, accounts: [{ ...link.accounts[0]!, name: 'Savings (mine)' }] };
    await expect(
      verifyAccountLink(world.cloud.client(world.net), encodeAccountLink(changed), { now: world.clock.now }),
    ).rejects.toMatchObject({ code: 'InvalidSignature' });
    const other = await newUser(world);
    await expect(
      verifyAccountLink(world.cloud.client(world.net), link, {
        memberId: other.member.id,
        now: world.clock.now,
      }),
    ).rejects.toMatchObject({ code: 'Forbidden' });
    // A full IBAN cannot even be expressed: the schema takes the last four only.
    expect(() =>
      decodeAccountLink({
        ...link,
        accounts: [{ ...link.accounts[0]!, maskedNumber: 'GB71IRON40127610000001' }],
      }),
    ).toThrow(ProtocolError);
  });

  it('keeps a link pending until the member it names finishes it with its own key', async () => {
    const { link } = await linkAccounts(world, iron, alice, {
      username: 'alice',
      accounts: ['Savings'],
      finish: false,
    });
    const ref = link.accounts[0]!.accountRef;
    expect(await resolveAccountRef(iron.db, ref)).toBeUndefined();
    // Somebody who opened the consent page with alice's member id cannot finish it: they lack her keys.
    const mallory = await newUser(world);
    // The link rewritten to name mallory is not a link the bank issued.
    const renamed = await finishAccountLink({
      bankUrl: iron.origin,
      link: { ...link, memberId: mallory.member.id },
      member: mallory.member,
      fetch: world.net.fetch,
    }).catch((e: unknown) => e);
    expect(isApiError(renamed, 'NotFound')).toBe(true);
    // The real link, finished with mallory's key: refused.
    const signer = await mallory.member.signerFor('STANDARD');
    const wrongMember = await new CloudClient({
      baseUrl: iron.origin,
      fetch: world.net.fetch,
      now: () => world.clock.now,
    })
      .send('POST', '/connector/v1/links/finish', { link }, signer)
      .catch((e: unknown) => e);
    expect(isApiError(wrongMember, 'Forbidden')).toBe(true);
    expect(await resolveAccountRef(iron.db, ref)).toBeUndefined();

    const done = await finishAccountLink({
      bankUrl: iron.origin,
      link,
      member: alice.member,
      fetch: world.net.fetch,
    });
    expect(done).toMatchObject({ status: 'active', memberId: alice.member.id, bankId: iron.id });
    expect((await resolveAccountRef(iron.db, ref))?.memberId).toBe(alice.member.id);
    // Finishing again answers the same.
    expect(
      await finishAccountLink({ bankUrl: iron.origin, link, member: alice.member, fetch: world.net.fetch }),
    ).toEqual(done);
  });

  it('never sends the customer to an address outside the wallet origins', async () => {
    for (const returnUrl of [
      'https://evil.example/steal',
      'javascript:alert(1)',
      `${walletOrigin}.evil.example/x`,
      '//evil.example',
    ]) {
      const res = await iron.app.request(
        `/link?${new URLSearchParams({ member: alice.member.id, return: returnUrl, state: 's' })}`,
      );
      expect(res.status).toBe(403);
      expect(res.headers.get('location')).toBeNull();
      const posted = await login('s', 'alice', 'alice-password', returnUrl);
      expect(posted.status).toBe(403);
      expect(await posted.text()).not.toContain('name="session"');
    }
  });

  it('refuses wrong passwords and locks the sign-in after five', async () => {
    const wrong = await login('s', 'bob', 'nope');
    expect(wrong.status).toBe(401);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain('Wrong username or password');
    // The username stays; only the password is typed again.
    expect(wrongPage).toContain('value="bob"');
    expect((await login('s', 'nobody', 'nope')).status).toBe(401);
    for (let i = 0; i < 4; i++) await login('s', 'bob', 'nope');
    const locked = await login('s', 'bob', 'bob-password');
    expect(locked.status).toBe(401);
    expect(await locked.text()).toContain('Too many wrong passwords');
  });

  it('spends a sign-in on one confirmation and can be cancelled back to the wallet', async () => {
    const page = await (await follow(await login('s2', 'alice', 'alice-password'))).text();
    const session = /name="session" value="([^"]+)"/.exec(page)![1]!;
    const cancel = await iron.app.request('/link/confirm', {
      method: 'POST',
      body: new URLSearchParams({ session, decision: 'deny' }),
    });
    expect(cancel.status).toBe(303);
    const back = new URL(cancel.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('s2');
    const reuse = await iron.app.request('/link/confirm', {
      method: 'POST',
      body: new URLSearchParams({ session, decision: 'allow', account: '1' }),
    });
    expect(reuse.status).toBe(400);
    expect(reuse.headers.get('location')).toBeNull();
  });

  it('links only accounts of the customer who signed in', async () => {
    const page = await (await follow(await login('s3', 'alice', 'alice-password'))).text();
    const session = /name="session" value="([^"]+)"/.exec(page)![1]!;
    const bobs = await iron.db.one<{ account_id: bigint }>(
      "select account_id from accounts a join customers c using (customer_id) where c.username = 'bob'",
    );
    const res = await iron.app.request('/link/confirm', {
      method: 'POST',
      body: new URLSearchParams({ session, decision: 'allow', account: String(bobs.account_id) }),
    });
    expect(res.status).toBe(303);
    expect(await (await follow(res)).text()).toContain('Choose at least one of your accounts');
    expect(
      await iron.db.one<{ n: bigint }>('select count(*) as n from account_refs where account_id = $1', [
        bobs.account_id,
      ]),
    ).toEqual({ n: 0n });
  });
});
