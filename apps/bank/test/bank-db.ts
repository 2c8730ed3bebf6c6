import { randomBytes } from 'node:crypto';
import type { Db } from '@tokenos/db';
import { openTestDb, type TestDb } from '@tokenos/db/testing';
import { createCustomer } from '../src/customers/store.ts';
import { type AccountRow, equityAccount, openCustomerAccount, post } from '../src/ledger/ledger.ts';
import { resolveAccountRef } from '../src/link/store.ts';
import { migrateBank } from '../src/migrations.ts';

/** Cheap scrypt for tests; the stored format carries its parameters, so verification is the real code. */
export const testCost = { N: 1024, r: 8, p: 1 };

export const testRandom = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** A fresh bank database (PGlite, or a schema of its own on DATABASE_URL), migrated. */
export async function openBankDb(name: string): Promise<TestDb> {
  const db = await openTestDb(name);
  await migrateBank(db);
  return db;
}

/**
 * A customer of Iron Bank straight in the database, without the demo seed, and a way to open
 * its accounts: for the ledger tests that need accounts but no bank around them.
 */
export async function testCustomer(
  db: Db,
  args: { username: string; displayName: string },
): Promise<{ open: (name: string, currency: string) => Promise<AccountRow> }> {
  const customer = await createCustomer(db, {
    ...args,
    kind: 'person',
    password: 'pw',
    randomBytes: testRandom,
    cost: testCost,
  });
  return {
    open: (name, currency) =>
      openCustomerAccount(db, {
        customerId: customer.customer_id,
        name,
        currency,
        bankCode: 'IRON',
        sortCode: '401276',
      }),
  };
}

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

/**
 * `count` entries on a linked account after its opening balance, out of it and into it in turn:
 * entry i moves i.00 EUR (out when i is odd), described `Entry i`, referenced `${reference}i`.
 */
export async function postHistory(
  db: Db,
  accountRef: string,
  count: number,
  reference: string,
): Promise<void> {
  const account = (await resolveAccountRef(db, accountRef))?.account;
  if (!account) throw new Error(`no account behind ${accountRef}`);
  const equity = await equityAccount(db, 'EUR');
  for (let i = 1; i <= count; i++) {
    const [from, to] =
      i % 2 ? [account.account_id, equity.account_id] : [equity.account_id, account.account_id];
    await post(db, {
      from,
      to,
      amount: BigInt(i * 100),
      currency: 'EUR',
      kind: 'transfer',
      description: `Entry ${i}`,
      reference: `${reference}${i}`,
    });
  }
}

/** Every IBAN the bank holds, to show that none leaks into a page or an answer. */
export async function ibansOf(db: Db): Promise<string[]> {
  return (await db.query<{ iban: string }>('select iban from accounts where iban is not null')).map(
    (r) => r.iban,
  );
}
