import { randomBytes } from 'node:crypto';
import type { AccountRef, Money } from '@tokenos/protocol';
import type { Line } from './catalog.ts';
import type { Transfer } from './gateway.ts';
import { JsonFileMap } from './json-file-map.ts';
import type { OrderShipping } from './shipping.ts';

export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

export type OrderStatus =
  | 'awaiting-payment'
  | 'cancelled'
  | 'processing'
  | 'paid'
  | 'failed'
  | 'refunding'
  | 'refunded'
  | 'refund-failed';

export interface Order {
  /** Also the refId of the payment request and of the redemption: a retry never pays twice. */
  id: string;
  sessionId: string;
  createdAt: number;
  lines: Line[];
  total: Money;
  status: OrderStatus;
  requestId: string;
  tokenId?: string;
  payer?: string;
  payerAccount?: AccountRef;
  transfer?: Transfer;
  failure?: string;
  refund?: { tokenId?: string; transfer?: Transfer; failure?: string };
  /** Present when the payment request asked for a shipping address. */
  shipping?: OrderShipping;
}

/** Orders in memory, written to one JSON file after each change (json-file-map.ts). */
export class OrderStore extends JsonFileMap<Order> {
  static open(path?: string): Promise<OrderStore> {
    return new OrderStore(path).load();
  }

  forSession(sessionId: string): Order[] {
    return this.values()
      .filter((o) => o.sessionId === sessionId && o.status !== 'awaiting-payment' && o.status !== 'cancelled')
      .sort((a, b) => b.createdAt - a.createdAt);
  }
}

export interface Session {
  id: string;
  cart: Map<string, number>;
  /** The payment request in flight: its CSRF token never leaves the server. */
  checkout?: { orderId: string; requestId: string; csrfToken: string };
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
    // Most recently used last, so eviction takes the stalest.
    this.#sessions.delete(id);
    this.#sessions.set(id, s);
    return s;
  }

  create(now: number): Session {
    if (this.#sessions.size >= maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    const s: Session = { id: randomId(32), cart: new Map(), lastSeen: now };
    this.#sessions.set(s.id, s);
    return s;
  }
}

/** One operation per key at a time (a double-clicked refund, a result posted twice at once). */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    const tail = run.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
