import { randomBytes } from 'node:crypto';

export interface Session {
  id: string;
  /** The access request in flight: its CSRF token never leaves the server. */
  connect?: { requestId: string; csrfToken: string };
  /** The live grant: the access token the user's wallet made out to this app. */
  grant?: { tokenId: string; connectedAt: number };
  /** The last grant stopped working (revoked in the wallet, or expired): the page says so. */
  ended?: { reason: 'revoked' | 'expired'; at: number };
  lastSeen: number;
}

const idleMs = 12 * 3600_000;
const maxSessions = 10_000;

/** Server-side sessions behind an HttpOnly cookie; idle ones expire, and memory is bounded. */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  get(id: string | undefined, now: number): Session | undefined {
    if (!id) return undefined;
    const s = this.#sessions.get(id);
    if (!s) return undefined;
    if (now - s.lastSeen > idleMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    s.lastSeen = now;
    this.#sessions.delete(id);
    this.#sessions.set(id, s);
    return s;
  }

  create(now: number): Session {
    if (this.#sessions.size >= maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    const s: Session = { id: randomBytes(32).toString('base64url'), lastSeen: now };
    this.#sessions.set(s.id, s);
    return s;
  }
}
