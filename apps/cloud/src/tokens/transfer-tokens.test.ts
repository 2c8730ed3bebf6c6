import type { TransferTokenPayload } from '@tokenos/protocol';
import {
  accessTokenPayload,
  cancelToken,
  createToken,
  endorsementFor,
  endorseToken,
  getToken,
  isApiError,
  redeemToken,
  tokenTransfers,
  transferTokenPayload,
} from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, rowCounts } from '../../test/harness.ts';
import { makeWorld, type World } from '../../test/world.ts';

const cloud = perFileCloud();

const tables = ['tokens', 'transfers', 'sca_counters'];
const eur = (value: string) => ({ value, currency: 'EUR' as const });

async function endorsedPayment(
  w: World,
  amount: string,
  extra: Partial<Parameters<typeof transferTokenPayload>[1]> = {},
) {
  const payload = transferTokenPayload(w.alice, {
    payee: w.shop.id,
    amount: eur(amount),
    description: 'Order 79262212',
    refId: `order-${Math.random().toString(36).slice(2)}`,
    source: w.aliceAccount,
    ...extra,
  });
  const created = await createToken(w.alice, payload);
  const endorsement = await endorsementFor(w.alice, created.id, 'LOW', {
    method: 'exemption',
    exemption: 'LowValue',
  });
  const token = await endorseToken(w.alice, created.id, endorsement);
  return { payload, token };
}

describe('transfer tokens', () => {
  it('pays: create, endorse (low-value exemption recorded), bank co-signs, redeem moves the money once', async () => {
    const w = await makeWorld(cloud);
    const { payload, token } = await endorsedPayment(w, '12.50');
    expect(token.status).toBe('valid');
    expect(token.sca).toBe('exemption:LowValue');
    expect(token.bankEndorsement?.signer.memberId).toBe(w.bank.bankId);
    expect(token.id).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const transfer = await redeemToken(w.shop, token.id, {
      amount: eur('12.50'),
      refId: 'r1',
      destination: w.shopAccount,
    });
    expect(transfer.status).toBe('ACSC');
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(1250n);
    expect(await w.bank.balance(w.aliceAccount.accountRef)).toBe(100_000n - 1250n);

    // A retry with the same refId returns the first result and moves nothing.
    const retry = await redeemToken(w.shop, token.id, {
      amount: eur('12.50'),
      refId: 'r1',
      destination: w.shopAccount,
    });
    expect(retry.id).toBe(transfer.id);
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(1250n);
    expect((await w.bank.executions()).filter((e) => e.token_id === token.id)).toHaveLength(1);
    expect(payload.conditions.singleUse).toBe(true);
  });

  it('refuses a second redemption of a single-use token and an amount over the token, changing nothing', async () => {
    const w = await makeWorld(cloud);
    const { token } = await endorsedPayment(w, '20.00');
    const before = await rowCounts(cloud.db, tables);
    expect(
      await failureCode(
        redeemToken(w.shop, token.id, {
          amount: eur('20.01'),
          refId: 'too-much',
          destination: w.shopAccount,
        }),
      ),
    ).toBe('ConditionFailed');
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
    await redeemToken(w.shop, token.id, { amount: eur('20.00'), refId: 'ok', destination: w.shopAccount });
    expect(
      await failureCode(
        redeemToken(w.shop, token.id, { amount: eur('1.00'), refId: 'again', destination: w.shopAccount }),
      ),
    ).toBe('ConditionFailed');
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(2000n);
  });

  it('a location condition is checked against where the redeemer says the payment happens', async () => {
    const w = await makeWorld(cloud);
    const { token } = await endorsedPayment(w, '8.00', {
      conditions: { singleUse: true, locations: { countries: ['DE'] } },
    });
    const elsewhere = {
      amount: eur('8.00'),
      refId: 'fr',
      destination: w.shopAccount,
      location: { country: 'FR' as const },
    };
    expect(await failureCode(redeemToken(w.shop, token.id, elsewhere))).toBe('ConditionFailed');
    expect(
      await failureCode(
        redeemToken(w.shop, token.id, { amount: eur('8.00'), refId: 'nowhere', destination: w.shopAccount }),
      ),
    ).toBe('ConditionFailed');
    const here = await redeemToken(w.shop, token.id, {
      amount: eur('8.00'),
      refId: 'de',
      destination: w.shopAccount,
      location: { country: 'DE' },
    });
    expect(here.status).toBe('ACSC');
    const [row] = await cloud.db.query<{ location: unknown }>(
      'select location from transfers where transfer_id = $1',
      [here.id],
    );
    expect(row?.location).toEqual({ country: 'DE' });
  });

  it('only the named redeemer redeems', async () => {
    const w = await makeWorld(cloud);
    const { token } = await endorsedPayment(w, '5.00');
    expect(
      await failureCode(
        redeemToken(w.alice, token.id, { amount: eur('5.00'), refId: 'x', destination: w.aliceAccount }),
      ),
    ).toBe('Forbidden');
  });

  it('needs SCA above EUR 30: the exemption is refused and nothing is endorsed', async () => {
    const w = await makeWorld(cloud);
    const payload = transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: eur('224.00'),
      description: 'Order',
      refId: 'big',
      source: w.aliceAccount,
    });
    const created = await createToken(w.alice, payload);
    const before = await rowCounts(cloud.db, tables);
    const standard = await endorsementFor(w.alice, created.id, 'STANDARD', {
      method: 'exemption',
      exemption: 'LowValue',
    });
    expect(await failureCode(endorseToken(w.alice, created.id, standard))).toBe('ScaRequired');
    const low = await endorsementFor(w.alice, created.id, 'LOW', {
      method: 'exemption',
      exemption: 'LowValue',
    });
    expect(await failureCode(endorseToken(w.alice, created.id, low))).toBe('InsufficientKeyLevel');
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
    expect((await getToken(w.alice, created.id)).endorsement).toBeNull();
  });

  it('refuses an endorsement made for another token, or signed by another member', async () => {
    const w = await makeWorld(cloud);
    const a = await createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        payee: w.shop.id,
        amount: eur('3.00'),
        description: 'a',
        refId: 'a',
        source: w.aliceAccount,
      }),
    );
    const b = await createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        payee: w.shop.id,
        amount: eur('3.00'),
        description: 'b',
        refId: 'b',
        source: w.aliceAccount,
      }),
    );
    const forA = await endorsementFor(w.alice, a.id, 'LOW', { method: 'exemption', exemption: 'LowValue' });
    expect(await failureCode(endorseToken(w.alice, b.id, forA))).toBe('Malformed');
    const byShop = await endorsementFor(w.shop, a.id, 'LOW', { method: 'exemption', exemption: 'LowValue' });
    expect(await failureCode(endorseToken(w.alice, a.id, byShop))).toBe('Forbidden');
    // A signature that does not match the signed fields (tampered after signing).
    const tampered = { ...forA, createdAt: forA.createdAt + 1 };
    expect(await failureCode(endorseToken(w.alice, a.id, tampered))).toBe('InvalidSignature');
    expect((await getToken(w.alice, a.id)).status).toBe('received');
  });

  it('refuses a tampered payload: the id is the hash, so an altered amount is another token the payer never endorsed', async () => {
    const w = await makeWorld(cloud);
    const { payload, token } = await endorsedPayment(w, '9.00');
    const altered: TransferTokenPayload = {
      ...payload,
      transfer: { ...payload.transfer, amount: eur('900.00') },
    };
    const other = await createToken(w.shop, { ...altered, issuer: w.shop.id });
    expect(other.id).not.toBe(token.id);
    expect(
      await failureCode(
        redeemToken(w.shop, other.id, { amount: eur('900.00'), refId: 'steal', destination: w.shopAccount }),
      ),
    ).toBe('Conflict');
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(0n);
  });

  it('refuses expired and cancelled tokens', async () => {
    const w = await makeWorld(cloud);
    const short = transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: eur('4.00'),
      description: 'x',
      refId: 'x',
      source: w.aliceAccount,
      expiresInMs: 60_000,
    });
    const created = await createToken(w.alice, short);
    cloud.clock.now += 120_000;
    try {
      const e = await endorsementFor(w.alice, created.id, 'LOW', {
        method: 'exemption',
        exemption: 'LowValue',
      });
      expect(await failureCode(endorseToken(w.alice, created.id, e))).toBe('Expired');
      expect((await getToken(w.alice, created.id)).status).toBe('expired');
    } finally {
      cloud.clock.now -= 120_000;
    }
    const { token } = await endorsedPayment(w, '4.00');
    const cancelled = await cancelToken(w.alice, token.id);
    expect(cancelled.status).toBe('revokedByPsu');
    expect(
      await failureCode(
        redeemToken(w.shop, token.id, { amount: eur('4.00'), refId: 'late', destination: w.shopAccount }),
      ),
    ).toBe('Cancelled');
    expect(await failureCode(cancelToken(w.shop, token.id))).toBe('Cancelled');
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(0n);
  });

  it('a bank that is down: endorse answers 503 BankUnavailable, the token cannot be redeemed, the co-signature can be retried', async () => {
    const w = await makeWorld(cloud);
    const payload = transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: eur('6.00'),
      description: 'x',
      refId: 'x',
      source: w.aliceAccount,
    });
    const created = await createToken(w.alice, payload);
    w.bank.available = false;
    try {
      const e = await endorsementFor(w.alice, created.id, 'LOW', {
        method: 'exemption',
        exemption: 'LowValue',
      });
      // A bank outage is BankUnavailable (503, Retry-After) here as everywhere, never a Conflict.
      const outage = await endorseToken(w.alice, created.id, e).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isApiError(outage, 'BankUnavailable')).toBe(true);
      expect(outage).toMatchObject({ status: 503 });
      expect((outage as Error).message).toContain('retry POST /cosign');
      const pending = await getToken(w.alice, created.id);
      expect(pending.endorsement).not.toBeNull();
      expect(pending.bankEndorsement).toBeNull();
      expect(
        await failureCode(
          redeemToken(w.shop, created.id, { amount: eur('6.00'), refId: 'r', destination: w.shopAccount }),
        ),
      ).toBe('Conflict');
    } finally {
      w.bank.available = true;
    }
    const cosigned = await w.alice.client.send<{ status: string }>(
      'POST',
      `/api/v1/tokens/${created.id}/cosign`,
      undefined,
      await w.alice.signerFor('LOW'),
    );
    expect(cosigned.status).toBe('valid');
    expect(
      (await redeemToken(w.shop, created.id, { amount: eur('6.00'), refId: 'r', destination: w.shopAccount }))
        .status,
    ).toBe('ACSC');
  });

  it('a bank that refuses to co-sign (source account not the payer’s) leaves the token rejected', async () => {
    const w = await makeWorld(cloud);
    const payload = transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: eur('2.00'),
      description: 'x',
      refId: 'x',
      source: w.shopAccount,
    });
    const created = await createToken(w.alice, payload);
    const e = await endorsementFor(w.alice, created.id, 'LOW', {
      method: 'exemption',
      exemption: 'LowValue',
    });
    expect(await failureCode(endorseToken(w.alice, created.id, e))).toBe('Forbidden');
    expect((await getToken(w.alice, created.id)).status).toBe('rejected');
  });

  it('insufficient funds: 422 BankRefused AM04, nothing moves, and the token can be used again', async () => {
    const w = await makeWorld(cloud);
    const poor = await w.bank.openAccount(`poor-${Date.now()}`, w.alice.id, 'EUR', 100n);
    const { token } = await endorsedPayment(w, '10.00', { source: poor });
    const redeem = () =>
      redeemToken(w.shop, token.id, { amount: eur('10.00'), refId: 'r1', destination: w.shopAccount }).then(
        () => undefined,
        (err: unknown) => err,
      );
    // The bank's refusal reaches the redeemer as a refusal (422 BankRefused, its ISO 20022 reason),
    // never as a 201 whose body says RJCT; a retry with the same refId answers the same.
    for (const refusal of [await redeem(), await redeem()]) {
      expect(isApiError(refusal, 'BankRefused')).toBe(true);
      expect(refusal).toMatchObject({ status: 422, reason: 'AM04' });
    }
    expect(await tokenTransfers(w.shop, token.id)).toMatchObject([{ status: 'RJCT', reason: 'AM04' }]);
    expect(await w.bank.balance(poor.accountRef)).toBe(100n);
    expect((await getToken(w.shop, token.id)).usage.count).toBe(0);
    expect(await w.bank.ledgerTotal()).toBe(0n);
  });

  it('a pending transfer (bank down) is never reported as settled and resolves on retry with the same refId', async () => {
    const w = await makeWorld(cloud);
    const { token } = await endorsedPayment(w, '7.00');
    w.bank.available = false;
    const pending = await redeemToken(w.shop, token.id, {
      amount: eur('7.00'),
      refId: 'p1',
      destination: w.shopAccount,
    }).finally(() => {
      w.bank.available = true;
    });
    expect(pending.status).toBe('ACTC');
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(0n);
    const settled = await redeemToken(w.shop, token.id, {
      amount: eur('7.00'),
      refId: 'p1',
      destination: w.shopAccount,
    });
    expect(settled).toMatchObject({ id: pending.id, status: 'ACSC' });
    expect(await tokenTransfers(w.shop, token.id)).toHaveLength(1);
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(700n);
  });

  it('a LOW key cannot endorse an access token', async () => {
    const w = await makeWorld(cloud);
    const created = await createToken(
      w.alice,
      accessTokenPayload(w.alice, {
        grantee: w.shop.id,
        resources: [{ type: 'account', account: w.aliceAccount, scopes: ['balances'] }],
      }),
    );
    const e = await endorsementFor(w.alice, created.id, 'LOW', {
      method: 'exemption',
      exemption: 'LowValue',
    });
    expect(await failureCode(endorseToken(w.alice, created.id, e))).toBe('InsufficientKeyLevel');
    const s = await endorsementFor(w.alice, created.id, 'STANDARD', {
      method: 'exemption',
      exemption: 'LowValue',
    });
    expect(await failureCode(endorseToken(w.alice, created.id, s))).toBe('ScaRequired');
  });
});
