import type { MemberTokenLimitations } from '@tokenos/protocol';
import {
  attestEntitlement,
  cancelMemberToken,
  chargeMemberToken,
  deriveMemberToken,
  getMemberToken,
  MemberTokenLimitError,
  type MemberTokenView,
  verifyMemberToken,
} from '@tokenos/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, rowCounts } from '../../test/harness.ts';
import {
  aliceToken,
  eur,
  failure,
  type MemberTokenWorld,
  memberTokenWorld,
  shopAccount,
} from '../../test/member-token-world.ts';

const cloud = perFileCloud();
let w: MemberTokenWorld;
beforeAll(async () => {
  w = await memberTokenWorld(cloud);
});

const day = 86_400_000;

function parentLimits(): Omit<MemberTokenLimitations, 'currency'> {
  return {
    merchantId: w.shop.id,
    location: { countries: ['DE', 'FR'] },
    amount: '50.00',
    creditLimit: '100.00',
    expiresAt: cloud.clock.now + day,
    maxUses: 5,
  };
}

async function root(): Promise<MemberTokenView> {
  const entitlements = [
    await attestEntitlement(w.bank.member, w.alice.id, { type: 'VETERAN', value: 'true' }),
    await attestEntitlement(w.bank.member, w.alice.id, { type: 'AGE_OVER_18', value: 'true' }),
  ];
  return aliceToken(w, parentLimits(), { entityType: 'merchant', entitlements });
}

const de = { country: 'DE' };

describe('sub-tokens (seed 001, "Sub Member Token")', () => {
  it('a merchant derives a stricter token for a sub-merchant, which sees only what it is given', async () => {
    const parent = await root();
    const account = await shopAccount(w);
    const child = await deriveMemberToken(w.shop, parent.tokenId, {
      holder: w.kiosk.id,
      limitations: { ...parentLimits(), currency: 'EUR', location: { countries: ['DE'] }, amount: '30.00' },
      entitlements: ['AGE_OVER_18'],
      loyalty: true,
      metadata: [{ key: 'store', value: 'kiosk 4' }],
      destination: account,
    });
    expect(child).toMatchObject({
      status: 'active',
      entityType: 'subMerchant',
      holder: w.kiosk.id,
      merchantOfRecord: w.shop.id,
      parentTokenId: parent.tokenId,
      depth: 1,
      loyalty: true,
      entitlements: [{ type: 'AGE_OVER_18', value: 'true', attestedBy: w.bank.bankId, verified: true }],
    });
    expect(child.tokenId).not.toBe(parent.tokenId);
    // The sub-merchant sees its token in both formats, not the parent nor the authorization behind it.
    const asKiosk = await verifyMemberToken(w.kiosk, child.custom);
    expect(asKiosk.backingTokenId).toBeUndefined();
    expect((await verifyMemberToken(w.kiosk, child.jwt)).tokenId).toBe(child.tokenId);
    expect(await failureCode(getMemberToken(w.kiosk, parent.tokenId))).toBe('NotFound');
    // The parent's holder and the member see the child.
    expect((await getMemberToken(w.shop, child.tokenId)).holder).toBe(w.kiosk.id);
    expect((await getMemberToken(w.alice, child.tokenId)).holder).toBe(w.kiosk.id);
    // Only the holder derives.
    expect(
      await failureCode(
        deriveMemberToken(w.kiosk, parent.tokenId, {
          holder: w.stall.id,
          limitations: { ...parentLimits(), currency: 'EUR' },
        }),
      ),
    ).toBe('NotFound');
    expect(
      await failureCode(
        deriveMemberToken(w.alice, parent.tokenId, {
          holder: w.stall.id,
          limitations: { ...parentLimits(), currency: 'EUR' },
          destination: account,
        }),
      ),
    ).toBe('Forbidden');
  });

  describe('a child looser than its parent in any dimension is refused, and nothing is stored', () => {
    const looser: [string, (l: MemberTokenLimitations) => void, string][] = [
      [
        'location: a country more',
        (l) => (l.location = { countries: ['DE', 'FR', 'IT'] }),
        'limitations.location.countries',
      ],
      ['location: none', (l) => delete l.location, 'limitations.location.countries'],
      ['amount: one cent more', (l) => (l.amount = '50.01'), 'limitations.amount'],
      ['amount: none', (l) => delete l.amount, 'limitations.amount'],
      ['credit limit: one cent more', (l) => (l.creditLimit = '100.01'), 'limitations.creditLimit'],
      ['credit limit: none', (l) => delete l.creditLimit, 'limitations.creditLimit'],
      ['subscription: a millisecond later', (l) => (l.expiresAt = l.expiresAt! + 1), 'limitations.expiresAt'],
      ['subscription: none', (l) => delete l.expiresAt, 'limitations.expiresAt'],
      ['recurrence: one use more', (l) => (l.maxUses = 6), 'limitations.maxUses'],
      ['recurrence: none', (l) => delete l.maxUses, 'limitations.maxUses'],
      ['merchant: another one', (l) => (l.merchantId = w.kiosk.id), 'limitations.merchantId'],
      ['currency: another one', (l) => (l.currency = 'USD'), 'limitations.currency'],
    ];
    let parent: MemberTokenView;
    beforeAll(async () => {
      parent = await root();
    });
    for (const [name, loosen, field] of looser) {
      it(name, async () => {
        const limitations: MemberTokenLimitations = {
          ...parentLimits(),
          currency: 'EUR',
          expiresAt: parent.limitations.expiresAt!,
        };
        loosen(limitations);
        const before = await rowCounts(cloud.db, ['member_tokens']);
        const e = await failure(
          deriveMemberToken(w.shop, parent.tokenId, {
            holder: w.kiosk.id,
            limitations,
            destination: w.shopAccount,
          }),
        );
        expect(e).toMatchObject({ code: 'ConditionFailed', field });
        expect((e as { reasons: { code: string; field: string }[] }).reasons).toContainEqual(
          expect.objectContaining({ code: 'NotNarrower', field }),
        );
        expect(await rowCounts(cloud.db, ['member_tokens'])).toEqual(before);
      });
    }

    it('single use: a child of a single-use token must be single-use', async () => {
      const once = await aliceToken(w, { merchantId: w.shop.id, singleUse: true });
      const e = await failure(
        deriveMemberToken(w.shop, once.tokenId, {
          holder: w.kiosk.id,
          limitations: { currency: 'EUR', merchantId: w.shop.id },
          destination: w.shopAccount,
        }),
      );
      expect(e).toMatchObject({ code: 'ConditionFailed', field: 'limitations.singleUse' });
    });

    it('a sub-merchant token must name the merchant (the merchant flag), and only the merchant of record', async () => {
      const open = await aliceToken(w, {});
      const base = { holder: w.kiosk.id, destination: w.shopAccount };
      expect(
        await failureCode(
          deriveMemberToken(w.shop, open.tokenId, { ...base, limitations: { currency: 'EUR' } }),
        ),
      ).toBe('Malformed');
      expect(
        await failure(
          deriveMemberToken(w.shop, open.tokenId, {
            ...base,
            limitations: { currency: 'EUR', merchantId: w.kiosk.id },
          }),
        ),
      ).toMatchObject({ code: 'Malformed', field: 'limitations.merchantId' });
      const ok = await deriveMemberToken(w.shop, open.tokenId, {
        ...base,
        limitations: { currency: 'EUR', merchantId: w.shop.id },
      });
      expect(ok.entityType).toBe('subMerchant');
    });
  });

  it('charges on a child count against the parent: siblings together never exceed the parent', async () => {
    const parent = await root();
    const account = await shopAccount(w);
    const narrower = {
      ...parentLimits(),
      currency: 'EUR' as const,
      location: { countries: ['DE' as const] },
      expiresAt: parent.limitations.expiresAt!,
      creditLimit: '80.00',
    };
    const kiosk = await deriveMemberToken(w.shop, parent.tokenId, {
      holder: w.kiosk.id,
      limitations: narrower,
      destination: account,
    });
    const stall = await deriveMemberToken(w.shop, parent.tokenId, {
      holder: w.stall.id,
      limitations: narrower,
      destination: account,
    });

    // Sub-merchants charge; the money goes to the merchant of record's account the shop named.
    const first = await chargeMemberToken(w.kiosk, kiosk.jwt, {
      amount: eur('45.00'),
      refId: 'k1',
      location: de,
    });
    expect(first.status).toBe('ACSC');
    expect(await w.bank.balance(account.accountRef)).toBe(4500n);
    await chargeMemberToken(w.stall, stall.custom, { amount: eur('45.00'), refId: 's1', location: de });
    expect((await getMemberToken(w.shop, parent.tokenId)).usage).toEqual({ count: 2, total: eur('90.00') });
    expect((await getMemberToken(w.kiosk, kiosk.tokenId)).usage).toEqual({ count: 1, total: eur('45.00') });

    // 10.01 more fits the kiosk's own 80.00, not the parent's 100.00: refused at level 0.
    const before = await rowCounts(cloud.db, ['member_token_charges', 'transfers']);
    const e = await failure(
      chargeMemberToken(w.kiosk, kiosk.jwt, { amount: eur('10.01'), refId: 'k2', location: de }),
    );
    expect(e).toBeInstanceOf(MemberTokenLimitError);
    expect((e as MemberTokenLimitError).limits).toEqual([
      expect.objectContaining({ limit: 'creditLimit', level: 0 }),
    ]);
    expect(await rowCounts(cloud.db, ['member_token_charges', 'transfers'])).toEqual(before);
    // The child's own limits hold too: level 1.
    const own = await failure(
      chargeMemberToken(w.kiosk, kiosk.jwt, {
        amount: eur('5.00'),
        refId: 'k3',
        location: { country: 'FR' },
      }),
    );
    expect((own as MemberTokenLimitError).limits).toEqual([
      expect.objectContaining({ limit: 'location', level: 1 }),
    ]);
    // Only the holder charges: the merchant of record is told so; another merchant runs into the
    // merchant limitation (the token names the shop, not it).
    expect(
      await failureCode(
        chargeMemberToken(w.shop, kiosk.jwt, { amount: eur('1.00'), refId: 'm', location: de }),
      ),
    ).toBe('Forbidden');
    const foreign = await failure(
      chargeMemberToken(w.stall, kiosk.jwt, { amount: eur('1.00'), refId: 'f', location: de }),
    );
    expect((foreign as MemberTokenLimitError).limits.map((l) => l.limit)).toEqual(['merchant', 'merchant']);
    // A sub-merchant cannot send the money elsewhere.
    expect(
      await failureCode(
        chargeMemberToken(w.kiosk, kiosk.jwt, {
          amount: eur('1.00'),
          refId: 'k4',
          location: de,
          destination: w.aliceAccount,
        }),
      ),
    ).toBe('Malformed');
    expect(
      (
        await chargeMemberToken(w.shop, parent.jwt, {
          amount: eur('10.00'),
          refId: 'p',
          location: de,
          destination: account,
        })
      ).status,
    ).toBe('ACSC');
    expect(await w.bank.balance(account.accountRef)).toBe(10_000n);
  });

  it('a grandchild counts at every level; cancelling the parent revokes every descendant at once', async () => {
    const parent = await root();
    const account = await shopAccount(w);
    const limits = { ...parentLimits(), currency: 'EUR' as const, expiresAt: parent.limitations.expiresAt! };
    const child = await deriveMemberToken(w.shop, parent.tokenId, {
      holder: w.kiosk.id,
      limitations: limits,
      destination: account,
    });
    const grandchild = await deriveMemberToken(w.kiosk, child.tokenId, {
      holder: w.stall.id,
      limitations: { ...limits, maxUses: 2 },
    });
    expect(grandchild).toMatchObject({ depth: 2, parentTokenId: child.tokenId, merchantOfRecord: w.shop.id });
    await chargeMemberToken(w.stall, grandchild.jwt, { amount: eur('12.00'), refId: 'g1', location: de });
    for (const [who, id] of [
      [w.alice, parent.tokenId],
      [w.kiosk, child.tokenId],
      [w.stall, grandchild.tokenId],
    ] as const)
      expect((await getMemberToken(who, id)).usage).toEqual({ count: 1, total: eur('12.00') });
    expect(await w.bank.balance(account.accountRef)).toBe(1200n);

    // The shop (an ancestor's holder) may cancel the child: the grandchild goes with it, the parent stays.
    const sibling = await deriveMemberToken(w.shop, parent.tokenId, {
      holder: w.kiosk.id,
      limitations: limits,
      destination: account,
    });
    const nephew = await deriveMemberToken(w.kiosk, sibling.tokenId, {
      holder: w.stall.id,
      limitations: limits,
    });
    expect((await cancelMemberToken(w.shop, sibling.tokenId)).status).toBe('cancelled');
    expect((await getMemberToken(w.stall, nephew.tokenId)).status).toBe('cancelled');
    expect((await getMemberToken(w.shop, parent.tokenId)).status).toBe('active');
    // A sub-merchant cannot cancel its parent.
    expect(await failureCode(cancelMemberToken(w.stall, child.tokenId))).toBe('NotFound');

    // The member cancels the parent: every descendant is revoked in the same transaction.
    expect((await cancelMemberToken(w.alice, parent.tokenId)).status).toBe('cancelled');
    const rows = await cloud.db.query<{ status: string }>(
      "select status from member_tokens where root_id = (select root_id from member_tokens where holder_id = $1 and depth = 2 and status = 'cancelled' order by created_at desc limit 1)",
      [w.stall.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    for (const [who, token] of [
      [w.kiosk, child],
      [w.stall, grandchild],
    ] as const) {
      expect((await verifyMemberToken(who, token.custom)).status).toBe('cancelled');
      expect(
        await failureCode(
          chargeMemberToken(who, token.jwt, { amount: eur('1.00'), refId: 'after', location: de }),
        ),
      ).toBe('Cancelled');
    }
    expect(await failureCode(cancelMemberToken(w.alice, parent.tokenId))).toBe('Cancelled');
    expect(
      await failureCode(
        deriveMemberToken(w.kiosk, child.tokenId, { holder: w.stall.id, limitations: limits }),
      ),
    ).toBe('Cancelled');
    expect(await w.bank.balance(account.accountRef)).toBe(1200n);
  });
});
