import {
  type AccountBalance,
  formatAmount,
  type LinkedAccount,
  ProtocolError,
  parseWith,
  type TransactionsPage,
} from '@tokenos/protocol';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';
import { maskAccountNumber } from '../ledger/iban.ts';
import type { AccountRow } from '../ledger/ledger.ts';
import { transactionsPage } from '../ledger/transactions-page.ts';
import { resolveAccountRef } from '../link/store.ts';

/** One of the member's own linked accounts with its balance: what the wallet shows, never the IBAN. */
export interface OwnAccount extends LinkedAccount {
  balance: Omit<AccountBalance, 'accountRef'>;
}

export const ownTransactionsQuerySchema = z.strictObject({
  accountRef: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected an opaque account reference'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'expected the nextCursor of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

function money(minor: bigint, currency: string): { value: string; currency: LinkedAccount['currency'] } {
  return { value: formatAmount(minor, currency), currency: currency as LinkedAccount['currency'] };
}

/**
 * GET /me/accounts: the open accounts behind the member's active links, each by the reference the
 * link gave it. Pending and revoked links, and closed accounts, show nothing.
 */
export async function listOwnAccounts(deps: BankDeps, memberId: string): Promise<{ accounts: OwnAccount[] }> {
  const rows = await deps.db.query<AccountRow & { account_ref: string }>(
    `select a.*, r.account_ref
       from account_refs r join links l using (link_id) join accounts a on a.account_id = r.account_id
      where l.member_id = $1 and l.status = 'active' and a.status = 'open'
      order by l.activated_at, a.account_id`,
    [memberId],
  );
  const asOf = deps.now();
  return {
    accounts: rows.map((a) => {
      const amount = money(a.balance, a.currency);
      return {
        accountRef: a.account_ref,
        name: a.name,
        currency: a.currency as LinkedAccount['currency'],
        maskedNumber: maskAccountNumber(a.iban ?? '0000'),
        // No holds or credit lines at this bank: what is booked is available.
        balance: { booked: amount, available: amount, asOf },
      };
    }),
  };
}

/**
 * GET /me/accounts/:accountRef/transactions: newest first, a page at a time. A reference linked to
 * another member, through a link not yet finished, or to a closed account is NotFound, so the
 * answer does not tell a stranger which references exist.
 */
export async function ownTransactions(
  deps: BankDeps,
  memberId: string,
  input: unknown,
): Promise<TransactionsPage> {
  const req = parseWith(ownTransactionsQuerySchema, input, 'transactions request');
  const resolved = await resolveAccountRef(deps.db, req.accountRef);
  if (!resolved || resolved.memberId !== memberId || resolved.account.status !== 'open')
    throw new ProtocolError('NotFound', `account ${req.accountRef} is not linked to member ${memberId}`, {
      field: 'accountRef',
    });
  return transactionsPage(deps.db, resolved.account, req.accountRef, {
    cursor: req.cursor,
    limit: req.limit,
  });
}
