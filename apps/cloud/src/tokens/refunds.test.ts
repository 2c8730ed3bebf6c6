import { scaChallenge } from '@tokenos/protocol';
import {
  createToken,
  endorsementFor,
  endorseToken,
  getToken,
  passkeyAssertionFromJSON,
  redeemToken,
  registerPasskey,
  transferTokenPayload,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, rowCounts, testConfig } from '../../test/harness.ts';
import { secondInstance } from '../../test/second-instance.ts';
import { makeWorld, type World } from '../../test/world.ts';

const cloud = perFileCloud();
const tables = ['tokens', 'transfers', 'sca_counters'];
const eur = (value: string) => ({ value, currency: 'EUR' as const });

/** Alice pays the shop `value` with her passkey and the shop redeems it (settled, ACSC). */
async function paid(w: World, value: string): Promise<string> {
  const auth = new SoftAuthenticator(testConfig.walletOrigins[0]!);
  const { passkey } = await registerPasskey(w.alice, (o) => auth.create(o));
  const created = await createToken(
    w.alice,
    transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: eur(value),
      description: 'Order',
      refId: `order-${Math.random().toString(36).slice(2)}`,
      source: w.aliceAccount,
    }),
  );
  const assertion = passkeyAssertionFromJSON(
    await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(created.id) }),
  );
  await endorseToken(
    w.alice,
    created.id,
    await endorsementFor(w.alice, created.id, 'STANDARD', { method: 'passkey', assertion }),
  );
  const t = await redeemToken(w.shop, created.id, {
    amount: eur(value),
    refId: 'pay',
    destination: w.shopAccount,
  });
  expect(t.status).toBe('ACSC');
  return created.id;
}

/** A refund token from the shop back to `payee` (default Alice), naming `refundOf`. */
async function refundToken(
  w: World,
  value: string,
  refundOf: string | undefined,
  o: { payee?: string; currency?: 'EUR' | 'GBP' } = {},
): Promise<string> {
  const payload = transferTokenPayload(w.shop, {
    payee: o.payee ?? w.alice.id,
    amount: { value, currency: o.currency ?? 'EUR' },
    description: 'Refund',
    refId: `refund-${Math.random().toString(36).slice(2)}`,
    source: w.shopAccount,
    redeemer: w.shop.id,
    ...(refundOf !== undefined ? { refundOf } : {}),
  });
  return (await createToken(w.shop, payload)).id;
}

async function endorseRefund(w: World, id: string, exemption: 'Refund' | 'LowValue' = 'Refund') {
  return endorseToken(
    w.shop,
    id,
    await endorsementFor(w.shop, id, 'STANDARD', { method: 'exemption', exemption }),
  );
}

describe('refunds (the Refund exemption)', () => {
  it('refunds above EUR 30 and six times in a row without a passkey, leaving the Art. 16 counters alone', async () => {
    const w = await makeWorld(cloud);
    const original = await paid(w, '90.00');
    const big = await endorseRefund(w, await refundToken(w, '40.00', original));
    expect(big.sca).toBe('exemption:Refund');
    expect(big.status).toBe('valid');
    const t = await redeemToken(w.shop, big.id, {
      amount: eur('40.00'),
      refId: 'r',
      destination: w.aliceAccount,
    });
    expect(t.status).toBe('ACSC');
    for (let i = 0; i < 6; i++) {
      const small = await endorseRefund(w, await refundToken(w, '1.00', original));
      expect(small.status).toBe('valid');
    }
    const counters = await cloud.db.maybeOne<{ count_since_sca: number }>(
      'select count_since_sca from sca_counters where member_id = $1',
      [w.shop.id],
    );
    expect(counters?.count_since_sca ?? 0).toBe(0);
    // 40 + 6 × 1 refunded of 90: 44.00 is left, 44.01 is not.
    const before = await rowCounts(cloud.db, tables);
    const over = await refundToken(w, '44.01', original);
    expect(await failureCode(endorseRefund(w, over))).toBe('ScaRequired');
    expect((await getToken(w.shop, over)).endorsement).toBeNull();
    expect((await rowCounts(cloud.db, tables)).tokens).toBe(before.tokens! + 1n);
    expect((await endorseRefund(w, await refundToken(w, '44.00', original))).status).toBe('valid');
  });

  it('refuses a wrong direction, currency, unknown original, or a mismatched exemption, endorsing nothing', async () => {
    const w = await makeWorld(cloud);
    const original = await paid(w, '50.00');
    const stranger = await makeWorld(cloud, w.bank);
    const cases: [string, string][] = [
      [await refundToken(w, '5.00', original, { payee: stranger.alice.id }), 'ScaRequired'],
      [await refundToken(w, '5.00', original, { currency: 'GBP' }), 'ScaRequired'],
      [await refundToken(w, '5.00', 'x'.repeat(43)), 'ScaRequired'],
      [await refundToken(w, '5.00', undefined), 'Malformed'],
    ];
    const before = await rowCounts(cloud.db, tables);
    for (const [id, code] of cases) expect(await failureCode(endorseRefund(w, id))).toBe(code);
    // A refund under the low-value exemption is refused too: refunds take Refund or a passkey.
    expect(await failureCode(endorseRefund(w, await refundToken(w, '5.00', original), 'LowValue'))).toBe(
      'Malformed',
    );
    const after = await rowCounts(cloud.db, tables);
    expect({ ...after, tokens: after.tokens! - 1n }).toEqual(before);
    for (const [id] of cases) expect((await getToken(w.shop, id)).endorsement).toBeNull();
  });

  it('two concurrent refunds that together exceed the original: exactly one is endorsed', async () => {
    const w = await makeWorld(cloud);
    const on2 = await secondInstance(cloud);
    const original = await paid(w, '60.00');
    const a = await refundToken(w, '40.00', original);
    const b = await refundToken(w, '40.00', original);
    const ea = await endorsementFor(w.shop, a, 'STANDARD', { method: 'exemption', exemption: 'Refund' });
    const eb = await endorsementFor(w.shop, b, 'STANDARD', { method: 'exemption', exemption: 'Refund' });
    const results = await Promise.all([
      endorseToken(w.shop, a, ea).then(
        () => 'ok',
        (e: unknown) => failureCode(Promise.reject(e)),
      ),
      endorseToken(on2(w.shop), b, eb).then(
        () => 'ok',
        (e: unknown) => failureCode(Promise.reject(e)),
      ),
    ]);
    expect(results.sort()).toEqual(['ScaRequired', 'ok']);
  });
});
