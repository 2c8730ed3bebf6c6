// The shared assertion check on its own, with the SDK's software authenticator: each refusal names
// its field and says what was expected and what came; what the caller's callbacks decide is taken.
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import {
  base64url,
  isProtocolError,
  type MemberState,
  type PasskeyAssertion,
  ProtocolError,
  type SpcPaymentData,
} from '@tokenos/protocol';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PasskeyAssertionCheck, verifyPasskeyAssertion } from './passkey-assertion.ts';

const origin = 'https://wallet.example';
const rpId = 'wallet.example';
const memberId = 'm:member-1';
const challenge = new Uint8Array(32).fill(7);
const f = 'sca.assertion';

const authenticator = new SoftAuthenticator(origin);
let member: MemberState;
let credentialId: string;

beforeAll(async () => {
  const regChallenge = base64url(new Uint8Array(32).fill(1));
  const response = await authenticator.create({
    challenge: regChallenge,
    rp: { id: rpId, name: 'wallet' },
    user: { id: memberId, name: 'member', displayName: 'member' },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  });
  const reg = await verifyRegistrationResponse({
    response,
    expectedChallenge: regChallenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
  });
  if (!reg.verified) throw new Error('registration did not verify');
  credentialId = response.id;
  member = {
    memberId,
    head: 'h',
    seq: 3,
    createdAt: 0,
    updatedAt: 0,
    keys: [],
    aliases: [],
    passkeys: [
      {
        credentialId,
        publicKey: base64url(reg.registrationInfo.credential.publicKey),
        coseAlgorithm: -7,
        rpId,
        createdAt: 0,
      },
    ],
  };
});

async function assertion(o: Parameters<SoftAuthenticator['get']>[1] = {}): Promise<PasskeyAssertion> {
  const r = await authenticator.get({ credentialId, challenge }, o);
  return {
    credentialId: r.id,
    clientDataJSON: r.response.clientDataJSON,
    authenticatorData: r.response.authenticatorData,
    signature: r.response.signature,
    ...(r.response.userHandle === undefined ? {} : { userHandle: r.response.userHandle }),
  };
}

function check(a: PasskeyAssertion, more: Partial<PasskeyAssertionCheck> = {}): PasskeyAssertionCheck {
  return {
    member,
    assertion: a,
    rpId,
    walletOrigins: [origin],
    challenge,
    field: f,
    storedCounter: async () => 0,
    ...more,
  };
}

async function refusal(p: Promise<unknown>): Promise<{ field: string | undefined; message: string }> {
  const e = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isProtocolError(e) || e.code !== 'ScaFailed') throw new Error(`expected ScaFailed, got ${String(e)}`);
  return { field: e.field, message: e.message };
}

describe('verifyPasskeyAssertion', () => {
  it('accepts a good assertion and returns its counter', async () => {
    const a = await assertion();
    await expect(verifyPasskeyAssertion(check(a))).resolves.toEqual({
      credentialId,
      counter: authenticator.counter(credentialId),
      repeat: false,
    });
  });

  it('refuses an assertion made for another challenge, saying which was expected', async () => {
    const a = await assertion();
    const other = new Uint8Array(32).fill(9);
    const r = await refusal(verifyPasskeyAssertion(check(a, { challenge: other })));
    expect(r.field).toBe(`${f}.clientDataJSON.challenge`);
    expect(r.message).toContain(`is ${base64url(challenge)}, expected ${base64url(other)}`);
  });

  it('refuses another origin, another RP ID hash, and missing UV, each in its own field', async () => {
    const byOrigin = await refusal(
      verifyPasskeyAssertion(check(await assertion({ origin: 'https://evil.example' }))),
    );
    expect(byOrigin).toEqual({
      field: `${f}.clientDataJSON.origin`,
      message: `clientDataJSON.origin is https://evil.example, expected one of ${origin}`,
    });
    const byRp = await refusal(verifyPasskeyAssertion(check(await assertion({ rpId: 'evil.example' }))));
    expect(byRp.field).toBe(`${f}.authenticatorData.rpIdHash`);
    expect(byRp.message).toMatch(
      /^authenticatorData\.rpIdHash is \S+, expected \S+ \(SHA-256 of the RP ID wallet\.example\)$/,
    );
    const byUv = await refusal(verifyPasskeyAssertion(check(await assertion({ userVerified: false }))));
    expect(byUv.field).toBe(`${f}.authenticatorData.flags`);
  });

  it('refuses a counter not above the stored one, unless the caller calls it an accepted repeat', async () => {
    const a = await assertion();
    const seen = authenticator.counter(credentialId);
    const r = await refusal(verifyPasskeyAssertion(check(a, { storedCounter: async () => seen })));
    expect(r).toEqual({
      field: `${f}.authenticatorData.signCount`,
      message: `signature counter is ${seen}, expected above the last accepted ${seen}: a cloned authenticator or a replayed assertion (§6.1.1)`,
    });
    await expect(
      verifyPasskeyAssertion(
        check(a, { storedCounter: async () => seen, acceptedRepeat: async (counter) => counter === seen }),
      ),
    ).resolves.toMatchObject({ repeat: true, counter: seen });
  });

  it('refuses Secure Payment Confirmation unless the caller approves a payment, and lets its check decide', async () => {
    const payment: SpcPaymentData = {
      rpId,
      topOrigin: origin,
      payeeOrigin: 'https://shop.example',
      total: { value: '1.00', currency: 'EUR' },
      instrument: { displayName: 'x', icon: 'https://x' },
    };
    const a = await assertion({ payment });
    const r = await refusal(verifyPasskeyAssertion(check(a)));
    expect(r.field).toBe(`${f}.clientDataJSON.type`);
    const shown = new ProtocolError('ScaFailed', 'not this amount', {
      field: `${f}.clientDataJSON.payment.total`,
    });
    const byCaller = await refusal(
      verifyPasskeyAssertion(
        check(a, {
          spcPayment: () => {
            throw shown;
          },
        }),
      ),
    );
    expect(byCaller.field).toBe(`${f}.clientDataJSON.payment.total`);
  });

  it('refuses a credential that is not in the member directory before asking for its counter', async () => {
    const a = await assertion();
    let asked = false;
    const r = await refusal(
      verifyPasskeyAssertion(
        check(a, {
          member: { ...member, passkeys: [] },
          storedCounter: async () => {
            asked = true;
            return 0;
          },
        }),
      ),
    );
    expect(r.field).toBe(`${f}.credentialId`);
    expect(asked).toBe(false);
  });
});
