import type { Conditions, Money } from '@tokenos/protocol';
import { getToken, isApiError, redeemToken } from '@tokenos/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsPostgres, titled } from './environment.ts';
import { countBy } from './ledgers.ts';
import { endorsedToken, type PaymentStack, startPaymentStack } from './payment-stack.ts';
import { RecordingFetch } from './recording-fetch.ts';

// Issue 8, "Races": three cloud processes (each its own OS process, port and connection pool) on
// one PostgreSQL database created for this file, Iron Bank on a database of its own. Only the
// database can keep a single-use token single-use here: nothing is shared in memory.
const skip = needsPostgres();
const euro = (value: string): Money => ({ value, currency: 'EUR' });

describe.skipIf(skip !== undefined)(titled('races across three cloud processes', skip), () => {
  let world: PaymentStack;

  beforeAll(async () => {
    world = await startPaymentStack({ cloudInstances: 3, payers: 1 });
  }, 180_000);

  afterAll(() => world?.stop());

  /** A token from the one payer, endorsed with its STANDARD key and passkey, co-signed by the bank. */
  function token(amount: string, conditions: Omit<Conditions, 'currency'>): Promise<string> {
    return endorsedToken(world.payers[0]!, world.merchant, euro(amount), conditions);
  }

  /** `n` redemptions of 1.00 at once, spread over the three instances, each with its own refId. */
  function redeemAtOnce(recorder: RecordingFetch, tokenId: string, n: number) {
    const { stack, merchant, account } = world;
    const onEach = stack.cloudUrls.map((url) => recorder.memberOn(merchant, url));
    return Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        redeemToken(onEach[i % onEach.length]!, tokenId, {
          amount: euro('1.00'),
          refId: `attempt-${i}`,
          destination: account,
        }),
      ),
    );
  }

  it('200 concurrent redemptions of a single-use token across 3 cloud processes: exactly one succeeds, the rest get a clear problem+json refusal, one bank transfer', async () => {
    const tokenId = await token('1.00', { singleUse: true });
    const merchantBefore = await world.ledgers.balance('shop', 'Merchant account');
    const recorder = new RecordingFetch();

    const results = await redeemAtOnce(recorder, tokenId, 200);

    const settled = results.filter((r) => r.status === 'fulfilled' && r.value.status === 'ACSC');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(settled).toHaveLength(1);
    expect(refused).toHaveLength(199);
    for (const e of refused) {
      // 422 ConditionFailed naming the single-use condition: the token was used, not a server fault.
      expect(isApiError(e, 'ConditionFailed') && e.status).toBe(422);
      expect(isApiError(e) && e.reasons?.map((r) => r.field)).toContain('singleUse');
    }
    expect(recorder.failures).toHaveLength(199);
    for (const f of recorder.failures) expect(f.contentType).toMatch(/^application\/problem\+json/);
    // Every instance refused some of them: the race really crossed processes.
    expect(new Set(recorder.failures.map((f) => new URL(f.url).origin)).size).toBe(3);

    const bank = await world.ledgers.bankTransfers([tokenId]);
    expect(bank.map((t) => [t.status, t.amount, t.postings])).toEqual([['ACSC', 100n, 1]]);
    expect(await world.ledgers.balance('shop', 'Merchant account')).toBe(merchantBefore + 100n);
    const cloud = await world.ledgers.cloudTransfers([tokenId]);
    expect(cloud.map((t) => t.status)).toEqual(['ACSC']);
  });

  it('200 concurrent charges each against a cumulative limit and a redemption count across 3 processes: never exceeded', async () => {
    // 1.00 at a time: a 10.00 cumulative limit allows exactly ten, a count of seven exactly seven.
    // One after the other: a passkey's signature counter only goes up (the bank refuses a lower one).
    const limited = await token('10.00', { singleUse: false, cumulativeLimit: '10.00' });
    const counted = await token('50.00', { singleUse: false, maxRedemptions: 7 });
    const merchantBefore = await world.ledgers.balance('shop', 'Merchant account');
    const recorder = new RecordingFetch();

    const [byLimit, byCount] = await Promise.all([
      redeemAtOnce(recorder, limited, 200),
      redeemAtOnce(recorder, counted, 200),
    ]);

    const ok = (rs: typeof byLimit) =>
      rs.filter((r) => r.status === 'fulfilled' && r.value.status === 'ACSC');
    expect(ok(byLimit)).toHaveLength(10);
    expect(ok(byCount)).toHaveLength(7);
    expect(recorder.failures).toHaveLength(190 + 193);
    for (const f of recorder.failures) {
      expect(f.status).toBe(422);
      expect(f.code).toBe('ConditionFailed');
      expect(f.contentType).toMatch(/^application\/problem\+json/);
    }

    const bank = await world.ledgers.bankTransfers([limited, counted]);
    const perToken = countBy(
      bank.filter((t) => t.status === 'ACSC' && t.postings === 1),
      (t) => t.token_id,
    );
    expect(perToken.get(limited)).toBe(10);
    expect(perToken.get(counted)).toBe(7);
    expect(bank.filter((t) => t.status !== 'ACSC')).toEqual([]);
    expect(await world.ledgers.balance('shop', 'Merchant account')).toBe(merchantBefore + 1700n);
    expect(BigInt((await getToken(world.payers[0]!.member, limited)).usage.total)).toBe(1000n);
    expect((await getToken(world.payers[0]!.member, counted)).usage.count).toBe(7);
  });
});
