// Test fixtures for the member-token tests (not used by the service).
import {
  type AccountRef,
  type MemberTokenLimitations,
  type ScaEvidence,
  scaChallenge,
} from '@tokenos/protocol';
import {
  type CreateMemberTokenOptions,
  createMemberToken,
  Member,
  type MemberTokenView,
  MemoryKeyStore,
  passkeyAssertionFromJSON,
  registerPasskey,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { type TestCloud, testConfig } from './harness.ts';
import { makeWorld, type World } from './world.ts';

export interface MemberTokenWorld extends World {
  /** Alice's passkey, for the SCA every multi-use authorization above EUR 30 needs. */
  sca: (backingTokenId: string) => Promise<ScaEvidence>;
  /** A sub-merchant of the shop, and one of the sub-merchant. */
  kiosk: Member;
  stall: Member;
}

let counter = 0;

export async function memberTokenWorld(cloud: TestCloud): Promise<MemberTokenWorld> {
  const w = await makeWorld(cloud);
  const auth = new SoftAuthenticator(testConfig.walletOrigins[0]!);
  const { passkey } = await registerPasskey(w.alice, (options) => auth.create(options));
  const sca = async (id: string): Promise<ScaEvidence> => ({
    method: 'passkey',
    assertion: passkeyAssertionFromJSON(
      await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(id) }),
    ),
  });
  const kiosk = await Member.create(cloud.client, new MemoryKeyStore());
  const stall = await Member.create(cloud.client, new MemoryKeyStore());
  return { ...w, sca, kiosk, stall };
}

export const eur = (value: string) => ({ value, currency: 'EUR' as const });

/** A member token from Alice for the shop, created and endorsed through the SDK. */
export async function aliceToken(
  w: MemberTokenWorld,
  limitations: Omit<MemberTokenLimitations, 'currency'> = {},
  extra: Partial<CreateMemberTokenOptions> = {},
): Promise<MemberTokenView> {
  return createMemberToken(w.alice, {
    holder: w.shop.id,
    limitations: { currency: 'EUR', ...limitations },
    source: w.aliceAccount,
    sca: w.sca,
    ...extra,
  });
}

/** A fresh account of the shop at the world's bank, for charges that must not mix with others. */
export async function shopAccount(w: MemberTokenWorld): Promise<AccountRef> {
  counter++;
  return w.bank.openAccount(`shop-mt-${counter}-${Date.now()}`, w.shop.id, 'EUR');
}

/** The error a call fails with (to look at its fields). */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}
