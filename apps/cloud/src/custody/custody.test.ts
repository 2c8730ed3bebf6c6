import {
  type AliasValue,
  aliasCommitment,
  base64url,
  getSignatureBackend,
  keyPairFromSecret,
  type MemberState,
  signObject,
  verifyDirectoryLog,
} from '@tokenos/protocol';
import {
  changeAliasInCustody,
  chargeMemberToken,
  createMemberOnBehalf,
  deriveMemberToken,
  finishClaim,
  getMemberToken,
  isApiError,
  Member,
  MemoryKeyStore,
  resolveAlias,
  startClaim,
} from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, rowCounts } from '../../test/harness.ts';
import { queuedCode } from '../../test/queued-code.ts';
import { buildSigned, problemOf, send } from '../../test/raw-request.ts';
import { sweepUnclaimed } from './sweep.ts';

const cloud = perFileCloud();
const tables = ['members', 'directory_ops', 'custodial_members', 'member_claims', 'member_tokens', 'outbox'];
let n = 0;

function email(): AliasValue {
  n++;
  return { type: 'EMAIL', value: `guest${n}.${Date.now()}@example.com` };
}

async function newMember(): Promise<Member> {
  return Member.create(cloud.client, new MemoryKeyStore());
}

async function latestCode(recipient: string): Promise<string | undefined> {
  return queuedCode(cloud.deps.db, recipient);
}

function wrong(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

async function guest(merchant: Member, alias = email(), claimBy?: number) {
  const created = await createMemberOnBehalf(merchant, {
    alias,
    limitations: { currency: 'EUR', merchantId: merchant.id },
    metadata: [{ key: 'programme', value: 'Bonus club' }],
    ...(claimBy ? { claimBy } : {}),
  });
  return { ...created, alias };
}

/** A shop's guest member whose claim a wallet (keys in `store`) has started, and the code sent for it. */
async function claimStarted() {
  const shop = await newMember();
  const created = await guest(shop);
  const store = new MemoryKeyStore();
  const claim = await startClaim(cloud.client, store, created.alias);
  const code = await latestCode(created.alias.value);
  if (code === undefined) throw new Error(`no code was sent to ${created.alias.value}`);
  return { shop, ...created, store, claim, code };
}

describe("members created on a user's behalf, and the claim", () => {
  it('a merchant creates a member with no keys and a loyalty-only token that moves no money', async () => {
    const shop = await newMember();
    const { member, memberToken } = await guest(shop);
    expect(member.keys).toEqual([]);
    expect(member.custody?.custodian.memberId).toBe(shop.id);
    // Anyone can replay the log without trusting the cloud.
    const { operations } = await cloud.client.get<{ operations: unknown[] }>(
      `/api/v1/members/${member.memberId}/log`,
    );
    expect((await verifyDirectoryLog(operations, getSignatureBackend())).custody?.custodian.memberId).toBe(
      shop.id,
    );
    expect(memberToken).toMatchObject({ loyalty: true, status: 'active', holder: shop.id });
    expect(memberToken.loyaltyId).toBe(memberToken.tokenId);
    expect(memberToken.backingTokenId).toBeUndefined();

    const before = await rowCounts(cloud.db, ['transfers', 'member_token_charges', 'member_tokens']);
    const charge = chargeMemberToken(shop, memberToken.custom, {
      amount: { value: '1.00', currency: 'EUR' },
      refId: 'loyalty-charge-0001',
      destination: { bankId: shop.id, accountRef: 'shop-account' },
    });
    const e = await charge.catch((x: unknown) => x);
    expect(isApiError(e) && [e.code, e.message]).toEqual([
      'Forbidden',
      expect.stringContaining('without payment authority'),
    ]);
    const other = await newMember();
    const derive = deriveMemberToken(shop, memberToken.tokenId, {
      holder: other.id,
      limitations: { currency: 'EUR', merchantId: other.id },
      destination: { bankId: shop.id, accountRef: 'shop-account' },
    });
    const refused = await derive.catch((x: unknown) => x);
    expect(isApiError(refused) && [refused.code, refused.message]).toEqual([
      'Forbidden',
      expect.stringContaining('without payment authority'),
    ]);
    expect(await rowCounts(cloud.db, ['transfers', 'member_token_charges', 'member_tokens'])).toEqual(before);
  });

  it('a merchant-created member cannot sign or endorse anything, not even with the custodian key', async () => {
    const shop = await newMember();
    const { member } = await guest(shop);
    const shopSigner = await shop.signerFor('PRIVILEGED');
    // Signing as the member with the merchant's key: the member has no such key (no authority).
    const asMember = { ...shopSigner, keyid: `${member.memberId}:${shopSigner.keyId}` };
    for (const path of [
      '/api/v1/tokens',
      `/api/v1/members/${member.memberId}/operations`,
      '/api/v1/member-tokens',
    ]) {
      const res = await send(cloud, await buildSigned(cloud, 'POST', path, {}, asMember));
      expect(await problemOf(res)).toMatchObject({ status: 401, code: 'UnknownKey' });
    }
  });

  it("the user claims it with the code; the wallet's keys rule it; the merchant's token keeps working", async () => {
    const { shop, member, memberToken, alias, store, claim, code } = await claimStarted();
    expect(code).toMatch(/^\d{6}$/);
    const { member: claimed, alias: proven } = await finishClaim(cloud.client, store, claim, code);
    expect(proven.commitment).toBe(member.aliases[0]!.commitment);
    expect(aliasCommitment(alias, proven.salt)).toBe(proven.commitment);
    expect(claimed.id).toBe(member.memberId);
    const state = await claimed.state();
    expect(state.custody).toBeUndefined();
    expect(state.claimed?.custodian).toBe(shop.id);
    expect(state.keys.map((k) => k.level).sort()).toEqual(['LOW', 'PRIVILEGED', 'STANDARD']);
    // The proven address now resolves to the member, and the user can use its keys.
    expect(await resolveAlias(shop, alias)).toBe(member.memberId);
    await claimed.addKey('LOW');
    // The merchant's loyalty token works as before, and the user sees it as its own.
    expect((await getMemberToken(shop, memberToken.tokenId)).status).toBe('active');
    expect((await getMemberToken(claimed, memberToken.tokenId)).loyaltyId).toBe(memberToken.tokenId);

    // After the claim the merchant can no longer change the member.
    const counts = await rowCounts(cloud.db, tables);
    const head = (await claimed.state()).head;
    expect(await failureCode(changeAliasInCustody(shop, member.memberId, email()))).toBe('Forbidden');
    expect(await rowCounts(cloud.db, tables)).toEqual(counts);
    expect((await claimed.state()).head).toBe(head);

    // A second claim: no code goes out (nobody awaits the address) and the old claim is spent.
    const otherStore = new MemoryKeyStore();
    const again = await startClaim(cloud.client, otherStore, alias);
    expect(await latestCode(alias.value)).toBe(code);
    const second = await finishClaim(cloud.client, otherStore, again, code).catch((x: unknown) => x);
    expect(isApiError(second) && second.code).toBe('Forbidden');
    const spent = { ...(await store.signer(member.memberId, claim.keyId)), keyid: `claimant:${claim.keyId}` };
    for (const step of ['verify', 'complete']) {
      const res = await send(
        cloud,
        await buildSigned(
          cloud,
          'POST',
          `/api/v1/custody/claims/${claim.claimId}/${step}`,
          step === 'verify' ? { code } : { operation: {} },
          spent,
        ),
      );
      expect(await problemOf(res)).toMatchObject({ status: 409, code: 'Conflict' });
    }
  });

  it('refuses a wrong code and an expired one; nothing changes', async () => {
    const { member, store, claim, code } = await claimStarted();
    const before = await rowCounts(cloud.db, ['members', 'directory_ops', 'aliases']);
    const err = await finishClaim(cloud.client, store, claim, wrong(code)).catch((e: unknown) => e);
    expect(isApiError(err) && err.code).toBe('Forbidden');
    expect(isApiError(err) && err.field).toBe('code');
    cloud.clock.now += 11 * 60_000;
    expect(await failureCode(finishClaim(cloud.client, store, claim, code))).toBe('Expired');
    cloud.clock.now -= 11 * 60_000;
    expect(await rowCounts(cloud.db, ['members', 'directory_ops', 'aliases'])).toEqual(before);
    expect((await cloud.client.get<MemberState>(`/api/v1/members/${member.memberId}`)).custody).toBeDefined();
  });

  it('a claim attestation works only for the key it was issued to and the head it names', async () => {
    const { member, store, claim, code } = await claimStarted();
    const signer = {
      ...(await store.signer(claim.provisional, claim.keyId)),
      keyid: `claimant:${claim.keyId}`,
    };
    const verified = await cloud.client.send<{ attestation: never; member: MemberState }>(
      'POST',
      `/api/v1/custody/claims/${claim.claimId}/verify`,
      { code },
      signer,
    );
    // Someone else's key, with this attestation: the chain rule refuses it.
    const thief = await newMember();
    const thiefKey = (await thief.keys()).find((k) => k.level === 'PRIVILEGED')!;
    const thiefSigner = await thief.signerFor('PRIVILEGED');
    const operation = await signObject(
      {
        type: 'DirectoryOperation' as const,
        version: 1 as const,
        member: member.memberId,
        prev: verified.member.head,
        seq: 1,
        createdAt: cloud.clock.now,
        keyId: thiefKey.id,
        action: {
          kind: 'claim' as const,
          keys: [
            {
              id: thiefKey.id,
              algorithm: thiefKey.algorithm,
              publicKey: Buffer.from(thiefKey.publicKey).toString('base64url'),
              level: 'PRIVILEGED' as const,
            },
          ],
          attestation: verified.attestation,
        },
      },
      thiefSigner,
    );
    const before = await rowCounts(cloud.db, tables);
    const res = await send(
      cloud,
      await buildSigned(
        cloud,
        'POST',
        `/api/v1/custody/claims/${claim.claimId}/complete`,
        { operation },
        signer,
      ),
    );
    expect(await problemOf(res)).toMatchObject({
      status: 403,
      code: 'Forbidden',
      field: 'operation.action.attestation.keyId',
    });
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });

  it('an unclaimed member expires: the sweep deletes its log, tokens, claims and index', async () => {
    const shop = await newMember();
    const { member, memberToken, alias } = await guest(shop, email(), cloud.clock.now + 60 * 60_000);
    await startClaim(cloud.client, new MemoryKeyStore(), alias);
    const before = await rowCounts(cloud.db, tables);
    expect(await sweepUnclaimed(cloud.deps)).toBe(0);
    cloud.clock.now += 60 * 60_000;
    expect(await sweepUnclaimed(cloud.deps)).toBe(1);
    cloud.clock.now -= 60 * 60_000;
    const after = await rowCounts(cloud.db, tables);
    expect(after.members).toBe(before.members! - 1n);
    expect(after.directory_ops).toBe(before.directory_ops! - 1n);
    expect(after.member_tokens).toBe(before.member_tokens! - 1n);
    expect(after.member_claims).toBe(before.member_claims! - 1n);
    expect(after.custodial_members).toBe(before.custodial_members);
    const tomb = await cloud.db.one<{
      status: string;
      lookup_hash: Uint8Array | null;
      commitment: string | null;
    }>('select status, lookup_hash, commitment from custodial_members where member_id = $1', [
      member.memberId,
    ]);
    expect(tomb).toEqual({ status: 'expired', lookup_hash: null, commitment: null });
    expect(await failureCode(cloud.client.get(`/api/v1/members/${member.memberId}`))).toBe('NotFound');
    expect(await failureCode(getMemberToken(shop, memberToken.tokenId))).toBe('NotFound');
  });

  it('bad input gets problem+json naming the field, and changes nothing', async () => {
    const shop = await newMember();
    const signer = await shop.signerFor('STANDARD');
    const before = await rowCounts(cloud.db, tables);
    const cases: [string, string, unknown, number, string][] = [
      [
        'POST',
        '/api/v1/custody/members',
        {
          operation: {},
          alias: email(),
          salt: 'x'.repeat(16),
          memberToken: { limitations: { currency: 'EUR' } },
        },
        400,
        'operation.type',
      ],
      ['POST', '/api/v1/custody/members', { nonsense: true }, 400, ''],
      ['POST', `/api/v1/custody/members/${'A'.repeat(43)}/operations`, { operation: {} }, 404, 'memberId'],
      ['POST', '/api/v1/custody/members/not-an-id/operations', { operation: {} }, 400, 'memberId'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const res = await send(cloud, await buildSigned(cloud, method, path, body, signer));
      const p = await problemOf(res);
      expect(p.status).toBe(status);
      if (field) expect(p.field).toBe(field);
    }
    // A claim start that is not signed by the key it offers.
    const other = await shop.signerFor('PRIVILEGED');
    const res = await send(
      cloud,
      await buildSigned(
        cloud,
        'POST',
        '/api/v1/custody/claims',
        { alias: email(), key: { id: other.keyId, algorithm: 'Ed25519', publicKey: 'AAAA' } },
        { ...other, keyid: `claimant:${other.keyId}` },
      ),
    );
    expect((await problemOf(res)).status).toBe(400);
    // A claim start offering a key that is no valid point, or whose id is not derived from it:
    // Malformed, naming the field, before the signature is even looked at.
    const claimant = await shop.signerFor('PRIVILEGED');
    const validKey = base64url(keyPairFromSecret('Ed25519', new Uint8Array(32).fill(7)).publicKey);
    for (const [key, field] of [
      // All zero bytes: a point of small order, never accepted as a key.
      [{ id: claimant.keyId, algorithm: 'Ed25519', publicKey: 'A'.repeat(43) }, 'key.publicKey'],
      [{ id: 'B'.repeat(22), algorithm: 'Ed25519', publicKey: validKey }, 'key.id'],
    ] as const) {
      const bad = await send(
        cloud,
        await buildSigned(
          cloud,
          'POST',
          '/api/v1/custody/claims',
          { alias: email(), key },
          { ...claimant, keyid: `claimant:${key.id}` },
        ),
      );
      expect(await problemOf(bad)).toMatchObject({ status: 400, code: 'Malformed', field });
    }
    const unknown = await send(
      cloud,
      await buildSigned(
        cloud,
        'POST',
        `/api/v1/custody/claims/${'A'.repeat(22)}/verify`,
        { code: '123456' },
        signer,
      ),
    );
    expect(await problemOf(unknown)).toMatchObject({ status: 404, field: 'claimId' });
    expect(await rowCounts(cloud.db, tables)).toEqual(before);

    // A claimBy beyond the cloud's limit (CUSTODY_TTL_DAYS) is refused before anything is written.
    const alias = email();
    const tooLong = createMemberOnBehalf(shop, {
      alias,
      limitations: { currency: 'EUR' },
      claimBy: cloud.clock.now + 400 * 24 * 3600_000,
    });
    expect(await failureCode(tooLong)).toBe('Malformed');
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });
});
