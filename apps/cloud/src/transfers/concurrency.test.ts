import {
  createToken,
  endorsementFor,
  endorseToken,
  isApiError,
  redeemToken,
  transferTokenPayload,
} from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { secondInstance } from '../../test/second-instance.ts';
import { makeWorld } from '../../test/world.ts';

const cloud = perFileCloud();

describe('single use under concurrency', () => {
  it('50 concurrent redemptions of a single-use token through two cloud instances: exactly one succeeds, one bank transfer', async () => {
    const w = await makeWorld(cloud);
    const shopOn2 = (await secondInstance(cloud))(w.shop);

    const payload = transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: { value: '25.00', currency: 'EUR' },
      description: 'single use',
      refId: 'once',
      source: w.aliceAccount,
    });
    const created = await createToken(w.alice, payload);
    await endorseToken(
      w.alice,
      created.id,
      await endorsementFor(w.alice, created.id, 'LOW', { method: 'exemption', exemption: 'LowValue' }),
    );

    const attempts = Array.from({ length: 50 }, (_, i) =>
      redeemToken(i % 2 === 0 ? w.shop : shopOn2, created.id, {
        amount: { value: '25.00', currency: 'EUR' },
        refId: `attempt-${i}`,
        destination: w.shopAccount,
      }),
    );
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r) => r.status === 'fulfilled' && r.value.status === 'ACSC');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(isApiError(r.reason, 'ConditionFailed')).toBe(true);
    expect((await w.bank.executions()).filter((e) => e.token_id === created.id)).toHaveLength(1);
    expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(2500n);
    const rows = await cloud.db.query('select * from transfers where token_id = $1', [created.id]);
    expect(rows).toHaveLength(1);
  });
});
