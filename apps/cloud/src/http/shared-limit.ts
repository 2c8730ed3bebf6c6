import type { Db } from '@tokenos/db';

export interface WindowLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

/**
 * Counts one request for `key` in the current fixed window, in the database, so the limit holds
 * across instances (unlike the in-memory token buckets of rate-limit.ts). Returns 0 when allowed,
 * else the seconds until the window ends. A window boundary can let through up to twice `max` in a
 * short span; that is the price of one upsert per request.
 */
export async function takeShared(
  db: Db,
  o: { scope: string; key: string; limit: WindowLimit; now: number },
): Promise<number> {
  const start = Math.floor(o.now / o.limit.windowMs) * o.limit.windowMs;
  const row = await db.one<{ count: number }>(
    `insert into rate_counters (scope, key, window_start, count) values ($1, $2, $3, 1)
     on conflict (scope, key, window_start) do update set count = rate_counters.count + 1
     returning count`,
    [o.scope, o.key, new Date(start)],
  );
  if (Number(row.count) <= o.limit.max) return 0;
  return Math.max(1, Math.ceil((start + o.limit.windowMs - o.now) / 1000));
}

/** Deletes windows that ended more than a day ago. Returns how many went. */
export async function purgeSharedCounters(db: Db, now: number): Promise<number> {
  const rows = await db.query('delete from rate_counters where window_start < $1 returning 1', [
    new Date(now - 24 * 60 * 60_000),
  ]);
  return rows.length;
}
