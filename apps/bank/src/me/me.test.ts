import { base64url, signRequest, type TransactionsPage } from '@tokenos/protocol';
import { type ApiError, CloudClient, isApiError } from '@tokenos/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balance, ibansOf, postHistory } from '../../test/bank-db.ts';
import {
  linkAccounts,
  linkedWorld,
  newUser,
  type TestBank,
  type User,
  type World,
} from '../../test/harness.ts';
import { expectApiError as refused } from '../../test/refusals.ts';
import type { OwnAccount } from './own-accounts.ts';

let world: World;
let iron: TestBank;
let alice: User;
let mallory: User;
let refs: Record<string, string>;
let ibans: string[];

beforeAll(async () => {
  ({ world, iron, alice, refs } = await linkedWorld(['Current account', 'Savings']));
  mallory = await newUser(world);
  // Some history on the current account after its opening balance: five entries, both ways.
  await postHistory(iron.db, refs['Current account']!, 5, 'M');
  ibans = await ibansOf(iron.db);
});

afterAll(() => iron?.close());

/** A GET to the bank signed by `user` with its LOW key, as the wallet makes it. */
async function read<T>(user: User, path: string): Promise<T> {
  const bank = new CloudClient({ baseUrl: iron.origin, fetch: world.net.fetch, now: () => world.clock.now });
  return bank.send<T>('GET', path, undefined, await user.member.signerFor('LOW'));
}

describe('a member reading its own linked accounts', () => {
  it('lists the accounts linked to the signer with balances that match the ledger, and no account number', async () => {
    const { accounts } = await read<{ accounts: OwnAccount[] }>(alice, '/me/accounts');
    expect(accounts.map((a) => [a.accountRef, a.name, a.currency])).toEqual([
      [refs['Current account'], 'Current account', 'EUR'],
      [refs.Savings, 'Savings', 'EUR'],
    ]);
    // 1500.00 - 1.00 + 2.00 - 3.00 + 4.00 - 5.00
    expect(await balance(iron.db, 'alice', 'Current account')).toBe(149_700n);
    expect(accounts[0]?.balance).toMatchObject({
      booked: { value: '1497.00', currency: 'EUR' },
      available: { value: '1497.00', currency: 'EUR' },
      asOf: world.clock.now,
    });
    expect(accounts[1]?.balance.booked).toEqual({ value: '5000.00', currency: 'EUR' });
    for (const a of accounts) expect(a.maskedNumber).toMatch(/^\*\*\*\* [0-9]{4}$/);
    const text = JSON.stringify(accounts);
    for (const iban of ibans) expect(text).not.toContain(iban.slice(4));
  });

  it('pages through the transactions newest first, in the same shape as the access-token reads', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=4&cursor=${cursor}` : '?limit=4';
      const page: TransactionsPage = await read<TransactionsPage>(
        alice,
        `/me/accounts/${refs['Current account']}/transactions${query}`,
      );
      expect(page.accountRef).toBe(refs['Current account']);
      seen.push(
        ...page.transactions.map((t) => `${t.creditDebitIndicator} ${t.amount.value} ${t.description}`),
      );
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(2);
    expect(seen.slice(0, 5)).toEqual([
      'DBIT 5.00 Entry 5',
      'CRDT 4.00 Entry 4',
      'DBIT 3.00 Entry 3',
      'CRDT 2.00 Entry 2',
      'DBIT 1.00 Entry 1',
    ]);
    expect(seen[5]).toMatch(/^CRDT 1500\.00 /);
    await refused(
      'Malformed',
      read(alice, `/me/accounts/${refs['Current account']}/transactions?cursor=bm9wZQ`),
    );
  });

  it('refuses an unsigned call and a replayed one', async () => {
    const unsigned = await iron.app.request('/me/accounts');
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { code: string }).code).toBe('InvalidSignature');

    const signer = await alice.member.signerFor('LOW');
    const headers = await signRequest(
      { method: 'GET', path: '/me/accounts', query: '', body: new Uint8Array(0) },
      signer,
      { now: world.clock.now, nonce: base64url(new Uint8Array(16).fill(7)) },
    );
    expect((await iron.app.request('/me/accounts', { headers })).status).toBe(200);
    const replay = await iron.app.request('/me/accounts', { headers });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('Replay');
  });

  it('shows another member nothing of alice’s, not even whether a reference exists', async () => {
    expect(await read(mallory, '/me/accounts')).toEqual({ accounts: [] });
    await refused('NotFound', read(mallory, `/me/accounts/${refs['Current account']}/transactions`));
    // A reference of bob's accounts, read by alice: the same answer.
    const bobs = await linkAccounts(world, iron, await newUser(world), {
      username: 'bob',
      accounts: ['Current account'],
    });
    await refused('NotFound', read(alice, `/me/accounts/${bobs.refs['Current account']}/transactions`));
    // A signature by mallory's key under alice's name does not verify.
    const forged = await mallory.member.signerFor('LOW');
    const err = await new CloudClient({
      baseUrl: iron.origin,
      fetch: world.net.fetch,
      now: () => world.clock.now,
    })
      .send('GET', '/me/accounts', undefined, { ...forged, keyid: `${alice.member.id}:${forged.keyId}` })
      .catch((e: unknown) => e);
    expect(isApiError(err)).toBe(true);
    expect((err as ApiError).status).toBe(401);
  });

  it('leaves out links not finished and accounts since closed', async () => {
    const bobUser = await newUser(world);
    const pending = await linkAccounts(world, iron, bobUser, {
      username: 'bob',
      accounts: ['Current account'],
      finish: false,
    });
    expect(await read(bobUser, '/me/accounts')).toEqual({ accounts: [] });
    await refused('NotFound', read(bobUser, `/me/accounts/${pending.refs['Current account']}/transactions`));

    const sterling = await linkAccounts(world, iron, alice, {
      username: 'alice',
      accounts: ['Sterling account'],
    });
    const ref = sterling.refs['Sterling account']!;
    const listed = await read<{ accounts: OwnAccount[] }>(alice, '/me/accounts');
    expect(listed.accounts.find((a) => a.accountRef === ref)?.balance.booked).toEqual({
      value: '300.00',
      currency: 'GBP',
    });
    await iron.db.query(
      "update accounts set status = 'closed' where account_id = (select account_id from account_refs where account_ref = $1)",
      [ref],
    );
    const after = await read<{ accounts: OwnAccount[] }>(alice, '/me/accounts');
    expect(after.accounts.map((a) => a.accountRef)).not.toContain(ref);
    await refused('NotFound', read(alice, `/me/accounts/${ref}/transactions`));
  });
});
