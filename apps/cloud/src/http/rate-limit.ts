import { getConnInfo } from '@hono/node-server/conninfo';
import { problemFor, problemResponse } from '@tokenos/service-kit';
import type { Context, MiddlewareHandler } from 'hono';

export interface BucketLimit {
  /** Requests allowed in a burst. */
  burst: number;
  /** Sustained requests per second. */
  perSecond: number;
}

export interface RateLimits {
  perAddress: BucketLimit;
  /** Counted only after a request's signature verified, so nobody can spend another member's budget. */
  perMember: BucketLimit;
}

/**
 * Token buckets in this instance's memory. A limit, not a guarantee: each instance counts for
 * itself (N instances allow N times the rate), which is what a rate limit needs; anything that
 * must happen once is enforced by the database instead. Idle buckets are dropped.
 */
export class RateLimiter {
  readonly #limit: BucketLimit;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;

  constructor(limit: BucketLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.#now();
    const { burst, perSecond } = this.#limit;
    const b = this.#buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    if (this.#buckets.size > 100_000) this.#sweep(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.#buckets.set(key, b);
      return 0;
    }
    this.#buckets.set(key, b);
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }

  #sweep(now: number): void {
    const full = (this.#limit.burst / this.#limit.perSecond) * 1000;
    for (const [k, b] of this.#buckets) if (now - b.at > full) this.#buckets.delete(k);
  }
}

export function tooManyRequests(c: Context, retryAfter: number, scope: string): Response {
  return problemResponse(
    c,
    problemFor('TooManyRequests', `rate limit per ${scope} reached; retry after ${retryAfter}s`),
    { 'retry-after': String(retryAfter) },
  );
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function limitPerAddress(limiter: RateLimiter): MiddlewareHandler {
  return async (c, next) => {
    const wait = limiter.take(clientAddress(c));
    if (wait > 0) return tooManyRequests(c, wait, 'address');
    await next();
  };
}

const limiters = new WeakMap<object, { address: RateLimiter; member: RateLimiter }>();

/** This instance's limiters for a deps object (one app per deps), or undefined when limits are off. */
export function limitersFor(deps: {
  config: { rateLimits?: RateLimits };
  now: () => number;
}): { address: RateLimiter; member: RateLimiter } | undefined {
  const limits = deps.config.rateLimits;
  if (!limits) return undefined;
  let l = limiters.get(deps);
  if (!l) {
    l = {
      address: new RateLimiter(limits.perAddress, deps.now),
      member: new RateLimiter(limits.perMember, deps.now),
    };
    limiters.set(deps, l);
  }
  return l;
}
