import { createHmac } from 'node:crypto';
import type { Db } from '@tokenos/db';
import { fromBase64url, fromHex, hex, type MemberTokenMacKey, oinSchema } from '@tokenos/protocol';

/**
 * The member-token settings of a cloud: its OIN (seed 001) and, optionally, server keys pinned
 * from outside. Unpinned keys are generated on first use and stored (like cloud-keys.ts), so
 * every instance on one database shares them.
 */
export interface MemberTokenSettings {
  /** OpenToken Identification Number of this server, decimal (MEMBER_TOKEN_OIN, default 666666). */
  oin: string;
  /** AES-256 key for token ids (MEMBER_TOKEN_ID_KEY, base64url, 32 bytes). */
  idKey?: Uint8Array;
  /** HMAC key for the custom format's hash (MEMBER_TOKEN_HASH_KEY, base64url, >= 32 bytes). */
  hashKey?: Uint8Array;
}

/** The OIN of the seed's example, until a provider is given its own. */
export const DEFAULT_OIN = '666666';

export function memberTokenSettingsFromEnv(env: Record<string, string | undefined>): MemberTokenSettings {
  const oin = env.MEMBER_TOKEN_OIN ?? DEFAULT_OIN;
  if (!oinSchema.safeParse(oin).success)
    throw new RangeError(
      `MEMBER_TOKEN_OIN: expected a decimal number below 2^64, got ${JSON.stringify(oin)}`,
    );
  const settings: MemberTokenSettings = { oin };
  if (env.MEMBER_TOKEN_ID_KEY) {
    const key = fromBase64url(env.MEMBER_TOKEN_ID_KEY, 'MEMBER_TOKEN_ID_KEY');
    if (key.length !== 32)
      throw new RangeError(
        `MEMBER_TOKEN_ID_KEY: expected 32 bytes of base64url (AES-256), got ${key.length}`,
      );
    settings.idKey = key;
  }
  if (env.MEMBER_TOKEN_HASH_KEY) {
    const key = fromBase64url(env.MEMBER_TOKEN_HASH_KEY, 'MEMBER_TOKEN_HASH_KEY');
    if (key.length < 32)
      throw new RangeError(
        `MEMBER_TOKEN_HASH_KEY: expected at least 32 bytes of base64url, got ${key.length}`,
      );
    settings.hashKey = key;
  }
  return settings;
}

/**
 * The token-id key. It never rotates: the token id is the member's stable loyalty id and the only
 * handle a merchant keeps, so a new key would orphan every token. The first instance stores one;
 * racing instances lose the insert and read the winner's.
 */
export async function loadTokenIdKey(
  db: Db,
  randomBytes: (n: number) => Uint8Array,
  pinned?: Uint8Array,
): Promise<Uint8Array> {
  if (pinned) return pinned;
  await db.query('insert into member_token_id_key (secret) values ($1) on conflict do nothing', [
    randomBytes(32),
  ]);
  return (await db.one<{ secret: Uint8Array }>('select secret from member_token_id_key')).secret;
}

export interface HashKey {
  /** 16 bytes, hex: seed 001 "Hash Key ID". */
  keyId: string;
  secret: Uint8Array;
}

/**
 * A pinned key's id: the first 16 bytes of HMAC-SHA256(key, label). Every instance derives the
 * same id from the same key, and the id reveals nothing about the key (HMAC is a PRF).
 */
export function pinnedKeyId(secret: Uint8Array): string {
  return createHmac('sha256', secret)
    .update('OpenToken member-token hash key id v1')
    .digest('hex')
    .slice(0, 32);
}

/**
 * The key new custom tokens are hashed under. A pinned key becomes the active one (the previous
 * active key is retired); a pinned key that was already retired is refused, since tokens under it
 * are refused. Otherwise the stored active key, or a new random one on first use.
 */
export async function activeHashKey(
  db: Db,
  randomBytes: (n: number) => Uint8Array,
  pinned?: Uint8Array,
): Promise<HashKey> {
  if (pinned) {
    const keyId = pinnedKeyId(pinned);
    const current = await db.maybeOne<{ status: string }>(
      'select status from member_token_keys where key_id = $1',
      [keyId],
    );
    if (current?.status === 'active') return { keyId, secret: pinned };
    return db.transaction(async (tx) => {
      const row = await tx.maybeOne<{ status: string }>(
        'select status from member_token_keys where key_id = $1 for update',
        [keyId],
      );
      if (row?.status === 'retired')
        throw new RangeError(`MEMBER_TOKEN_HASH_KEY: key ${keyId} was retired; pin a new key`);
      if (!row) {
        await tx.query(
          "update member_token_keys set status = 'retired', retired_at = now() where status = 'active'",
        );
        // A racing instance pinning the same key inserted it first: the row it wrote is this one.
        await tx.query(
          "insert into member_token_keys (key_id, secret, status) values ($1, $2, 'active') on conflict do nothing",
          [keyId, pinned],
        );
      }
      return { keyId, secret: pinned };
    });
  }
  const active = () =>
    db.maybeOne<{ key_id: string; secret: Uint8Array }>(
      "select key_id, secret from member_token_keys where status = 'active'",
    );
  let row = await active();
  if (!row) {
    // The partial unique index lets one of several racing instances win; the others read its key.
    await db.query(
      "insert into member_token_keys (key_id, secret, status) values ($1, $2, 'active') on conflict do nothing",
      [hex(randomBytes(16)), randomBytes(32)],
    );
    row = await active();
  }
  if (!row) throw new Error('member-token hash key: no active key after creating one');
  return { keyId: row.key_id, secret: row.secret };
}

/** The key named by a token, active or retired; none when this server never had it. */
export async function hashKeysById(db: Db, keyId: string): Promise<MemberTokenMacKey[]> {
  const row = await db.maybeOne<{ key_id: string; secret: Uint8Array; status: 'active' | 'retired' }>(
    'select key_id, secret, status from member_token_keys where key_id = $1',
    [keyId],
  );
  return row ? [{ keyId: fromHex(row.key_id), secret: row.secret, status: row.status }] : [];
}

/**
 * Rotation: retires the active key and makes a new one active, in one transaction. Custom tokens
 * issued before are refused from then on (KeyRetired); their holders fetch them again (GET
 * /member-tokens/{id}) and get the same token id under the new key. An operator's step; no route.
 */
export async function rotateMemberTokenHashKey(
  db: Db,
  randomBytes: (n: number) => Uint8Array,
): Promise<HashKey> {
  const next: HashKey = { keyId: hex(randomBytes(16)), secret: randomBytes(32) };
  await db.transaction(async (tx) => {
    await tx.query(
      "update member_token_keys set status = 'retired', retired_at = now() where status = 'active'",
    );
    await tx.query("insert into member_token_keys (key_id, secret, status) values ($1, $2, 'active')", [
      next.keyId,
      next.secret,
    ]);
  });
  return next;
}
