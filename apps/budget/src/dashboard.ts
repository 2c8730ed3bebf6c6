import {
  type AccountBalance,
  type AccountTransaction,
  formatAmount,
  type LinkedAccount,
  parseAmount,
} from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';
import type { AisGateway } from './gateway.ts';

export interface AccountView extends LinkedAccount {
  balance?: AccountBalance;
  /** What the grant does not let the app read of this account (the page says it in words). */
  notShared?: 'balance' | 'transactions' | 'both';
}

export interface Row extends AccountTransaction {
  accountName: string;
}

export interface Totals {
  currency: string;
  /** Sum of booked balances, a decimal string (may be negative). */
  balance: string;
  moneyIn: string;
  moneyOut: string;
}

export interface Dashboard {
  /** The user's name, when they chose to share it in the grant. */
  name?: string;
  accounts: AccountView[];
  totals: Totals[];
  /** Every account's transactions, newest first. */
  rows: Row[];
}

/** The grant no longer lets the app read: revoked (or replaced) in the wallet, or expired. */
export class GrantEnded extends Error {
  readonly reason: 'revoked' | 'expired';
  constructor(reason: 'revoked' | 'expired', options?: { cause?: unknown }) {
    super(`the access grant was ${reason}`, options);
    this.name = 'GrantEnded';
    this.reason = reason;
  }
}

/** Cancelled and Expired end the grant; NotFound too (the cloud answers it for a token it no longer lets us see). */
function ended(e: unknown): GrantEnded | undefined {
  if (isApiError(e, 'Expired')) return new GrantEnded('expired', { cause: e });
  if (isApiError(e, 'Cancelled') || (isApiError(e, 'NotFound') && e.field === 'tokenId'))
    return new GrantEnded('revoked', { cause: e });
  return undefined;
}

/** One read; `undefined` when the grant does not cover it (Forbidden), so the rest still shows. */
async function part<T>(read: () => Promise<T>): Promise<{ value: T } | undefined> {
  try {
    return { value: await read() };
  } catch (e) {
    const end = ended(e);
    if (end) throw end;
    if (isApiError(e, 'Forbidden')) return undefined;
    throw e;
  }
}

const dayMs = 24 * 3600_000;

/** Totals per currency: balances, and money in and out over the last 30 days (bigint minor units). */
export function summarize(accounts: readonly AccountView[], rows: readonly Row[], now: number): Totals[] {
  const sums = new Map<string, { balance: bigint; moneyIn: bigint; moneyOut: bigint }>();
  const of = (currency: string) => {
    const known = sums.get(currency);
    if (known) return known;
    const fresh = { balance: 0n, moneyIn: 0n, moneyOut: 0n };
    sums.set(currency, fresh);
    return fresh;
  };
  for (const a of accounts)
    if (a.balance)
      of(a.currency).balance += parseAmount(a.balance.booked.value, a.balance.booked.currency, {
        allowZero: true,
        allowNegative: true,
      });
    else of(a.currency);
  for (const r of rows) {
    if (now - r.bookedAt > 30 * dayMs || r.status !== 'BOOK') continue;
    const minor = parseAmount(r.amount.value, r.amount.currency);
    if (r.creditDebitIndicator === 'CRDT') of(r.amount.currency).moneyIn += minor;
    else of(r.amount.currency).moneyOut += minor;
  }
  return [...sums].map(([currency, s]) => ({
    currency,
    balance: formatAmount(s.balance, currency),
    moneyIn: formatAmount(s.moneyIn, currency),
    moneyOut: formatAmount(s.moneyOut, currency),
  }));
}

/** Reads everything the grant allows, through the cloud; throws GrantEnded when it allows nothing any more. */
export async function loadDashboard(gateway: AisGateway, tokenId: string, now: number): Promise<Dashboard> {
  const listed = await part(() => gateway.accounts(tokenId));
  if (!listed) throw new GrantEnded('revoked');
  const accounts: AccountView[] = [];
  const rows: Row[] = [];
  await Promise.all(
    listed.value.map(async (account) => {
      const [balance, transactions] = await Promise.all([
        part(() => gateway.balance(tokenId, account.accountRef)),
        part(() => gateway.transactions(tokenId, account.accountRef)),
      ]);
      const view: AccountView = { ...account };
      if (balance) view.balance = balance.value;
      if (transactions) rows.push(...transactions.value.map((t) => ({ ...t, accountName: account.name })));
      if (!balance || !transactions)
        view.notShared = !balance && !transactions ? 'both' : balance ? 'transactions' : 'balance';
      accounts.push(view);
    }),
  );
  // The name is shared only if the user ticked it; a grant without it is live all the same.
  const profile = await part(() =>
    gateway.profile(tokenId).catch((e: unknown) => {
      if (isApiError(e, 'NotFound') && e.field === 'resources') return undefined;
      throw e;
    }),
  );
  const name = profile?.value?.profile.name;
  const order = new Map(listed.value.map((a, i) => [a.accountRef, i]));
  accounts.sort((a, b) => (order.get(a.accountRef) ?? 0) - (order.get(b.accountRef) ?? 0));
  rows.sort((a, b) => b.bookedAt - a.bookedAt);
  return { ...(name ? { name } : {}), accounts, totals: summarize(accounts, rows, now), rows };
}
