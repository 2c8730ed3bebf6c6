import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  base64url,
  type MemberState,
  objectId,
  type PasskeyAssertion,
  type PasskeyEntry,
  ProtocolError,
  scaChallenge,
} from '@tokenos/protocol';
import {
  fetchVerifiedMember,
  isApiError,
  Member,
  MemoryKeyStore,
  passkeyAssertionFromJSON,
  registerPasskey,
  removePasskey,
} from '@tokenos/sdk';
import { type CeremonyOptions, SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import { perFileCloud, rowCounts, testConfig } from '../../test/harness.ts';
import { buildSigned, problemOf, send } from '../../test/raw-request.ts';
import { verifyScaAssertion } from './verify-assertion.ts';

const walletOrigin = testConfig.walletOrigins[0]!;
const tables = ['members', 'directory_ops', 'passkey_credentials', 'passkey_challenges'];
const cloud = perFileCloud();

async function newMember(): Promise<Member> {
  return Member.create(cloud.client, new MemoryKeyStore());
}

/** A member with one passkey in its directory, and the authenticator holding it. */
async function memberWithPasskey(): Promise<{
  member: Member;
  auth: SoftAuthenticator;
  passkey: PasskeyEntry;
}> {
  const member = await newMember();
  const auth = new SoftAuthenticator(walletOrigin);
  const { passkey } = await registerPasskey(member, (options) => auth.create(options));
  return { member, auth, passkey };
}

/** Options and a ceremony result, not yet posted: for tests that drive the registration call by hand. */
async function ceremony(
  member: Member,
  auth: SoftAuthenticator,
  o: CeremonyOptions = {},
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; response: RegistrationResponseJSON }> {
  const signer = await member.signerFor('PRIVILEGED');
  const options = await cloud.client.send<PublicKeyCredentialCreationOptionsJSON>(
    'POST',
    `/api/v1/members/${member.id}/passkeys/registration-options`,
    {},
    signer,
  );
  return { options, response: await auth.create(options, o) };
}

async function postRegistration(member: Member, response: unknown): Promise<{ passkey: PasskeyEntry }> {
  return cloud.client.send(
    'POST',
    `/api/v1/members/${member.id}/passkeys/registrations`,
    response,
    await member.signerFor('PRIVILEGED'),
  );
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

async function storedCounter(credentialId: string): Promise<bigint> {
  return (
    await cloud.db.one<{ counter: bigint }>(
      'select counter from passkey_credentials where credential_id = $1',
      [credentialId],
    )
  ).counter;
}

describe('passkey registration', () => {
  it('issues options as required, verifies the ceremony, and the passkey lands in the verifiable directory log', async () => {
    const member = await newMember();
    const auth = new SoftAuthenticator(walletOrigin);
    let seen: PublicKeyCredentialCreationOptionsJSON | undefined;
    const { passkey, state } = await registerPasskey(
      member,
      (options) => {
        seen = options;
        return auth.create(options);
      },
      { userName: 'alice@example.com' },
    );
    expect(seen).toMatchObject({
      rp: { id: 'localhost', name: testConfig.rpName },
      // user.id is the member id's bytes, so an assertion's userHandle is the member id itself.
      user: { id: member.id, name: 'alice@example.com' },
      attestation: 'none',
      authenticatorSelection: {
        residentKey: 'required',
        requireResidentKey: true,
        userVerification: 'required',
      },
      excludeCredentials: [],
    });
    expect(seen?.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
    // 32 random bytes, stored as the base64url the client echoes, and spent by the registration.
    const challenge = await cloud.db.one<{ used: boolean; expires_at: Date }>(
      'select used, expires_at from passkey_challenges where challenge = $1',
      [seen?.challenge],
    );
    expect(seen?.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge.used).toBe(true);
    expect(challenge.expires_at.getTime()).toBe(cloud.clock.now + 5 * 60_000);

    expect(passkey).toMatchObject({ coseAlgorithm: -7, rpId: 'localhost', createdAt: cloud.clock.now });
    expect(state.passkeys).toEqual([passkey]);
    const verified = await fetchVerifiedMember(cloud.client, member.id);
    expect(verified.passkeys).toEqual([passkey]);
    const row = await cloud.db.one<{ in_directory: boolean; transports: string[] }>(
      'select in_directory, transports from passkey_credentials where credential_id = $1',
      [passkey.credentialId],
    );
    expect(row).toEqual({ in_directory: true, transports: ['internal'] });

    // A second passkey: the first is excluded, so the same authenticator can't register twice.
    const second = new SoftAuthenticator(walletOrigin);
    let excluded: string[] = [];
    await registerPasskey(member, (options) => {
      excluded = (options.excludeCredentials ?? []).map((c) => c.id);
      return second.create(options);
    });
    expect(excluded).toEqual([passkey.credentialId]);
    expect((await fetchVerifiedMember(cloud.client, member.id)).passkeys).toHaveLength(2);
  });

  it.each<[string, CeremonyOptions, string]>([
    ['without user verification', { userVerified: false }, 'response'],
    ['from a foreign origin', { origin: 'https://evil.example' }, 'response'],
    ['for another RP ID', { rpId: 'evil.example' }, 'response'],
    ['in a cross-origin frame', { crossOrigin: true }, 'response.clientDataJSON.crossOrigin'],
  ])('refuses a registration %s, and stores nothing', async (_, faults, field) => {
    const member = await newMember();
    const { response } = await ceremony(member, new SoftAuthenticator(walletOrigin), faults);
    const before = await rowCounts(cloud.db, tables);
    const e = await caught(postRegistration(member, response));
    expect(isApiError(e, 'ScaFailed')).toBe(true);
    expect(e).toMatchObject({ status: 403, field });
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });

  it('refuses a challenge used twice, one issued to another member, and an expired one', async () => {
    const member = await newMember();
    const { response } = await ceremony(member, new SoftAuthenticator(walletOrigin));
    await postRegistration(member, response);
    const before = await rowCounts(cloud.db, tables);
    expect(await caught(postRegistration(member, response))).toMatchObject({
      code: 'Replay',
      field: 'response.clientDataJSON.challenge',
    });

    const other = await newMember();
    const foreign = await ceremony(other, new SoftAuthenticator(walletOrigin));
    expect(await caught(postRegistration(member, foreign.response))).toMatchObject({
      code: 'ScaFailed',
      field: 'response.clientDataJSON.challenge',
    });

    const late = await ceremony(member, new SoftAuthenticator(walletOrigin));
    const mid = await rowCounts(cloud.db, tables);
    cloud.clock.now += 5 * 60_000 + 1;
    try {
      expect(await caught(postRegistration(member, late.response))).toMatchObject({ code: 'Expired' });
    } finally {
      cloud.clock.now -= 5 * 60_000 + 1;
    }
    expect(await rowCounts(cloud.db, tables)).toEqual(mid);
    expect(before.passkey_credentials).toBe(mid.passkey_credentials);
  });

  it('lets only one of two concurrent submissions of one response register', async () => {
    const member = await newMember();
    const { response } = await ceremony(member, new SoftAuthenticator(walletOrigin));
    const results = await Promise.allSettled([
      postRegistration(member, response),
      postRegistration(member, response),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(isApiError(r.reason, 'Replay')).toBe(true);
    const rows = await cloud.db.query('select 1 from passkey_credentials where member_id = $1', [member.id]);
    expect(rows).toHaveLength(1);
  });

  it('refuses a STANDARD key, and another member, at both registration calls', async () => {
    const member = await newMember();
    const standard = await member.signerFor('STANDARD');
    for (const step of ['registration-options', 'registrations']) {
      const res = await send(
        cloud,
        await buildSigned(cloud, 'POST', `/api/v1/members/${member.id}/passkeys/${step}`, {}, standard),
      );
      expect(await problemOf(res)).toMatchObject({ status: 403, code: 'InsufficientKeyLevel' });
    }
    const mallory = await newMember();
    const res = await send(
      cloud,
      await buildSigned(
        cloud,
        'POST',
        `/api/v1/members/${member.id}/passkeys/registration-options`,
        {},
        await mallory.signerFor('PRIVILEGED'),
      ),
    );
    expect(await problemOf(res)).toMatchObject({ status: 403, code: 'Forbidden' });
  });

  it('answers a malformed registration with problem+json naming the field', async () => {
    const member = await newMember();
    const { response } = await ceremony(member, new SoftAuthenticator(walletOrigin));
    const privileged = await member.signerFor('PRIVILEGED');
    const path = `/api/v1/members/${member.id}/passkeys/registrations`;
    const bad = { ...response, response: { ...response.response, attestationObject: 'not base64url!' } };
    expect(
      await problemOf(await send(cloud, await buildSigned(cloud, 'POST', path, bad, privileged))),
    ).toMatchObject({
      status: 400,
      code: 'Malformed',
      field: 'response.attestationObject',
    });
    expect(
      await problemOf(await send(cloud, await buildSigned(cloud, 'POST', path, [1], privileged))),
    ).toMatchObject({ status: 400, field: 'body' });
    const longName = await buildSigned(
      cloud,
      'POST',
      `/api/v1/members/${member.id}/passkeys/registration-options`,
      { userName: 'x'.repeat(65) },
      privileged,
    );
    expect(await problemOf(await send(cloud, longName))).toMatchObject({ status: 400, field: 'userName' });
  });
});

describe('addPasskey in the directory', () => {
  it('refuses a credential the cloud never verified, and changes nothing', async () => {
    const member = await newMember();
    // A well-formed entry with a real key, from a ceremony whose result never reached the cloud.
    const { response } = await ceremony(member, new SoftAuthenticator(walletOrigin));
    const unverified: PasskeyEntry = {
      credentialId: response.rawId,
      publicKey: base64url(new Uint8Array(77)),
      coseAlgorithm: -7,
      rpId: 'localhost',
      createdAt: cloud.clock.now,
    };
    const before = await rowCounts(cloud.db, tables);
    const e = await caught(member.applyDirectoryAction({ kind: 'addPasskey', passkey: unverified }));
    expect(e).toMatchObject({ code: 'Forbidden', status: 403, field: 'action.passkey.credentialId' });
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
    expect((await member.state()).passkeys).toEqual([]);
  });

  it("refuses a verified entry altered in any field, and another member's verified credential", async () => {
    const member = await newMember();
    const { passkey } = await postRegistration(
      member,
      (await ceremony(member, new SoftAuthenticator(walletOrigin))).response,
    );
    const { passkey: othersKey } = await postRegistration(
      member,
      (await ceremony(member, new SoftAuthenticator(walletOrigin))).response,
    );
    const mallory = await newMember();
    const before = await rowCounts(cloud.db, tables);
    for (const [altered, field] of [
      [{ ...passkey, publicKey: othersKey.publicKey }, 'action.passkey.publicKey'],
      [{ ...passkey, createdAt: passkey.createdAt - 1 }, 'action.passkey.createdAt'],
      [{ ...passkey, coseAlgorithm: -8 }, 'action.passkey.coseAlgorithm'],
    ] as const) {
      expect(
        await caught(member.applyDirectoryAction({ kind: 'addPasskey', passkey: altered })),
      ).toMatchObject({ code: 'Forbidden', field });
    }
    expect(await caught(mallory.applyDirectoryAction({ kind: 'addPasskey', passkey }))).toMatchObject({
      code: 'Forbidden',
    });
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
    // The exact entry is accepted.
    expect((await member.applyDirectoryAction({ kind: 'addPasskey', passkey })).passkeys).toEqual([passkey]);
  });
});

describe('verifyScaAssertion', () => {
  const tokenA = objectId({ token: 'A' });
  const tokenB = objectId({ token: 'B' });

  async function check(
    member: MemberState,
    assertion: PasskeyAssertion,
    tokenId: string,
  ): Promise<{ credentialId: string }> {
    return cloud.db.transaction((tx) =>
      verifyScaAssertion(cloud.deps, tx, { member, assertion, challenge: scaChallenge(tokenId) }),
    );
  }

  async function refused(p: Promise<unknown>, field: string): Promise<void> {
    const e = await caught(p);
    expect(e).toBeInstanceOf(ProtocolError);
    expect(e).toMatchObject({ code: 'ScaFailed', field });
  }

  it('accepts a good assertion for its token and refuses it for any other token', async () => {
    const { member, auth, passkey } = await memberWithPasskey();
    const state = await fetchVerifiedMember(cloud.client, member.id);
    const assertion = passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    expect(assertion.userHandle).toBe(member.id);
    // PSD2 RTS Art. 5: bound to token A, it approves nothing else.
    await refused(check(state, assertion, tokenB), 'sca.assertion.clientDataJSON.challenge');
    expect(await check(state, assertion, tokenA)).toEqual({ credentialId: passkey.credentialId });
    expect(await storedCounter(passkey.credentialId)).toBe(1n);
  });

  it.each<[string, CeremonyOptions, string]>([
    ['without user verification', { userVerified: false }, 'sca.assertion.authenticatorData.flags'],
    ['without user presence', { userPresent: false }, 'sca.assertion.authenticatorData.flags'],
    ['from a foreign origin', { origin: 'https://evil.example' }, 'sca.assertion.clientDataJSON.origin'],
    ['in a cross-origin frame', { crossOrigin: true }, 'sca.assertion.clientDataJSON.crossOrigin'],
    ['for another RP ID', { rpId: 'evil.example' }, 'sca.assertion.authenticatorData.rpIdHash'],
  ])('refuses an assertion made %s, and leaves the counter alone', async (_, faults, field) => {
    const { member, auth, passkey } = await memberWithPasskey();
    const state = await fetchVerifiedMember(cloud.client, member.id);
    const assertion = passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenA) }, faults),
    );
    await refused(check(state, assertion, tokenA), field);
    expect(await storedCounter(passkey.credentialId)).toBe(0n);
  });

  it('refuses a signature that is not over this assertion', async () => {
    const { member, auth, passkey } = await memberWithPasskey();
    const state = await fetchVerifiedMember(cloud.client, member.id);
    const first = passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    const second = passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    // The second's authenticatorData (higher counter) with the first's signature.
    await refused(check(state, { ...second, signature: first.signature }, tokenA), 'sca.assertion.signature');
    expect(await storedCounter(passkey.credentialId)).toBe(0n);
    expect(await check(state, second, tokenA)).toEqual({ credentialId: passkey.credentialId });
  });

  it('refuses a replayed assertion and a cloned authenticator whose counter does not increase', async () => {
    const { member, auth, passkey } = await memberWithPasskey();
    const state = await fetchVerifiedMember(cloud.client, member.id);
    const good = passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    await check(state, good, tokenA);
    await refused(check(state, good, tokenA), 'sca.assertion.authenticatorData.signCount');
    // A clone signs a fresh challenge but can only report a counter the original already used.
    const clone = passkeyAssertionFromJSON(
      await auth.get(
        { credentialId: passkey.credentialId, challenge: scaChallenge(tokenB) },
        { counter: auth.counter(passkey.credentialId) },
      ),
    );
    await refused(check(state, clone, tokenB), 'sca.assertion.authenticatorData.signCount');
    expect(await storedCounter(passkey.credentialId)).toBe(1n);
  });

  it('accepts one of two concurrent checks of the same assertion (the counter moves once)', async () => {
    const { member, auth, passkey } = await memberWithPasskey();
    const state = await fetchVerifiedMember(cloud.client, member.id);
    const assertion = passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    const results = await Promise.allSettled([
      check(state, assertion, tokenA),
      check(state, assertion, tokenA),
      check(state, assertion, tokenA),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect(r.reason).toMatchObject({
          code: 'ScaFailed',
          field: 'sca.assertion.authenticatorData.signCount',
        });
  });

  it('refuses a passkey once it is removed from the directory', async () => {
    const { member, auth, passkey } = await memberWithPasskey();
    const after = await removePasskey(member, passkey.credentialId);
    expect(after.passkeys).toEqual([]);
    expect(
      (
        await cloud.db.one<{ in_directory: boolean }>(
          'select in_directory from passkey_credentials where credential_id = $1',
          [passkey.credentialId],
        )
      ).in_directory,
    ).toBe(false);
    const assertion = passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    await refused(
      check(await fetchVerifiedMember(cloud.client, member.id), assertion, tokenA),
      'sca.assertion.credentialId',
    );
  });

  it("refuses another member's passkey and a userHandle naming someone else", async () => {
    const alice = await memberWithPasskey();
    const bob = await memberWithPasskey();
    const bobState = await fetchVerifiedMember(cloud.client, bob.member.id);
    const alices = passkeyAssertionFromJSON(
      await alice.auth.get({ credentialId: alice.passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    await refused(check(bobState, alices, tokenA), 'sca.assertion.credentialId');
    const bobs = passkeyAssertionFromJSON(
      await bob.auth.get({ credentialId: bob.passkey.credentialId, challenge: scaChallenge(tokenA) }),
    );
    await refused(
      check(bobState, { ...bobs, userHandle: alice.member.id }, tokenA),
      'sca.assertion.userHandle',
    );
  });
});
