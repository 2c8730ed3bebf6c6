import { SessionStore, type StoredSession } from '@tokenos/web-kit';

export interface Session extends StoredSession {
  /** The access request in flight: its CSRF token never leaves the server. */
  connect?: { requestId: string; csrfToken: string };
  /** The live grant: the access token the user's wallet made out to this app. */
  grant?: { tokenId: string; connectedAt: number };
  /** The last grant stopped working (revoked in the wallet, or expired): the page says so. */
  ended?: { reason: 'revoked' | 'expired'; at: number };
}

export type BudgetSessions = SessionStore<Session>;

/** The app's server-side sessions (@tokenos/web-kit): each starts with nothing connected. */
export function budgetSessions(): BudgetSessions {
  return new SessionStore<Session>((base) => base);
}
