import {
  getSignatureBackend,
  objectId,
  ProtocolError,
  signObject,
  verifyDirectoryLog,
} from '@tokenos/protocol';
import { fetchVerifiedMember, isApiError, Member, MemoryKeyStore } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { perFileCloud, rowCounts } from '../../test/harness.ts';
import { buildSigned, problemOf, send } from '../../test/raw-request.ts';

const tables = ['members', 'directory_ops'];
const cloud = perFileCloud();

async function newMember(): Promise<Member> {
  return Member.create(cloud.client, new MemoryKeyStore());
}

describe('directory', () => {
  it('creates a member from a self-signed first operation; the id is that operation hash', async () => {
    const member = await newMember();
    const state = await member.state();
    expect(state.memberId).toBe(member.id);
    expect(state.keys.map((k) => k.level).sort()).toEqual(['LOW', 'PRIVILEGED', 'STANDARD']);
    expect(state.keys.find((k) => k.level === 'LOW')?.expiresAt).toBeGreaterThan(cloud.clock.now);
    const { operations } = await cloud.client.get<{ operations: unknown[] }>(
      `/api/v1/members/${member.id}/log`,
    );
    expect(objectId(operations[0])).toBe(member.id);
  });

  it('appends key changes signed by a PRIVILEGED key, and the log replays from the first operation', async () => {
    const member = await newMember();
    const added = await member.addKey('STANDARD', { algorithm: 'P-256' });
    const low = (await member.keys()).find((k) => k.level === 'LOW')!;
    await member.removeKey(low.id);
    const verified = await fetchVerifiedMember(cloud.client, member.id);
    expect(verified.seq).toBe(2);
    expect(verified.keys.map((k) => k.id)).toContain(added.id);
    expect(verified.keys.map((k) => k.id)).not.toContain(low.id);
  });

  it('refuses a directory change signed with a STANDARD key, and changes nothing', async () => {
    const member = await newMember();
    const state = await member.state();
    const standard = await member.signerFor('STANDARD');
    const before = await rowCounts(cloud.db, tables);
    const op = await signObject(
      {
        type: 'DirectoryOperation' as const,
        version: 1 as const,
        member: member.id,
        prev: state.head,
        seq: 1,
        createdAt: cloud.clock.now,
        keyId: standard.keyId,
        action: { kind: 'removeKey' as const, keyId: state.keys[0]!.id },
      },
      standard,
    );
    const res = await send(
      cloud,
      await buildSigned(cloud, 'POST', `/api/v1/members/${member.id}/operations`, op, standard),
    );
    const p = await problemOf(res);
    expect(p.status).toBe(403);
    expect(p.code).toBe('InsufficientKeyLevel');
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });

  it('refuses a replayed request (same nonce), a stale one, and a tampered body', async () => {
    const member = await newMember();
    const privileged = await member.signerFor('PRIVILEGED');
    const state = await member.state();
    const op = await signObject(
      {
        type: 'DirectoryOperation' as const,
        version: 1 as const,
        member: member.id,
        prev: state.head,
        seq: 1,
        createdAt: cloud.clock.now,
        keyId: privileged.keyId,
        action: { kind: 'removeKey' as const, keyId: state.keys.find((k) => k.level === 'LOW')!.id },
      },
      privileged,
    );
    const path = `/api/v1/members/${member.id}/operations`;

    const stale = await buildSigned(cloud, 'POST', path, op, privileged, {
      now: cloud.clock.now - 10 * 60_000,
    });
    expect(await problemOf(await send(cloud, stale))).toMatchObject({ status: 401, code: 'StaleRequest' });

    const good = await buildSigned(cloud, 'POST', path, op, privileged);
    const tampered = { ...good, body: good.body.replace('"removeKey"', '"addKey"') };
    expect(await problemOf(await send(cloud, tampered))).toMatchObject({
      status: 401,
      code: 'InvalidSignature',
      field: 'content-digest',
    });

    expect((await send(cloud, good)).status).toBe(201);
    const before = await rowCounts(cloud.db, tables);
    expect(await problemOf(await send(cloud, good))).toMatchObject({ status: 401, code: 'Replay' });
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });

  it("refuses a request signed with another member's key", async () => {
    const alice = await newMember();
    const mallory = await newMember();
    const malloryKey = await mallory.signerFor('PRIVILEGED');
    // Mallory claims to be Alice but signs with her own key id: not one of Alice's keys.
    const forged = { ...malloryKey, keyid: `${alice.id}:${malloryKey.keyId}` };
    const res = await send(
      cloud,
      await buildSigned(cloud, 'POST', `/api/v1/members/${alice.id}/operations`, {}, forged),
    );
    expect(await problemOf(res)).toMatchObject({ status: 401, code: 'UnknownKey' });
    // Mallory signs as herself for Alice's entry: authenticated, but not allowed.
    const res2 = await send(
      cloud,
      await buildSigned(cloud, 'POST', `/api/v1/members/${alice.id}/operations`, {}, malloryKey),
    );
    expect(await problemOf(res2)).toMatchObject({ status: 403, code: 'Forbidden' });
  });

  it('answers bad input with problem+json naming the field, never a 500', async () => {
    const member = await newMember();
    const privileged = await member.signerFor('PRIVILEGED');
    const path = `/api/v1/members/${member.id}/operations`;
    const notJson = await buildSigned(cloud, 'POST', path, undefined, privileged, { rawBody: '{"type":' });
    expect(await problemOf(await send(cloud, notJson))).toMatchObject({
      status: 400,
      code: 'Malformed',
      field: 'body',
    });
    const wrongShape = await buildSigned(
      cloud,
      'POST',
      path,
      { type: 'DirectoryOperation', seq: 'one' },
      privileged,
    );
    expect(await problemOf(await send(cloud, wrongShape))).toMatchObject({ status: 400, code: 'Malformed' });
    const unsigned = await cloud.app.request(`http://cloud.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await problemOf(unsigned)).toMatchObject({
      status: 401,
      code: 'InvalidSignature',
      field: 'signature-input',
    });
    const badId = await cloud.app.request('http://cloud.test/api/v1/members/not-an-id');
    expect(await problemOf(badId)).toMatchObject({ status: 400, code: 'Malformed', field: 'memberId' });
  });

  it('lets only one of two concurrent appends at the same position win, so the log cannot fork', async () => {
    const member = await newMember();
    const results = await Promise.allSettled([
      member.addKey('LOW'),
      member.addKey('LOW'),
      member.addKey('LOW'),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results)
      if (r.status === 'rejected') expect(isApiError(r.reason, 'BrokenChain')).toBe(true);
    const verified = await fetchVerifiedMember(cloud.client, member.id);
    expect(verified.seq).toBe(ok.length);
  });

  it('the SDK refuses a log whose history was rewritten (fork against a known head)', async () => {
    const member = await newMember();
    await member.addKey('LOW');
    const known = await member.state();
    const { operations } = await cloud.client.get<{ operations: unknown[] }>(
      `/api/v1/members/${member.id}/log`,
    );
    // A cloud that drops the last operation and shows an older head: refused against what we saw.
    await expect(
      verifyDirectoryLog(operations.slice(0, 1), getSignatureBackend(), {
        knownHead: { seq: known.seq, hash: known.head },
      }),
    ).rejects.toThrow(ProtocolError);
    const tampered = structuredClone(operations) as { action: { key: { level: string } } }[];
    tampered[1]!.action.key.level = 'PRIVILEGED';
    await expect(verifyDirectoryLog(tampered, getSignatureBackend())).rejects.toMatchObject({
      code: 'InvalidSignature',
    });
  });
});
