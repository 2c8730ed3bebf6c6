import type { Db } from '@tokenos/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBankDb, testCustomer } from '../../test/bank-db.ts';
import {
  type AccountRow,
  balanceOf,
  checkLedger,
  closeAccount,
  equityAccount,
  LedgerRejection,
  loadAccount,
  openCustomerAccount,
  post,
} from './ledger.ts';

let db: Db;
let alice: AccountRow;
let bob: AccountRow;
let pounds: AccountRow;
let closed: AccountRow;

async function snapshot(): Promise<{ rows: bigint; balances: Record<string, bigint> }> {
  const { n } = await db.one<{ n: bigint }>('select count(*) as n from entries');
  const balances: Record<string, bigint> = {};
  for (const a of await db.query<{ account_id: bigint; balance: bigint }>(
    'select account_id, balance from accounts',
  ))
    balances[String(a.account_id)] = a.balance;
  return { rows: n, balances };
}

async function expectRefused(reason: string, move: () => Promise<unknown>): Promise<void> {
  const before = await snapshot();
  const error = await move().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerRejection);
  expect((error as LedgerRejection).reason).toBe(reason);
  expect(await snapshot()).toEqual(before);
}

beforeAll(async () => {
  db = await openBankDb('bank-ledger');
  const { open } = await testCustomer(db, { username: 'alice', displayName: 'Alice' });
  alice = await open('A', 'EUR');
  bob = await open('B', 'EUR');
  pounds = await open('P', 'GBP');
  closed = await open('C', 'EUR');
  await closeAccount(db, closed.account_id);
  const equity = await equityAccount(db, 'EUR');
  await post(db, {
    from: equity.account_id,
    to: alice.account_id,
    amount: 10_000n,
    currency: 'EUR',
    kind: 'seed',
    description: 'seed',
    reference: 'S1',
  });
});

afterAll(() => db?.close());

describe('double-entry ledger', () => {
  it('moves money as two entries summing to zero and keeps the cached balance equal to the entries', async () => {
    await post(db, {
      from: alice.account_id,
      to: bob.account_id,
      amount: 2_500n,
      currency: 'EUR',
      kind: 'transfer',
      description: 'rent',
      reference: 'T1',
    });
    expect(await balanceOf(db, alice.account_id)).toEqual({ cached: 7_500n, derived: 7_500n });
    expect(await balanceOf(db, bob.account_id)).toEqual({ cached: 2_500n, derived: 2_500n });
    const legs = await db.query<{ amount: bigint }>(
      "select e.amount from entries e join ledger_transactions t using (tx_id) where t.reference = 'T1' order by e.amount",
    );
    expect(legs.map((l) => l.amount)).toEqual([-2_500n, 2_500n]);
    expect(await checkLedger(db)).toEqual({
      balances: { EUR: 0n, GBP: 0n },
      entries: { EUR: 0n, GBP: 0n },
      drifted: [],
      unbalanced: [],
    });
  });

  it('refuses insufficient funds (AM04), a closed account (AC04) and another currency (AM03), moving nothing', async () => {
    await expectRefused('AM04', () =>
      post(db, {
        from: bob.account_id,
        to: alice.account_id,
        amount: 2_501n,
        currency: 'EUR',
        kind: 'transfer',
        description: 'x',
        reference: 'R1',
      }),
    );
    await expectRefused('AC04', () =>
      post(db, {
        from: alice.account_id,
        to: closed.account_id,
        amount: 1n,
        currency: 'EUR',
        kind: 'transfer',
        description: 'x',
        reference: 'R2',
      }),
    );
    await expectRefused('AC04', () =>
      post(db, {
        from: closed.account_id,
        to: alice.account_id,
        amount: 1n,
        currency: 'EUR',
        kind: 'transfer',
        description: 'x',
        reference: 'R3',
      }),
    );
    await expectRefused('AM03', () =>
      post(db, {
        from: alice.account_id,
        to: pounds.account_id,
        amount: 1n,
        currency: 'EUR',
        kind: 'transfer',
        description: 'x',
        reference: 'R4',
      }),
    );
    await expectRefused('AM03', () =>
      post(db, {
        from: alice.account_id,
        to: bob.account_id,
        amount: 1n,
        currency: 'GBP',
        kind: 'transfer',
        description: 'x',
        reference: 'R5',
      }),
    );
  });

  it('lets the database refuse an unbalanced transaction at commit and any edit of the ledger', async () => {
    const before = await snapshot();
    await expect(
      db.transaction(async (tx) => {
        const { tx_id } = await tx.one<{ tx_id: bigint }>(
          "insert into ledger_transactions (kind, amount, currency, description, reference) values ('transfer', 5, 'EUR', 'forged', 'F1') returning tx_id",
        );
        await tx.query('insert into entries (tx_id, account_id, amount) values ($1, $2, 5)', [
          tx_id,
          bob.account_id,
        ]);
      }),
    ).rejects.toThrow(/not balanced double entry/);
    await expect(
      db.transaction(async (tx) => {
        const { tx_id } = await tx.one<{ tx_id: bigint }>(
          "insert into ledger_transactions (kind, amount, currency, description, reference) values ('transfer', 5, 'EUR', 'forged', 'F2') returning tx_id",
        );
        await tx.query('insert into entries (tx_id, account_id, amount) values ($1, $2, 5), ($1, $3, -5)', [
          tx_id,
          bob.account_id,
          pounds.account_id,
        ]);
      }),
    ).rejects.toThrow(/another currency/);
    await expect(db.query('update entries set amount = amount * 2')).rejects.toThrow(/append-only/);
    await expect(db.query('delete from ledger_transactions')).rejects.toThrow(/append-only/);
    // Customers never overdraw, even if code forgot to check.
    await expect(
      db.query('update accounts set balance = -1 where account_id = $1', [bob.account_id]),
    ).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it('returns a reversal even to an account closed meanwhile', async () => {
    const equity = await equityAccount(db, 'EUR');
    const account = await openCustomerAccount(db, {
      customerId: (await loadAccount(db, alice.account_id))!.customer_id!,
      name: 'D',
      currency: 'EUR',
      bankCode: 'IRON',
      sortCode: '401276',
    });
    await closeAccount(db, account.account_id);
    await post(db, {
      from: equity.account_id,
      to: account.account_id,
      amount: 7n,
      currency: 'EUR',
      kind: 'reversal',
      description: 'returned',
      reference: 'V1',
    });
    expect((await balanceOf(db, account.account_id)).derived).toBe(7n);
  });
});
