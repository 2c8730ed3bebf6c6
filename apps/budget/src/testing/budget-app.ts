// The budget app under test without a cloud: a stand-in for the cloud's access reads, the app
// wired to it, and a browser of its own. Used by app.test.ts and languages.test.ts.
import type { AccountBalance, AccountTransaction, LinkedAccount } from '@tokenos/protocol';
import { ApiError } from '@tokenos/sdk';
import { FakeTokenRequests, testBrowser } from '@tokenos/web-kit/testing';
import { expect } from 'vitest';
import { createBudgetApp } from '../app.ts';
import type { BudgetConfig } from '../config.ts';
import type { AisGateway } from '../gateway.ts';
import { budgetSessions } from '../sessions.ts';

export const config: BudgetConfig = {
  name: 'Tally',
  publicUrl: 'http://localhost:5175',
  cloudUrl: 'http://localhost:4000',
  walletOrigin: 'http://localhost:5173',
  dataDir: '/nonexistent',
  grantDays: 90,
};
export const now = Date.UTC(2026, 10, 22, 12);
export const day = 24 * 3600_000;
export const eur = (value: string) => ({ value, currency: 'EUR' as const });

export const accounts: LinkedAccount[] = [
  { accountRef: 'current-acct', name: 'Current account', currency: 'EUR', maskedNumber: '**** 1234' },
  { accountRef: 'savings-acct', name: 'Savings', currency: 'EUR', maskedNumber: '**** 5678' },
];
export const tx = (
  id: string,
  value: string,
  side: 'CRDT' | 'DBIT',
  daysAgo: number,
  description: string,
): AccountTransaction => ({
  id,
  bookedAt: now - daysAgo * day,
  amount: eur(value),
  creditDebitIndicator: side,
  status: 'BOOK',
  description,
});

/** A cloud stand-in: a grant is live until revoked; reads of a revoked grant fail as the cloud's do. */
export class FakeCloud
  extends FakeTokenRequests<{ days: number; redirectUrl: string }>
  implements AisGateway
{
  revoked = new Set<string>();
  /** Old grant id to the grant that replaced it. */
  replaced = new Map<string, string>();
  disconnected: string[] = [];
  balanceRefused = false;
  /** The name the user shared in the grant; undefined: no profile field shared. */
  sharedName: string | undefined;
  /** What reading the accounts throws instead (a bank that does not answer, a bug). */
  failure: Error | undefined;

  constructor() {
    super('G');
  }

  async requestAccess(o: { days: number; returnOrigin: string; redirectUrl: string }) {
    return this.createRequest({ days: o.days, redirectUrl: o.redirectUrl });
  }

  #live(tokenId: string) {
    if (this.revoked.has(tokenId))
      throw new ApiError(409, 'Cancelled', `access token ${tokenId} is revokedByPsu`, { field: 'tokenId' });
  }
  async accounts(tokenId: string) {
    this.#live(tokenId);
    if (this.failure) throw this.failure;
    return accounts;
  }
  async balance(tokenId: string, ref: string): Promise<AccountBalance> {
    this.#live(tokenId);
    if (this.balanceRefused)
      throw new ApiError(403, 'Forbidden', 'the grant allows transactions, not balances', { field: 'scope' });
    return {
      accountRef: ref,
      booked: eur(ref === 'current-acct' ? '1487.50' : '5000.00'),
      available: eur(ref === 'current-acct' ? '1487.50' : '5000.00'),
      asOf: now,
    };
  }
  async transactions(tokenId: string, ref: string) {
    this.#live(tokenId);
    return ref === 'current-acct'
      ? [
          tx('t1', '12.50', 'DBIT', 1, 'Demo Shop order 7F3K'),
          tx('t0', '1500.00', 'CRDT', 40, 'Opening balance'),
        ]
      : [tx('s0', '5000.00', 'CRDT', 40, 'Opening balance')];
  }
  async profile(tokenId: string) {
    this.#live(tokenId);
    if (this.sharedName === undefined)
      throw new ApiError(404, 'NotFound', 'this grant names no profile fields', { field: 'resources' });
    return { fields: ['name' as const], profile: { name: this.sharedName } };
  }
  async disconnect(tokenId: string) {
    this.disconnected.push(tokenId);
  }
  async successor(tokenId: string) {
    const next = this.replaced.get(tokenId);
    return next && !this.revoked.has(next) ? next : undefined;
  }
}

export function setup() {
  const cloud = new FakeCloud();
  const app = createBudgetApp({
    config,
    gateway: cloud,
    sessions: budgetSessions(),
    state: { ready: true, widgetIntegrity: 'sha384-xyz' },
    now: () => now,
  });
  /** A browser of its own: keeps its session cookie, sends the app's Origin on every POST. */
  const browser = () => testBrowser(app, config.publicUrl);
  return { cloud, app, browser, ...browser() };
}

/** A browser whose session holds a verified grant. */
export async function connected() {
  const s = setup();
  await s.json('/api/connect', {});
  expect((await s.json('/api/connect/complete', { result: s.cloud.resultFor(1) })).status).toBe(200);
  return s;
}
