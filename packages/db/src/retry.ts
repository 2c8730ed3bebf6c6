import { DbConflictError, isDeadlock, isSerializationFailure } from './errors.ts';

export const DEFAULT_MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 500;

/**
 * "Full jitter" backoff: a random wait up to an exponentially growing cap, so transactions that
 * collided once do not collide again in lockstep.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
}

/**
 * Runs `attempt` until it settles without a serialization failure or deadlock. PostgreSQL rolls the
 * whole transaction back on both, and its documentation (§13.2.3) asks the client to run it again
 * from the start; after `maxAttempts` runs the last failure is wrapped in DbConflictError.
 */
export async function retryConflicts<T>(attempt: () => Promise<T>, maxAttempts: number): Promise<T> {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      // A nested DbConflictError already used up its own attempts; replaying again would multiply them.
      if (e instanceof DbConflictError || !(isSerializationFailure(e) || isDeadlock(e))) throw e;
      if (n >= maxAttempts) throw new DbConflictError(n, e);
      await new Promise((resolve) => setTimeout(resolve, backoffMs(n)));
    }
  }
}
