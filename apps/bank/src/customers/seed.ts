import type { Db } from '@tokenos/db';
import { base64url, type CurrencyCode, parseAmount } from '@tokenos/protocol';
import type { BankConfig } from '../config.ts';
import { closeAccount, equityAccount, openCustomerAccount, post } from '../ledger/ledger.ts';
import { defaultScryptCost, hashPassword, type ScryptCost } from './passwords.ts';

export interface DemoAccount {
  name: string;
  currency: CurrencyCode;
  /** Opening balance, a decimal string. */
  balance: string;
  closed?: boolean;
}

export interface DemoCustomer {
  username: string;
  password: string;
  displayName: string;
  kind: 'person' | 'business';
  accounts: DemoAccount[];
}

const shop: DemoCustomer = {
  username: 'shop',
  password: 'shop-password',
  displayName: 'Demo Shop Ltd',
  kind: 'business',
  accounts: [{ name: 'Merchant account', currency: 'EUR', balance: '0.00' }],
};

/**
 * The demo customers of each bank: people with money to pay with, and the demo shop's merchant
 * account (at Gold Bank for payments between banks, at Iron Bank for payments within one).
 */
export function demoCustomers(bankCode: string): DemoCustomer[] {
  if (bankCode === 'GOLD')
    return [
      {
        username: 'carol',
        password: 'carol-password',
        displayName: 'Carol Chen',
        kind: 'person',
        accounts: [{ name: 'Current account', currency: 'EUR', balance: '800.00' }],
      },
      shop,
    ];
  return [
    {
      username: 'alice',
      password: 'alice-password',
      displayName: 'Alice Archer',
      kind: 'person',
      accounts: [
        { name: 'Current account', currency: 'EUR', balance: '1500.00' },
        { name: 'Savings', currency: 'EUR', balance: '5000.00' },
        { name: 'Sterling account', currency: 'GBP', balance: '300.00' },
        { name: 'Old savings (closed)', currency: 'EUR', balance: '0.00', closed: true },
      ],
    },
    {
      username: 'bob',
      password: 'bob-password',
      displayName: 'Bob Baker',
      kind: 'person',
      accounts: [{ name: 'Current account', currency: 'EUR', balance: '250.00' }],
    },
    shop,
  ];
}

/**
 * Creates the demo customers and funds their accounts from the equity account, once: a bank that
 * already has customers is left alone. Returns whether it seeded.
 */
export async function seedDemoBank(
  db: Db,
  config: BankConfig,
  options: { randomBytes: (n: number) => Uint8Array; customers?: DemoCustomer[]; cost?: ScryptCost },
): Promise<boolean> {
  const customers = options.customers ?? demoCustomers(config.bankCode);
  const { n } = await db.one<{ n: bigint }>('select count(*) as n from customers');
  if (n > 0n) return false;
  // scrypt runs before the transaction: no row lock is held while a password hashes.
  const hashes = await Promise.all(
    customers.map((c) => hashPassword(c.password, options.cost ?? defaultScryptCost)),
  );
  return db.transaction(async (tx) => {
    const again = await tx.one<{ n: bigint }>('select count(*) as n from customers');
    if (again.n > 0n) return false;
    for (const [i, c] of customers.entries()) {
      const customerId = base64url(options.randomBytes(12));
      await tx.query(
        'insert into customers (customer_id, username, display_name, kind, password_hash) values ($1, $2, $3, $4, $5)',
        [customerId, c.username, c.displayName, c.kind, hashes[i]],
      );
      for (const a of c.accounts) {
        const account = await openCustomerAccount(tx, {
          customerId,
          name: a.name,
          currency: a.currency,
          bankCode: config.bankCode,
          sortCode: config.sortCode,
        });
        const amount = parseAmount(a.balance, a.currency, { allowZero: true });
        if (amount > 0n) {
          const equity = await equityAccount(tx, a.currency);
          await post(tx, {
            from: equity.account_id,
            to: account.account_id,
            amount,
            currency: a.currency,
            kind: 'seed',
            description: 'Opening balance',
            reference: `SEED-${account.account_id}`,
          });
        }
        if (a.closed) await closeAccount(tx, account.account_id);
      }
    }
    return true;
  });
}
