import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Db } from '@tokenos/db';
import { type AliasValue, aliasLookupInput, utf8 } from '@tokenos/protocol';
import type { CloudDeps } from '../deps.ts';

/** Below this a pepper adds little against an offline guess of every address on a list. */
export const minPepperBytes = 32;

/**
 * The secret alias lookups and one-time codes are hashed under. `pinned` (ALIAS_PEPPER) keeps it
 * out of the database; otherwise the first instance stores one and racing instances lose the insert
 * and read the winner's, as with the cloud's signing key (cloud-keys.ts).
 */
export async function loadAliasPepper(
  db: Db,
  randomBytes: (n: number) => Uint8Array,
  pinned?: Uint8Array,
): Promise<Uint8Array> {
  if (pinned) {
    if (pinned.length < minPepperBytes)
      throw new RangeError(`alias pepper: expected at least ${minPepperBytes} bytes, got ${pinned.length}`);
    return pinned;
  }
  await db.query(
    "insert into alias_pepper (slot, secret) values ('pepper', $1) on conflict (slot) do nothing",
    [randomBytes(32)],
  );
  const row = await db.one<{ secret: Uint8Array }>("select secret from alias_pepper where slot = 'pepper'");
  return row.secret;
}

/** Separate keys per use, so a code hash can never be mistaken for a lookup hash. */
export interface AliasKeys {
  lookup: Uint8Array;
  code: Uint8Array;
}

function deriveKeys(pepper: Uint8Array): AliasKeys {
  return {
    lookup: hmac(sha256, pepper, utf8('tokenos alias lookup v1')),
    code: hmac(sha256, pepper, utf8('tokenos alias code v1')),
  };
}

// Once stored the pepper never changes, so one load per deps object (one per process) is enough.
const cache = new WeakMap<CloudDeps, Promise<AliasKeys>>();

export function aliasKeysFor(deps: CloudDeps): Promise<AliasKeys> {
  let keys = cache.get(deps);
  if (!keys) {
    keys = loadAliasPepper(deps.db, deps.randomBytes, deps.config.aliasPepper).then(deriveKeys);
    // A failed load (database briefly down) must not stick: the next request tries again.
    keys.catch(() => cache.delete(deps));
    cache.set(deps, keys);
  }
  return keys;
}

/** The resolution index key: HMAC-SHA256 of "TYPE:normalized value"; a stolen index is not a list of emails. */
export function aliasLookupHash(keys: AliasKeys, alias: AliasValue): Uint8Array {
  return hmac(sha256, keys.lookup, aliasLookupInput(alias));
}

/** A one-time code is stored only as this, bound to its verification so a hash can't be reused elsewhere. */
export function codeHash(keys: AliasKeys, verificationId: string, code: string): Uint8Array {
  return hmac(sha256, keys.code, utf8(`${verificationId}:${code}`));
}
