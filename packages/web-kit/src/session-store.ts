import { randomBytes } from 'node:crypto';

/** What the store itself keeps on every session; a site adds its own fields. */
export interface StoredSession {
  /** 256 random bits, base64url: the cookie's value, unguessable. */
  id: string;
  lastSeen: number;
}

export interface SessionStoreOptions {
  /** A session unused this long is gone; default 12 hours. */
  idleMs?: number;
  /** At most this many sessions; a new one evicts the least recently used. Default 10,000. */
  maxSessions?: number;
}

/**
 * Server-side sessions behind an HttpOnly cookie; idle ones expire, and memory is bounded.
 * `init` gives a new session the site's own fields (an empty cart, nothing connected).
 */
export class SessionStore<S extends StoredSession> {
  readonly #sessions = new Map<string, S>();
  readonly #init: (base: StoredSession) => S;
  readonly #idleMs: number;
  readonly #maxSessions: number;

  constructor(init: (base: StoredSession) => S, o: SessionStoreOptions = {}) {
    this.#init = init;
    this.#idleMs = o.idleMs ?? 12 * 3600_000;
    this.#maxSessions = o.maxSessions ?? 10_000;
  }

  get size(): number {
    return this.#sessions.size;
  }

  get(id: string | undefined, now: number): S | undefined {
    if (!id) return undefined;
    const s = this.#sessions.get(id);
    if (!s) return undefined;
    if (now - s.lastSeen > this.#idleMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    s.lastSeen = now;
    // Most recently used last (a Map keeps insertion order), so eviction takes the stalest.
    this.#sessions.delete(id);
    this.#sessions.set(id, s);
    return s;
  }

  create(now: number): S {
    if (this.#sessions.size >= this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    const s = this.#init({ id: randomBytes(32).toString('base64url'), lastSeen: now });
    this.#sessions.set(s.id, s);
    return s;
  }
}
