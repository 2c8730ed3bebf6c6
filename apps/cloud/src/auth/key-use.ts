import type { CloudDeps } from '../deps.ts';

/** "Last used" is shown to the minute, so one write a minute per key is plenty. */
export const keyUseResolutionMs = 60_000;

const written = new WeakMap<object, Map<string, number>>();

/**
 * Notes that a key just signed a request, for "Your devices". This instance remembers when it last
 * wrote each key and skips the database within a minute of that, so a signed request costs no
 * extra query most of the time.
 */
export async function noteKeyUse(
  deps: CloudDeps,
  memberId: string,
  keyId: string,
  now: number,
): Promise<void> {
  let seen = written.get(deps);
  if (!seen) {
    seen = new Map();
    written.set(deps, seen);
  }
  const id = `${memberId}:${keyId}`;
  const last = seen.get(id);
  if (last !== undefined && now - last < keyUseResolutionMs) return;
  if (seen.size > 100_000) seen.clear();
  seen.set(id, now);
  await deps.db.query(
    `insert into device_keys (member_id, key_id, last_used_at) values ($1, $2, $3)
     on conflict (member_id, key_id) do update set last_used_at = $3`,
    [memberId, keyId, new Date(now)],
  );
}
