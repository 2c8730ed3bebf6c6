import {
  chargeMemberToken,
  deriveMemberToken,
  getMemberToken,
  isMemberTokenLimitError,
  type Member,
} from '@tokenos/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import {
  aliceToken,
  eur,
  type MemberTokenWorld,
  memberTokenWorld,
  shopAccount,
} from '../../test/member-token-world.ts';
import { secondInstance } from '../../test/second-instance.ts';

const cloud = perFileCloud();
let w: MemberTokenWorld;
/** Rebinds a member to a second cloud instance: its own pool on the same database (on PGlite, the one instance). */
let on2: (m: Member) => Member;
beforeAll(async () => {
  w = await memberTokenWorld(cloud);
  on2 = await secondInstance(cloud);
});

describe('member-token charges under concurrency', () => {
  it('100 concurrent charges of a single-use token through two instances: exactly one succeeds, one bank transfer', async () => {
    const token = await aliceToken(w, { singleUse: true });
    const account = await shopAccount(w);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        chargeMemberToken(i % 2 === 0 ? w.shop : on2(w.shop), i % 3 === 0 ? token.custom : token.jwt, {
          amount: eur('7.00'),
          refId: `attempt-${i}`,
          destination: account,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled' && r.value.status === 'ACSC');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(99);
    for (const r of refused)
      expect(isMemberTokenLimitError(r.reason, 'singleUse'), String(r.reason)).toBe(true);
    expect((await w.bank.executions()).filter((e) => e.token_id === token.backingTokenId)).toHaveLength(1);
    expect(await w.bank.balance(account.accountRef)).toBe(700n);
    expect(
      await cloud.db.query(
        'select * from member_token_charges where member_token_id in (select id from member_tokens where backing_token_id = $1)',
        [token.backingTokenId],
      ),
    ).toHaveLength(1);
    expect((await getMemberToken(w.shop, token.tokenId)).usage).toEqual({ count: 1, total: eur('7.00') });
  });

  it('two sub-merchants charging at once never pass the parent credit limit together', async () => {
    const parent = await aliceToken(w, { merchantId: w.shop.id, creditLimit: '100.00' });
    const account = await shopAccount(w);
    const limits = { currency: 'EUR' as const, merchantId: w.shop.id, creditLimit: '80.00' };
    const kiosk = await deriveMemberToken(w.shop, parent.tokenId, {
      holder: w.kiosk.id,
      limitations: limits,
      destination: account,
    });
    const stall = await deriveMemberToken(w.shop, parent.tokenId, {
      holder: w.stall.id,
      limitations: limits,
      destination: account,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => {
        const [who, token] = i % 2 === 0 ? [w.kiosk, kiosk] : [w.stall, stall];
        return chargeMemberToken(i % 4 < 2 ? who : on2(who), token.jwt, {
          amount: eur('10.00'),
          refId: `c-${i}`,
        });
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(10);
    for (const r of results)
      if (r.status === 'rejected')
        expect(isMemberTokenLimitError(r.reason, 'creditLimit'), String(r.reason)).toBe(true);
    expect(await w.bank.balance(account.accountRef)).toBe(10_000n);
    expect((await getMemberToken(w.alice, parent.tokenId)).usage).toEqual({
      count: 10,
      total: eur('100.00'),
    });
    const k = await getMemberToken(w.kiosk, kiosk.tokenId);
    const s = await getMemberToken(w.stall, stall.tokenId);
    expect(k.usage.count + s.usage.count).toBe(10);
  });
});
