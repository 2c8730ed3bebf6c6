import type { Db } from '@tokenos/db';
import { demoIban } from './iban.ts';

/**
 * ISO 20022 ExternalStatusReason1Code values this bank rejects payments with (external code
 * list, pain.002 / pacs.002 StatusReasonInformation):
 * - AM04 InsufficientFunds: the debtor account cannot cover the amount.
 * - AC04 ClosedAccountNumber: the debtor or creditor account is closed.
 * - AM03 NotAllowedCurrency: the amount's currency is not the account's (no conversion here).
 * - AC03 InvalidCreditorAccountNumber: the creditor account reference is unknown or not the payee's.
 * - AC01 IncorrectAccountNumber: the debtor account reference is unknown.
 * - RC01 BankIdentifierIncorrect: the creditor's bank is not one this bank can settle with.
 */
export type RejectReason = 'AM04' | 'AC04' | 'AM03' | 'AC03' | 'AC01' | 'RC01';

/** A payment the ledger refuses; nothing moved. */
export class LedgerRejection extends Error {
  readonly reason: RejectReason;
  constructor(reason: RejectReason, message: string) {
    super(message);
    this.name = 'LedgerRejection';
    this.reason = reason;
  }
}

export type AccountKind = 'customer' | 'clearing' | 'equity';

export interface AccountRow {
  account_id: bigint;
  kind: AccountKind;
  iban: string | null;
  name: string;
  customer_id: string | null;
  peer_bank_id: string | null;
  currency: string;
  status: 'open' | 'closed';
  balance: bigint;
  created_at: Date;
}

export type MovementKind = 'seed' | 'transfer' | 'interbank-out' | 'interbank-in' | 'reversal';

export interface Movement {
  /** Money leaves this account ... */
  from: bigint;
  /** ... and arrives in this one. */
  to: bigint;
  /** Minor units, > 0. */
  amount: bigint;
  currency: string;
  kind: MovementKind;
  description: string;
  /** The bank reference of the payment. */
  reference: string;
}

export async function loadAccount(
  db: Db,
  accountId: bigint,
  opts: { forUpdate?: boolean } = {},
): Promise<AccountRow | undefined> {
  return db.maybeOne<AccountRow>(
    `select * from accounts where account_id = $1${opts.forUpdate ? ' for update' : ''}`,
    [accountId],
  );
}

/** Opens a customer account with the next account number and a GB-structured demo IBAN. */
export async function openCustomerAccount(
  db: Db,
  args: { customerId: string; name: string; currency: string; bankCode: string; sortCode: string },
): Promise<AccountRow> {
  const { n } = await db.one<{ n: bigint }>("select nextval('account_numbers') as n");
  return db.one<AccountRow>(
    "insert into accounts (kind, iban, name, customer_id, currency) values ('customer', $1, $2, $3, $4) returning *",
    [demoIban(args.bankCode, args.sortCode, Number(n)), args.name, args.customerId, args.currency],
  );
}

async function internalAccount(
  db: Db,
  kind: 'equity' | 'clearing',
  currency: string,
  peerBankId: string | null,
  name: string,
): Promise<AccountRow> {
  const where =
    kind === 'equity'
      ? "kind = 'equity' and currency = $1"
      : "kind = 'clearing' and currency = $1 and peer_bank_id = $2";
  const params = kind === 'equity' ? [currency] : [currency, peerBankId];
  const found = await db.maybeOne<AccountRow>(`select * from accounts where ${where}`, params);
  if (found) return found;
  // Racing creators: the partial unique index lets one insert win; the other reads the winner's.
  await db.query(
    `insert into accounts (kind, name, peer_bank_id, currency) values ($1, $2, $3, $4)
     on conflict ${kind === 'equity' ? "(currency) where kind = 'equity'" : "(peer_bank_id, currency) where kind = 'clearing'"} do nothing`,
    [kind, name, peerBankId, currency],
  );
  return db.one<AccountRow>(`select * from accounts where ${where}`, params);
}

/** The funding account seeded balances come from: its balance is minus everything the bank created. */
export function equityAccount(db: Db, currency: string): Promise<AccountRow> {
  return internalAccount(db, 'equity', currency, null, `Equity ${currency}`);
}

/**
 * The clearing account for payments with another bank in one currency. Negative: that bank owes us
 * (it credited its customer, we have not settled); positive: we owe it.
 */
export function clearingAccount(db: Db, peerBankId: string, currency: string): Promise<AccountRow> {
  return internalAccount(
    db,
    'clearing',
    currency,
    peerBankId,
    `Clearing ${currency} with ${peerBankId.slice(0, 8)}`,
  );
}

export async function closeAccount(db: Db, accountId: bigint): Promise<void> {
  await db.query("update accounts set status = 'closed' where account_id = $1", [accountId]);
}

/**
 * Posts one movement as a ledger transaction with two entries summing to zero and updates both
 * cached balances, in its own database transaction (a savepoint when `db` already is one). See
 * postInTransaction.
 */
export function post(db: Db, m: Movement): Promise<bigint> {
  return db.transaction((tx) => postInTransaction(tx, m));
}

/**
 * The movement itself, for a caller that already holds a transaction. Locks the two accounts in
 * id order, so two opposite transfers cannot deadlock. Refuses, before writing anything: a closed
 * account (AC04), another currency (AM03), or a customer account that would go below zero (AM04);
 * so a caller may catch the LedgerRejection and carry on in the same transaction. Internal
 * accounts (equity, clearing) may go negative.
 */
export async function postInTransaction(tx: Db, m: Movement): Promise<bigint> {
  if (m.amount <= 0n)
    throw new RangeError(`amount: expected a positive number of minor units, got ${m.amount}`);
  if (m.from === m.to) throw new RangeError(`from and to are the same account ${m.from}`);
  // FOR NO KEY UPDATE, not FOR UPDATE: the foreign keys of transfers and entries take KEY SHARE
  // locks on these rows, which FOR UPDATE would wait on (two transfers between the same accounts
  // then deadlock); the balance is not a key, so the weaker lock is the right one.
  const locked = await tx.query<AccountRow>(
    'select * from accounts where account_id in ($1, $2) order by account_id for no key update',
    [m.from, m.to],
  );
  const from = locked.find((a) => a.account_id === m.from);
  const to = locked.find((a) => a.account_id === m.to);
  if (!from || !to) throw new RangeError(`no account ${!from ? m.from : m.to}`);
  for (const [side, acc] of [
    ['debtor', from],
    ['creditor', to],
  ] as const) {
    // A returned payment goes back even to an account closed meanwhile: the money is the customer's.
    if (acc.status !== 'open' && !(m.kind === 'reversal' && side === 'creditor'))
      throw new LedgerRejection('AC04', `${side} account is closed`);
    if (acc.currency !== m.currency)
      throw new LedgerRejection(
        'AM03',
        `${side} account is in ${acc.currency}, the payment in ${m.currency}`,
      );
  }
  if (from.kind === 'customer' && from.balance < m.amount)
    throw new LedgerRejection('AM04', 'the debtor account holds less than the amount');
  const { tx_id } = await tx.one<{ tx_id: bigint }>(
    `with t as (insert into ledger_transactions (kind, amount, currency, description, reference) values ($1, $2, $3, $4, $5) returning tx_id),
          e as (insert into entries (tx_id, account_id, amount) select tx_id, $6::bigint, -$2::bigint from t union all select tx_id, $7::bigint, $2::bigint from t)
     select tx_id from t`,
    [m.kind, m.amount, m.currency, m.description, m.reference, from.account_id, to.account_id],
  );
  await tx.query(
    'update accounts set balance = balance + case when account_id = $1 then -$3::bigint else $3::bigint end where account_id in ($1, $2)',
    [from.account_id, to.account_id, m.amount],
  );
  return tx_id;
}

/** An account's balance from its entries (the truth) beside the cached column. */
export async function balanceOf(db: Db, accountId: bigint): Promise<{ cached: bigint; derived: bigint }> {
  return db.one<{ cached: bigint; derived: bigint }>(
    `select a.balance as cached, coalesce((select sum(amount) from entries e where e.account_id = a.account_id), 0)::bigint as derived
       from accounts a where a.account_id = $1`,
    [accountId],
  );
}

export interface LedgerCheck {
  /** Per currency: the sum of every account's cached balance (zero in a balanced ledger). */
  balances: Record<string, bigint>;
  /** Per currency: the sum of every entry. */
  entries: Record<string, bigint>;
  /** Accounts whose cached balance differs from the sum of their entries. */
  drifted: bigint[];
  /** Ledger transactions that are not exactly two entries summing to zero. */
  unbalanced: bigint[];
}

/** An auditor's view of the whole ledger: every invariant double entry promises, checked from the rows. */
export async function checkLedger(db: Db): Promise<LedgerCheck> {
  const balances: Record<string, bigint> = {};
  for (const r of await db.query<{ currency: string; total: bigint }>(
    'select currency, sum(balance)::bigint as total from accounts group by currency',
  ))
    balances[r.currency] = r.total;
  const entries: Record<string, bigint> = {};
  for (const r of await db.query<{ currency: string; total: bigint }>(
    'select a.currency, coalesce(sum(e.amount), 0)::bigint as total from accounts a left join entries e using (account_id) group by a.currency',
  ))
    entries[r.currency] = r.total;
  const drifted = await db.query<{ account_id: bigint }>(
    `select a.account_id from accounts a
      where a.balance <> coalesce((select sum(amount) from entries e where e.account_id = a.account_id), 0)`,
  );
  const unbalanced = await db.query<{ tx_id: bigint }>(
    `select t.tx_id from ledger_transactions t left join entries e using (tx_id)
      group by t.tx_id having count(e.entry_id) <> 2 or coalesce(sum(e.amount), 0) <> 0`,
  );
  return {
    balances,
    entries,
    drifted: drifted.map((r) => r.account_id),
    unbalanced: unbalanced.map((r) => r.tx_id),
  };
}

export interface EntryRow {
  entry_id: bigint;
  amount: bigint;
  created_at: Date;
  description: string;
  kind: MovementKind;
  reference: string;
  /** The payment is still waiting for the other bank (ISO 20022 EntryStatus PDNG). */
  pending: boolean;
}

/** An account's entries, newest first, `before` an entry id (keyset paging: stable under inserts). */
export async function entriesOf(
  db: Db,
  accountId: bigint,
  opts: { before?: bigint; limit: number },
): Promise<EntryRow[]> {
  return db.query<EntryRow>(
    `select e.entry_id, e.amount, e.created_at, t.description, t.kind, t.reference,
            exists (select 1 from transfers tr where tr.bank_reference = t.reference and tr.status = 'PDNG') as pending
       from entries e join ledger_transactions t using (tx_id)
      where e.account_id = $1 and ($2::bigint is null or e.entry_id < $2)
      order by e.entry_id desc limit $3`,
    [accountId, opts.before ?? null, opts.limit],
  );
}
