import {
  CloudClient,
  createToken,
  endorsementFor,
  endorseToken,
  isApiError,
  Member,
  redeemToken,
  transferTokenPayload,
} from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { makeWorld } from '../../test/world.ts';
import { createCloudApp } from '../app.ts';

const cloud = perFileCloud();

describe('single use under concurrency', () => {
  it('50 concurrent redemptions of a single-use token through two cloud instances: exactly one succeeds, one bank transfer', async () => {
    const w = await makeWorld(cloud);
    // A second instance: its own connection pool on the same database (on PGlite, the one instance).
    const db2 = await cloud.db.openSibling();
    const app2 = createCloudApp({ ...cloud.deps, db: db2 });
    const client2 = new CloudClient({
      baseUrl: 'http://cloud2.test',
      fetch: async (input, init) => app2.request(input instanceof URL ? input.href : input, init),
      now: () => cloud.clock.now,
    });
    const shopOn2 = new Member(w.shop.id, client2, w.shop.keyStore);

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
