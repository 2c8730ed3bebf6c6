import { randomBytes } from 'node:crypto';
import { base64url } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import {
  activeHashKey,
  hashKeysById,
  loadTokenIdKey,
  memberTokenSettingsFromEnv,
  pinnedKeyId,
  rotateMemberTokenHashKey,
} from './keys.ts';
import { decryptTokenId, encryptTokenId, newInternalId } from './token-id.ts';

const cloud = perFileCloud();

const random = (n: number) => new Uint8Array(randomBytes(n));

describe('member-token server keys', () => {
  it('settings come from the environment and refuse what would fail later', () => {
    expect(memberTokenSettingsFromEnv({})).toEqual({ oin: '666666' });
    const key = base64url(random(32));
    expect(
      memberTokenSettingsFromEnv({
        MEMBER_TOKEN_OIN: '42',
        MEMBER_TOKEN_ID_KEY: key,
        MEMBER_TOKEN_HASH_KEY: key,
      }),
    ).toMatchObject({
      oin: '42',
    });
    expect(() => memberTokenSettingsFromEnv({ MEMBER_TOKEN_OIN: '042' })).toThrow(/MEMBER_TOKEN_OIN/);
    expect(() => memberTokenSettingsFromEnv({ MEMBER_TOKEN_OIN: '18446744073709551616' })).toThrow(
      /MEMBER_TOKEN_OIN/,
    );
    expect(() => memberTokenSettingsFromEnv({ MEMBER_TOKEN_ID_KEY: base64url(random(16)) })).toThrow(
      /32 bytes/,
    );
    expect(() => memberTokenSettingsFromEnv({ MEMBER_TOKEN_HASH_KEY: base64url(random(31)) })).toThrow(
      /at least 32/,
    );
  });

  it('the token-id key is stored once: every later load, from any instance, gets the first', async () => {
    const first = await loadTokenIdKey(cloud.db, random);
    const sibling = await cloud.db.openSibling();
    expect(await loadTokenIdKey(sibling, random)).toEqual(first);
    expect(first).toHaveLength(32);
  });

  it('token ids: one AES block, a permutation that maps back', async () => {
    const key = random(32);
    const ids = Array.from({ length: 200 }, () => newInternalId(random));
    const tokenIds = ids.map((id) => encryptTokenId(key, id));
    expect(new Set(tokenIds).size).toBe(200);
    for (const [i, t] of tokenIds.entries()) {
      expect(t).toMatch(/^[0-9a-f]{32}$/);
      expect(decryptTokenId(key, t)).toBe(ids[i]);
    }
    expect(encryptTokenId(random(32), ids[0]!)).not.toBe(tokenIds[0]);
    expect(() => decryptTokenId(key, tokenIds[0]!.toUpperCase())).toThrow(/lowercase hex/);
  });

  it('an active hash key is created on first use, rotation retires it, a pinned key takes over', async () => {
    const first = await activeHashKey(cloud.db, random);
    expect(await activeHashKey(cloud.db, random)).toEqual(first);
    const next = await rotateMemberTokenHashKey(cloud.db, random);
    expect((await hashKeysById(cloud.db, first.keyId))[0]?.status).toBe('retired');
    expect((await activeHashKey(cloud.db, random)).keyId).toBe(next.keyId);

    const pinned = random(32);
    const fromPin = await activeHashKey(cloud.db, random, pinned);
    expect(fromPin.keyId).toBe(pinnedKeyId(pinned));
    expect(pinnedKeyId(pinned)).toMatch(/^[0-9a-f]{32}$/);
    expect((await hashKeysById(cloud.db, next.keyId))[0]?.status).toBe('retired');
    expect(await activeHashKey(cloud.db, random)).toEqual(fromPin);
    const active = await cloud.db.query("select key_id from member_token_keys where status = 'active'");
    expect(active).toHaveLength(1);
    // Rotating away from a pinned key and pinning it again would resurrect refused tokens: refused.
    await rotateMemberTokenHashKey(cloud.db, random);
    await expect(activeHashKey(cloud.db, random, pinned)).rejects.toThrow(/retired/);
    expect(await hashKeysById(cloud.db, '0'.repeat(32))).toEqual([]);
  });
});
