import type {
  AccountBalance,
  AccountTransaction,
  GrantedProfile,
  LinkedAccount,
  TokenRequestResult,
} from '@tokenos/protocol';
import {
  cancelToken,
  createTokenRequest,
  getToken,
  type Member,
  readAccounts,
  readBalance,
  readGrantedProfile,
  readTransactions,
  verifyTokenRequestResult,
} from '@tokenos/sdk';

/** What the app needs from the token cloud as an account-information service; the SDK implements it. */
export interface AisGateway {
  /**
   * A signed request for read access for `days`: balances and transactions, and `details` (each
   * account's name and masked number), without which the bank lists no account to read.
   */
  requestAccess(o: { days: number; returnOrigin: string; redirectUrl: string }): Promise<{
    requestId: string;
    csrfToken: string;
  }>;
  verifyResult(
    result: unknown,
    expected: { requestId: string; csrfToken: string },
  ): Promise<TokenRequestResult>;
  accounts(tokenId: string): Promise<LinkedAccount[]>;
  balance(tokenId: string, accountRef: string): Promise<AccountBalance>;
  transactions(tokenId: string, accountRef: string): Promise<AccountTransaction[]>;
  /** The profile fields the user chose to share in the grant (Forbidden when none). */
  profile(tokenId: string): Promise<GrantedProfile>;
  /** The app ends the grant itself (the token becomes terminatedByTpp). */
  disconnect(tokenId: string): Promise<void>;
  /** The grant that replaced this one (the user narrowed it in the wallet), if it is live. */
  successor(tokenId: string): Promise<string | undefined>;
}

export function sdkGateway(o: { member: Member; requester: { name: string; domain: string } }): AisGateway {
  const { member } = o;
  return {
    async requestAccess(r) {
      const created = await createTokenRequest(member, {
        // The name only to greet the user by; the wallet shares it only if the user ticks it.
        body: {
          kind: 'access',
          scopes: ['details', 'balances', 'transactions'],
          days: r.days,
          profile: ['name'],
        },
        requester: o.requester,
        returnOrigin: r.returnOrigin,
        redirectUrl: r.redirectUrl,
      });
      return { requestId: created.id, csrfToken: created.csrfToken };
    },
    verifyResult: (result, expected) => verifyTokenRequestResult(member.client, result, expected),
    accounts: (tokenId) => readAccounts(member, tokenId),
    balance: (tokenId, ref) => readBalance(member, tokenId, ref),
    transactions: async (tokenId, ref) => (await readTransactions(member, tokenId, ref)).transactions,
    profile: (tokenId) => readGrantedProfile(member, tokenId),
    async disconnect(tokenId) {
      await cancelToken(member, tokenId);
    },
    async successor(tokenId) {
      const old = await getToken(member, tokenId);
      if (old.status !== 'replaced' || !old.replacedBy) return undefined;
      const next = await getToken(member, old.replacedBy);
      return next.status === 'valid' ? next.id : undefined;
    },
  };
}

/** A gateway whose implementation arrives once the app's member is loaded; until then it refuses. */
export function deferredGateway(): { gateway: AisGateway; set(inner: AisGateway): void } {
  let inner: AisGateway | undefined;
  const use = (): AisGateway => {
    if (!inner) throw new Error('the app is still starting');
    return inner;
  };
  return {
    set: (g) => {
      inner = g;
    },
    gateway: {
      requestAccess: (o) => use().requestAccess(o),
      verifyResult: (r, e) => use().verifyResult(r, e),
      accounts: (t) => use().accounts(t),
      balance: (t, a) => use().balance(t, a),
      transactions: (t, a) => use().transactions(t, a),
      profile: (t) => use().profile(t),
      disconnect: (t) => use().disconnect(t),
      successor: (t) => use().successor(t),
    },
  };
}
