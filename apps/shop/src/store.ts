import { randomBytes } from 'node:crypto';
import type { AccountRef, Money } from '@tokenos/protocol';
import { SessionStore, type StoredSession } from '@tokenos/web-kit';
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
  /** For the logs: the error's message. Never shown; the page's words come from `failureCode`. */
  failure?: string;
  /** The error's code (the cloud's, or the shop's own: failure-words.ts), for the words shown. */
  failureCode?: string | undefined;
  refund?: { tokenId?: string; transfer?: Transfer; failure?: string; failureCode?: string };
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

export interface Session extends StoredSession {
  cart: Map<string, number>;
  /** The payment request in flight: its CSRF token never leaves the server. */
  checkout?: { orderId: string; requestId: string; csrfToken: string };
}

export type ShopSessions = SessionStore<Session>;

/** The shop's server-side sessions (@tokenos/web-kit): each starts with an empty cart. */
export function shopSessions(): ShopSessions {
  return new SessionStore((base) => ({ ...base, cart: new Map() }));
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
