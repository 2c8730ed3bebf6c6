import type { AccessTokenPayload, AccountBalance, LinkedAccount, TransactionsPage } from '@tokenos/protocol';
import type { ApiError } from '@tokenos/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ibansOf, postHistory } from '../../test/bank-db.ts';
import {
  accessPayload,
  endorse,
  linkAccounts,
  linkedWorld,
  newUser,
  type TestBank,
  tokenIdOf,
  type User,
  type World,
} from '../../test/harness.ts';
import { expectApiError } from '../../test/refusals.ts';

let world: World;
let iron: TestBank;
let alice: User;
let budget: User;
let refs: Record<string, string>;
let grant: { tokenId: string; payload: AccessTokenPayload; endorsement: Awaited<ReturnType<typeof endorse>> };
let ibans: string[];
const elsewhere = {
  bankId: 'OtherBankOtherBankOtherBankOtherBankOther00',
  accountRef: 'SomewhereElse000000000',
};

beforeAll(async () => {
  ({ world, iron, alice, refs } = await linkedWorld(['Current account', 'Savings']));
  budget = await newUser(world);
  const payload = accessPayload(world, {
    grantor: alice.member,
    grantee: budget.member,
    resources: [
      {
        type: 'account',
        account: { bankId: iron.id, accountRef: refs['Current account']! },
        scopes: ['details', 'balances', 'transactions'],
      },
      { type: 'account', account: { bankId: iron.id, accountRef: refs.Savings! }, scopes: ['details'] },
      { type: 'account', account: elsewhere, scopes: ['balances'] },
    ],
  });
  const tokenId = tokenIdOf(payload);
  grant = { tokenId, payload, endorsement: await endorse(world, alice, tokenId) };
  // Some history on the current account: seven more entries after the opening balance.
  await postHistory(iron.db, refs['Current account']!, 7, 'H');
  ibans = await ibansOf(iron.db);
});

afterAll(() => iron?.close());

beforeEach(() => world.cloud.tellTheTruth());

function refused(code: string, path: string, body: unknown): Promise<ApiError> {
  return expectApiError(code, iron.call(path, body));
}

describe('account information through an access token', () => {
  it('lists the granted accounts with masked numbers, after asking the cloud with its own signature', async () => {
    const { accounts } = await iron.call<{ accounts: LinkedAccount[] }>('/connector/v1/accounts', grant);
    expect(accounts.map((a) => [a.accountRef, a.name, a.currency])).toEqual([
      [refs['Current account'], 'Current account', 'EUR'],
      [refs.Savings, 'Savings', 'EUR'],
    ]);
    for (const a of accounts) expect(a.maskedNumber).toMatch(/^\*\*\*\* [0-9]{4}$/);
    const text = JSON.stringify(accounts);
    for (const iban of ibans) expect(text).not.toContain(iban.slice(4));
    expect(world.cloud.statusQueries.at(-1)).toEqual({ tokenId: grant.tokenId, memberId: iron.id });
  });

  it('answers a balance only with the balances scope, for granted accounts', async () => {
    const b = await iron.call<AccountBalance>('/connector/v1/balances', {
      ...grant,
      accountRef: refs['Current account'],
    });
    expect(b).toMatchObject({
      accountRef: refs['Current account'],
      booked: { value: '1496.00', currency: 'EUR' },
      available: { value: '1496.00', currency: 'EUR' },
    });
    await refused('Forbidden', '/connector/v1/balances', { ...grant, accountRef: refs.Savings });
    const other = (
      await linkAccounts(world, iron, await newUser(world), {
        username: 'bob',
        accounts: ['Current account'],
      })
    ).refs['Current account'];
    await refused('NotFound', '/connector/v1/balances', { ...grant, accountRef: other });
  });

  it('pages through transactions newest first with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TransactionsPage = await iron.call<TransactionsPage>('/connector/v1/transactions', {
        ...grant,
        accountRef: refs['Current account'],
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(
        ...page.transactions.map((t) => `${t.creditDebitIndicator} ${t.amount.value} ${t.description}`),
      );
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([
      'DBIT 7.00 Entry 7',
      'CRDT 6.00 Entry 6',
      'DBIT 5.00 Entry 5',
      'CRDT 4.00 Entry 4',
      'DBIT 3.00 Entry 3',
      'CRDT 2.00 Entry 2',
      'DBIT 1.00 Entry 1',
      'CRDT 1500.00 Opening balance',
    ]);
    await refused('Malformed', '/connector/v1/transactions', {
      ...grant,
      accountRef: refs['Current account'],
      cursor: 'bm90LWEtY3Vyc29y',
    });
    await refused('Forbidden', '/connector/v1/transactions', { ...grant, accountRef: refs.Savings });
  });

  it('stops at once when the cloud reports the grant cancelled, and fails closed when it does not answer', async () => {
    world.cloud.tokenStatus.set(grant.tokenId, 'revokedByPsu');
    await refused('Cancelled', '/connector/v1/balances', { ...grant, accountRef: refs['Current account'] });
    world.cloud.tokenStatus.set(grant.tokenId, 'replaced');
    await refused('Cancelled', '/connector/v1/accounts', grant);
    world.cloud.tokenStatus.set(grant.tokenId, 'expired');
    await refused('Expired', '/connector/v1/accounts', grant);
    world.cloud.tokenStatus.clear();
    world.net.down(world.cloud.origin);
    try {
      const err = await refused('Unavailable', '/connector/v1/accounts', grant);
      expect(err.status).toBe(503);
    } finally {
      world.net.up(world.cloud.origin);
    }
  });

  it('re-verifies the grant itself even when the cloud calls it valid', async () => {
    // Expired by its own payload.
    world.clock.now += 25 * 3_600_000;
    try {
      await refused('Expired', '/connector/v1/accounts', grant);
    } finally {
      world.clock.now -= 25 * 3_600_000;
    }
    // Endorsed with a LOW key, or without a passkey (PSD2 RTS Art. 10), or by the grantee.
    await refused('InsufficientKeyLevel', '/connector/v1/accounts', {
      ...grant,
      endorsement: await endorse(world, alice, grant.tokenId, { level: 'LOW' }),
    });
    await refused('ScaRequired', '/connector/v1/accounts', {
      ...grant,
      endorsement: await endorse(world, alice, grant.tokenId, { sca: 'exemption' }),
    });
    await refused('Forbidden', '/connector/v1/accounts', {
      ...grant,
      endorsement: await endorse(world, budget, grant.tokenId),
    });
    // A resource added after the grantor signed changes the token id.
    const widened = {
      ...grant.payload,
      resources: [
        ...grant.payload.resources,
        {
          type: 'account' as const,
          account: { bankId: iron.id, accountRef: refs.Savings! },
          scopes: ['balances' as const],
        },
      ],
    };
    await refused('Malformed', '/connector/v1/accounts', { ...grant, payload: widened });
    // A grant from someone else over alice's account reference.
    const bob = await newUser(world);
    const foreign = accessPayload(world, {
      grantor: bob.member,
      grantee: budget.member,
      resources: [
        {
          type: 'account',
          account: { bankId: iron.id, accountRef: refs['Current account']! },
          scopes: ['balances'],
        },
      ],
    });
    const foreignId = tokenIdOf(foreign);
    await refused('NotFound', '/connector/v1/balances', {
      tokenId: foreignId,
      payload: foreign,
      endorsement: await endorse(world, bob, foreignId),
      accountRef: refs['Current account'],
    });
  });

  it('tells an expired key from a key of too low a level, as the cloud does (one key rule)', async () => {
    const shortLived = await alice.member.addKey('STANDARD', { expiresAt: world.clock.now + 60_000 });
    try {
      const endorsement = await endorse(world, alice, grant.tokenId, { keyId: shortLived.id });
      // While the key is current the grant reads; from its expiresAt on, KeyExpired, not
      // InsufficientKeyLevel (a STANDARD key is of the level an access grant needs).
      const { accounts } = await iron.call<{ accounts: LinkedAccount[] }>('/connector/v1/accounts', {
        ...grant,
        endorsement,
      });
      expect(accounts).toHaveLength(2);
      world.clock.now += 60_000;
      try {
        const expired = await refused('KeyExpired', '/connector/v1/accounts', { ...grant, endorsement });
        expect(expired.field).toBe('endorsement.signer.keyId');
      } finally {
        world.clock.now -= 60_000;
      }
      const low = await refused('InsufficientKeyLevel', '/connector/v1/accounts', {
        ...grant,
        endorsement: await endorse(world, alice, grant.tokenId, { level: 'LOW' }),
      });
      expect(low.field).toBe('endorsement.signer.keyId');
    } finally {
      await alice.member.removeKey(shortLived.id);
    }
  });
});
