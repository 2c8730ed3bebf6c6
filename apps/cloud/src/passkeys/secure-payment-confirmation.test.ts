import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  type Money,
  objectId,
  ProtocolError,
  type SpcPaymentData,
  scaBundleChallenge,
  scaChallenge,
  spcPayeeOrigin,
} from '@tokenos/protocol';
import {
  accessTokenPayload,
  addAddress,
  addAlias,
  completeAliasVerification,
  createToken,
  endorsementFor,
  endorseToken,
  fetchVerifiedMember,
  getToken,
  isApiError,
  Member,
  MemoryKeyStore,
  passkeyAssertionFromJSON,
  registerPasskey,
  transferTokenPayload,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perFileCloud, testConfig } from '../../test/harness.ts';
import { makeWorld } from '../../test/world.ts';
import { verifyScaAssertion } from './verify-assertion.ts';

// Secure Payment Confirmation (issue 5): the browser shows amount and payee itself and records
// them in the client data the passkey signs. The cloud accepts such an assertion as SCA for a
// transfer only when what was shown is the token's amount and the payee's verified domain.

const walletOrigin = testConfig.walletOrigins[0]!;
const cloud = perFileCloud();
const amount: Money = { value: '42.00', currency: 'EUR' };
const tokenId = objectId({ token: 'spc' });

let server: ReturnType<typeof serve>;
let served: unknown = {};
let shopDomain = '';
let shop: Member;

beforeAll(async () => {
  const site = new Hono();
  site.get('/.well-known/tokenos-member', (c) => c.json(served));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  shopDomain = `localhost:${(server.address() as AddressInfo).port}`;
  shop = await Member.create(cloud.client, new MemoryKeyStore());
  const added = await addAlias(shop, { type: 'DOMAIN', value: shopDomain });
  served = added.domain?.document;
  await completeAliasVerification(shop, added.verificationId);
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

/** What Chrome records for a payment of `amount` to the shop, shown in the wallet's page. */
function shown(overrides: Partial<SpcPaymentData> = {}): SpcPaymentData {
  return {
    rpId: testConfig.rpId,
    topOrigin: walletOrigin,
    payeeName: 'Demo Shop',
    payeeOrigin: spcPayeeOrigin(shopDomain),
    total: amount,
    instrument: { displayName: 'Iron Bank, Savings', icon: `${walletOrigin}/icons/icon-192.png` },
    ...overrides,
  };
}

async function payer() {
  const member = await Member.create(cloud.client, new MemoryKeyStore());
  const auth = new SoftAuthenticator(walletOrigin);
  const { passkey } = await registerPasskey(member, (options) => auth.create(options));
  return { member, auth, passkey, state: await fetchVerifiedMember(cloud.client, member.id) };
}

async function verdict(
  payment: SpcPaymentData,
  forPayment: { amount: Money; payee: string } | null = { amount, payee: shop.id },
): Promise<unknown> {
  const { auth, passkey, state } = await payer();
  const assertion = passkeyAssertionFromJSON(
    await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(tokenId) }, { payment }),
  );
  try {
    return await cloud.db.transaction((tx) =>
      verifyScaAssertion(cloud.deps, tx, {
        member: state,
        assertion,
        challenge: scaChallenge(tokenId),
        ...(forPayment ? { payment: forPayment } : {}),
      }),
    );
  } catch (e) {
    return e;
  }
}

describe('Secure Payment Confirmation assertions', () => {
  it('are accepted for a transfer when the browser showed its amount and the payee domain', async () => {
    expect(await verdict(shown())).toMatchObject({ credentialId: expect.any(String) });
  });

  it.each<[string, Partial<SpcPaymentData>, string]>([
    ['another amount', { total: { value: '4.20', currency: 'EUR' } }, 'total'],
    ['a domain the payee has not verified', { payeeOrigin: 'https://evil.example' }, 'payeeOrigin'],
    ['a payee name only', { payeeOrigin: undefined }, 'payeeOrigin'],
    ['a page other than the wallet', { topOrigin: 'https://evil.example' }, 'topOrigin'],
  ])('are refused when the browser showed %s', async (_, overrides, field) => {
    const e = await verdict(shown(overrides));
    expect(e).toBeInstanceOf(ProtocolError);
    expect(e).toMatchObject({ code: 'ScaFailed', field: `sca.assertion.clientDataJSON.payment.${field}` });
  });

  it("are refused when the payee is someone else than the domain's owner", async () => {
    const other = await Member.create(cloud.client, new MemoryKeyStore());
    expect(await verdict(shown(), { amount, payee: other.id })).toMatchObject({
      code: 'ScaFailed',
      field: 'sca.assertion.clientDataJSON.payment.payeeOrigin',
    });
  });

  it('are refused for anything that is not a payment (an access grant, say)', async () => {
    expect(await verdict(shown(), null)).toMatchObject({
      code: 'ScaFailed',
      field: 'sca.assertion.clientDataJSON.type',
    });
  });
});

describe('endorsing a transfer with Secure Payment Confirmation', () => {
  it('endorses when the dialog showed the token, and leaves it unendorsed when it showed another amount', async () => {
    const w = await makeWorld(cloud);
    const auth = new SoftAuthenticator(walletOrigin);
    const { passkey } = await registerPasskey(w.alice, (options) => auth.create(options));
    const created = await createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        // The shop whose domain the cloud verified above.
        payee: shop.id,
        amount,
        description: 'Order 1',
        refId: 'spc-order-1',
        source: w.aliceAccount,
      }),
    );
    const endorseShowing = async (total: Money) => {
      const assertion = passkeyAssertionFromJSON(
        await auth.get(
          { credentialId: passkey.credentialId, challenge: scaChallenge(created.id) },
          { payment: shown({ total }) },
        ),
      );
      return endorseToken(
        w.alice,
        created.id,
        await endorsementFor(w.alice, created.id, 'STANDARD', { method: 'passkey', assertion }),
      );
    };
    const refused = await endorseShowing({ value: '4.20', currency: 'EUR' }).catch((e: unknown) => e);
    expect(isApiError(refused, 'ScaFailed')).toBe(true);
    expect(refused).toMatchObject({ field: 'sca.assertion.clientDataJSON.payment.total' });
    expect((await getToken(w.alice, created.id)).endorsement).toBeFalsy();
    expect((await endorseShowing(amount)).status).toBe('valid');
  });
});

describe('a payment and an address grant approved in one Secure Payment Confirmation dialog', () => {
  /** Alice's payment to `payee` and a grant of her address to `grantee`, one SPC assertion over both. */
  async function bundle(o: { payee: Member; grantee: Member; refId: string }) {
    const w = await makeWorld(cloud);
    const auth = new SoftAuthenticator(walletOrigin);
    const { passkey } = await registerPasskey(w.alice, (options) => auth.create(options));
    const address = await addAddress(w.alice, {
      recipient: 'Alice Liddell',
      lines: ['Rabbit Hole Lane 7'],
      city: 'Oxford',
      postalCode: 'OX1 1AA',
      country: 'GB',
    });
    const transfer = await createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        payee: o.payee.id,
        amount,
        description: 'Order with delivery',
        refId: o.refId,
        source: w.aliceAccount,
      }),
    );
    const access = await createToken(
      w.alice,
      accessTokenPayload(w.alice, {
        grantee: o.grantee.id,
        resources: [{ type: 'address', addressId: address.id }],
        expiresInMs: 30 * 24 * 3600_000,
      }),
    );
    const tokenIds = [transfer.id, access.id].sort();
    const assertion = passkeyAssertionFromJSON(
      await auth.get(
        { credentialId: passkey.credentialId, challenge: scaBundleChallenge(tokenIds) },
        { payment: shown() },
      ),
    );
    const endorse = async (id: string) =>
      endorseToken(
        w.alice,
        id,
        await endorsementFor(w.alice, id, 'STANDARD', { method: 'passkey', assertion, tokenIds }),
      ).catch((e: unknown) => e);
    return { w, transfer, access, endorse };
  }

  it('the one assertion endorses the payment and the grant it came with', async () => {
    const { transfer, access, endorse } = await bundle({ payee: shop, grantee: shop, refId: 'spc-bundle-1' });
    expect(await endorse(transfer.id)).toMatchObject({ status: 'valid', sca: 'passkey' });
    expect(await endorse(access.id)).toMatchObject({ status: 'valid', sca: 'passkey' });
  });

  it('is refused for a grant to someone other than the payee the dialog showed, which stays unendorsed', async () => {
    const other = await Member.create(cloud.client, new MemoryKeyStore());
    const { w, transfer, access, endorse } = await bundle({
      payee: shop,
      grantee: other,
      refId: 'spc-bundle-2',
    });
    expect(await endorse(transfer.id)).toMatchObject({ status: 'valid' });
    const refused = await endorse(access.id);
    expect(isApiError(refused, 'ScaFailed')).toBe(true);
    expect(refused).toMatchObject({ field: 'sca.assertion.clientDataJSON.type' });
    expect((await getToken(w.alice, access.id)).endorsement).toBeFalsy();
  });
});
