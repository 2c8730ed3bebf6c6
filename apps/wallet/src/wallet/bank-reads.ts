// The member's own reads at its banks (GET /me/accounts and an account's transactions), signed
// with the wallet's LOW key and sent through this origin's /banks/<id> relay: the relay drops the
// prefix, so the bank sees the path the wallet signed (RFC 9421 `@path`).
import { useQuery } from '@tanstack/react-query';
import {
  type AccountBalance,
  accountBalanceSchema,
  type LinkedAccount,
  linkedAccountSchema,
  ProtocolError,
  parseWith,
  type TransactionsPage,
  transactionsPageSchema,
} from '@tokenos/protocol';
import { CloudClient, type Member } from '@tokenos/sdk';
import type { BankLinkRecord } from './wallet-db.ts';

export interface BankAccount extends LinkedAccount {
  balance: Omit<AccountBalance, 'accountRef'>;
}

const bankAccountSchema = linkedAccountSchema.extend({
  balance: accountBalanceSchema.omit({ accountRef: true }),
});

/** Recent transactions shown per account; the bank pages the rest. */
export const recentTransactionCount = 5;

/** How often an open accounts screen asks the bank again. */
const refreshMs = 60_000;

export function bankClient(member: Member, bankKey: string): CloudClient {
  return new CloudClient({
    // Signed paths are the bank's own; only the fetch goes through the relay.
    baseUrl: 'http://bank.invalid',
    now: member.client.now,
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return fetch(`/banks/${encodeURIComponent(bankKey)}${url.pathname}${url.search}`, init);
    },
  });
}

/** The bank's answer to GET /me/accounts, each account checked against the protocol's schemas. */
export function parseBankAccounts(input: unknown): BankAccount[] {
  const accounts =
    typeof input === 'object' && input !== null && 'accounts' in input ? input.accounts : undefined;
  if (!Array.isArray(accounts) || accounts.length > 100)
    throw new ProtocolError('Malformed', 'accounts: expected a list of at most 100 accounts', {
      field: 'accounts',
    });
  return accounts.map((a) => parseWith(bankAccountSchema, a, 'bank account'));
}

export async function readBankAccounts(member: Member, bankKey: string): Promise<BankAccount[]> {
  const signer = await member.signerFor('LOW');
  return parseBankAccounts(
    await bankClient(member, bankKey).send<unknown>('GET', '/me/accounts', undefined, signer),
  );
}

export async function readBankTransactions(
  member: Member,
  bankKey: string,
  accountRef: string,
): Promise<TransactionsPage> {
  const signer = await member.signerFor('LOW');
  const path = `/me/accounts/${encodeURIComponent(accountRef)}/transactions?limit=${recentTransactionCount}`;
  const page = parseWith(
    transactionsPageSchema,
    await bankClient(member, bankKey).send<unknown>('GET', path, undefined, signer),
    'transactions page',
  );
  if (page.accountRef !== accountRef)
    throw new ProtocolError('Malformed', `expected transactions of ${accountRef}, got ${page.accountRef}`, {
      field: 'accountRef',
    });
  return page;
}

/** Balances of the accounts linked at one bank. Keys: ['bank-accounts', bankId]. */
export function useBankAccounts(member: Member, link: BankLinkRecord) {
  return useQuery({
    queryKey: ['bank-accounts', link.bankId],
    queryFn: () => readBankAccounts(member, link.bankKey),
    refetchInterval: refreshMs,
  });
}

/** The newest transactions of one account. Keys: ['bank-transactions', bankId, accountRef]. */
export function useBankTransactions(member: Member, link: BankLinkRecord, accountRef: string) {
  return useQuery({
    queryKey: ['bank-transactions', link.bankId, accountRef],
    queryFn: () => readBankTransactions(member, link.bankKey, accountRef),
    refetchInterval: refreshMs,
  });
}
