import {
  fromBase64url,
  getSignatureBackend,
  type MemberTokenRefusal,
  verifyEntitlementAttestation,
} from '@tokenos/protocol';
import {
  attestEntitlement,
  cancelMemberToken,
  chargeMemberToken,
  getMemberToken,
  getToken,
  isMemberTokenLimitError,
  type MemberTokenChargeView,
  MemberTokenLimitError,
  memberTokenCreation,
  redeemToken,
  sendMemberTokenCreation,
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

const tables = ['member_tokens', 'member_token_charges', 'transfers', 'tokens'];

describe('creating a member token (issue 7)', () => {
  it('the member creates and endorses one for a merchant; the bank co-signs the authorization behind it', async () => {
    const veteran = await attestEntitlement(w.bank.member, w.alice.id, { type: 'VETERAN', value: 'true' });
    const token = await aliceToken(
      w,
      { merchantId: w.shop.id, amount: '50.00', creditLimit: '200.00' },
      {
        entityType: 'merchant',
        loyalty: true,
        entitlements: [veteran],
        metadata: [{ key: 'loyaltyId', value: 'GOLD-7' }],
      },
    );
    expect(token).toMatchObject({
      status: 'active',
      oin: '666666',
      entityType: 'merchant',
      loyalty: true,
      holder: w.shop.id,
      merchantOfRecord: w.shop.id,
      parentTokenId: null,
      depth: 0,
      limitations: { currency: 'EUR', merchantId: w.shop.id, amount: '50.00', creditLimit: '200.00' },
      entitlements: [{ type: 'VETERAN', value: 'true', attestedBy: w.bank.bankId, verified: true }],
      metadata: [{ key: 'loyaltyId', value: 'GOLD-7' }],
      usage: { count: 0, total: eur('0.00') },
    });
    expect(token.tokenId).toMatch(/^[0-9a-f]{32}$/);
    expect(token.loyaltyId).toBe(token.tokenId);
    expect(token.custom).toMatch(/^[0-9a-f]{116}$/);
    expect(token.custom.slice(20, 52)).toBe(token.tokenId);
    expect(token.jwt.split('.')).toHaveLength(3);

    // Behind it: a multi-use transfer token with the same limits, endorsed with SCA, co-signed.
    const backing = await getToken(w.alice, token.backingTokenId!);
    expect(backing.status).toBe('valid');
    expect(backing.sca).toBe('passkey');
    expect(backing.bankEndorsement?.signer.memberId).toBe(w.bank.bankId);
    expect(backing.payload).toMatchObject({
      to: { memberId: w.shop.id },
      transfer: { amount: eur('200.00') },
      conditions: {
        currency: 'EUR',
        payees: [w.shop.id],
        maxPerTransaction: '50.00',
        cumulativeLimit: '200.00',
      },
    });
    expect('singleUse' in (backing.payload.type === 'TransferToken' ? backing.payload.conditions : {})).toBe(
      false,
    );

    // The attestation is verifiable by anyone who knows the member: the bank's directory key signed it.
    expect(token.attestations).toHaveLength(1);
    const bankState = await w.bank.member.state();
    expect(
      await verifyEntitlementAttestation(
        token.attestations![0]!,
        bankState,
        cloud.clock.now,
        getSignatureBackend(),
      ),
    ).toBe(true);
    expect(
      await verifyEntitlementAttestation(
        { ...token.attestations![0]!, subject: w.shop.id },
        bankState,
        cloud.clock.now,
        getSignatureBackend(),
      ),
    ).toBe(false);

    // The holder reads both formats but not the member's attestations; a stranger learns nothing.
    const asShop = await getMemberToken(w.shop, token.tokenId);
    expect(asShop.jwt).toBe(token.jwt);
    expect(asShop.custom).toBe(token.custom);
    expect(asShop.attestations).toBeUndefined();
    expect(await failureCode(getMemberToken(w.kiosk, token.tokenId))).toBe('NotFound');
    for (const presented of [token.jwt, token.custom]) {
      const verified = await verifyMemberToken(w.shop, presented);
      expect(verified).toMatchObject({
        status: 'active',
        tokenId: token.tokenId,
        entitlements: token.entitlements,
      });
      expect(await failureCode(verifyMemberToken(w.kiosk, presented))).toBe('Forbidden');
    }
  });

  it('needs a passkey for a large authorization and a STANDARD key; refused attempts store nothing', async () => {
    const before = await rowCounts(cloud.db, tables);
    const exempt = memberTokenCreation(w.alice, {
      holder: w.shop.id,
      limitations: { currency: 'EUR', creditLimit: '500.00' },
      source: w.aliceAccount,
      sca: async () => ({ method: 'exemption', exemption: 'LowValue' }),
    });
    expect(await failureCode(sendMemberTokenCreation(w.alice, await exempt))).toBe('ScaRequired');
    const request = await memberTokenCreation(w.alice, {
      holder: w.shop.id,
      limitations: { currency: 'EUR', creditLimit: '500.00' },
      source: w.aliceAccount,
      sca: w.sca,
    });
    const low = await w.alice.signerFor('LOW');
    expect(await failureCode(w.alice.client.send('POST', '/api/v1/member-tokens', request, low))).toBe(
      'InsufficientKeyLevel',
    );
    // The authorization must carry exactly the limits: a larger credit line is another token.
    const tampered = {
      ...request,
      transferToken: {
        ...request.transferToken,
        transfer: { ...request.transferToken.transfer, amount: eur('5000.00') },
      },
    };
    expect(await failureCode(sendMemberTokenCreation(w.alice, tampered))).toBe('Malformed');
    // Somebody else's attestation, or one about somebody else, is refused.
    const forged = {
      ...(await attestEntitlement(w.bank.member, w.alice.id, { type: 'AGE_OVER_18', value: 'true' })),
    };
    forged.entitlement = { type: 'AGE_OVER_18', value: 'false' };
    expect(
      await failureCode(
        sendMemberTokenCreation(
          w.alice,
          await memberTokenCreation(w.alice, {
            holder: w.shop.id,
            limitations: { currency: 'EUR' },
            entitlements: [forged],
            source: w.aliceAccount,
            sca: w.sca,
          }),
        ),
      ),
    ).toBe('InvalidSignature');
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
    // The request as signed goes through, and sending it again returns the same token.
    const first = await sendMemberTokenCreation(w.alice, request);
    const again = await sendMemberTokenCreation(w.alice, request);
    expect(again.tokenId).toBe(first.tokenId);
  });

  it('a token is pending while the bank is unreachable, and the same request completes it later', async () => {
    w.bank.available = false;
    const request = await memberTokenCreation(w.alice, {
      holder: w.shop.id,
      limitations: { currency: 'EUR', creditLimit: '80.00' },
      source: w.aliceAccount,
      sca: w.sca,
    });
    const pending = await sendMemberTokenCreation(w.alice, request);
    expect(pending.status).toBe('pending');
    const account = await shopAccount(w);
    expect(
      await failureCode(
        chargeMemberToken(w.shop, pending.jwt, { amount: eur('1.00'), refId: 'p', destination: account }),
      ),
    ).toBe('Conflict');
    w.bank.available = true;
    expect((await sendMemberTokenCreation(w.alice, request)).status).toBe('active');
  });

  it('a pending token also completes when the co-signature of its authorization is asked for again', async () => {
    // What the wallet does when an approval is retried after the bank was away (it no longer has
    // the creation request): POST /tokens/{backing}/cosign, then the member token is active.
    w.bank.available = false;
    const pending = await sendMemberTokenCreation(
      w.alice,
      await memberTokenCreation(w.alice, {
        holder: w.shop.id,
        limitations: { currency: 'EUR', creditLimit: '70.00' },
        source: w.aliceAccount,
        sca: w.sca,
      }),
    );
    expect(pending.status).toBe('pending');
    w.bank.available = true;
    await w.alice.client.send(
      'POST',
      `/api/v1/tokens/${pending.backingTokenId}/cosign`,
      undefined,
      await w.alice.signerFor('LOW'),
    );
    expect((await getMemberToken(w.alice, pending.tokenId)).status).toBe('active');
  });
});

describe('charging (issue 7)', () => {
  it('moves money through the bank, counts usage, and a retry with the same refId charges once', async () => {
    const token = await aliceToken(w, { amount: '50.00', creditLimit: '100.00' });
    const account = await shopAccount(w);
    const charge = await chargeMemberToken(w.shop, token.custom, {
      amount: eur('30.00'),
      refId: 'order-1',
      destination: account,
      location: { country: 'DE' },
    });
    expect(charge).toMatchObject({
      status: 'ACSC',
      tokenId: token.tokenId,
      refId: 'order-1',
      amount: eur('30.00'),
    });
    expect(await w.bank.balance(account.accountRef)).toBe(3000n);
    const retry = await chargeMemberToken(w.shop, token.jwt, {
      amount: eur('30.00'),
      refId: 'order-1',
      destination: account,
    });
    expect(retry.id).toBe(charge.id);
    expect(await w.bank.balance(account.accountRef)).toBe(3000n);
    expect(
      await failureCode(
        chargeMemberToken(w.shop, token.jwt, {
          amount: eur('31.00'),
          refId: 'order-1',
          destination: account,
        }),
      ),
    ).toBe('Conflict');
    expect((await getMemberToken(w.shop, token.tokenId)).usage).toEqual({ count: 1, total: eur('30.00') });
    // The backing transfer token counted it too: a direct redemption cannot exceed the credit limit.
    expect(
      await failureCode(
        redeemToken(w.shop, token.backingTokenId!, {
          amount: eur('70.01'),
          refId: 'direct',
          destination: account,
        }),
      ),
    ).toBe('ConditionFailed');
  });

  it('a bank refusal gives the room back: the usage counts only what settled', async () => {
    const token = await aliceToken(w, { creditLimit: '100.00' });
    const nowhere = { bankId: w.bank.bankId, accountRef: 'no-such-account' };
    const refused = await chargeMemberToken(w.shop, token.jwt, {
      amount: eur('90.00'),
      refId: 'r',
      destination: nowhere,
    });
    expect(refused).toMatchObject({ status: 'RJCT', reason: 'AC01' });
    expect((await getMemberToken(w.shop, token.tokenId)).usage).toEqual({ count: 0, total: eur('0.00') });
    const account = await shopAccount(w);
    expect(
      (await chargeMemberToken(w.shop, token.jwt, { amount: eur('90.00'), refId: 's', destination: account }))
        .status,
    ).toBe('ACSC');
  });

  it('only the holder charges, and a cancelled token charges nothing', async () => {
    const token = await aliceToken(w, {});
    const account = await shopAccount(w);
    const before = await rowCounts(cloud.db, tables);
    expect(
      await failureCode(
        chargeMemberToken(w.kiosk, token.jwt, { amount: eur('1.00'), refId: 'x', destination: account }),
      ),
    ).toBe('Forbidden');
    await cancelMemberToken(w.alice, token.tokenId);
    expect((await getMemberToken(w.shop, token.tokenId)).status).toBe('cancelled');
    expect(
      await failureCode(
        chargeMemberToken(w.shop, token.custom, { amount: eur('1.00'), refId: 'y', destination: account }),
      ),
    ).toBe('Cancelled');
    // The authorization behind it went with it: no direct redemption either.
    expect(
      await failureCode(
        redeemToken(w.shop, token.backingTokenId!, { amount: eur('1.00'), refId: 'z', destination: account }),
      ),
    ).toBe('Cancelled');
    expect(await w.bank.balance(account.accountRef)).toBe(0n);
    const after = await rowCounts(cloud.db, tables);
    expect(after.member_token_charges).toBe(before.member_token_charges);
    expect(after.transfers).toBe(before.transfers);
  });
});

describe('every limitation exceeded once, nothing charged', () => {
  async function refusedBy(
    limit: MemberTokenRefusal,
    charge: () => Promise<MemberTokenChargeView>,
    account: { accountRef: string },
  ): Promise<void> {
    const before = await rowCounts(cloud.db, tables);
    const balance = await w.bank.balance(account.accountRef);
    const e = await failure(charge());
    expect(e).toBeInstanceOf(MemberTokenLimitError);
    expect(isMemberTokenLimitError(e, limit), JSON.stringify((e as MemberTokenLimitError).limits)).toBe(true);
    expect((e as MemberTokenLimitError).limits.map((l) => l.limit)).toEqual([limit]);
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
    expect(await w.bank.balance(account.accountRef)).toBe(balance);
  }

  it('location', async () => {
    const token = await aliceToken(w, { location: { countries: ['DE', 'FR'] } });
    const account = await shopAccount(w);
    const base = { amount: eur('5.00'), destination: account };
    await refusedBy(
      'location',
      () => chargeMemberToken(w.shop, token.jwt, { ...base, refId: 'it', location: { country: 'IT' } }),
      account,
    );
    await refusedBy(
      'location',
      () => chargeMemberToken(w.shop, token.jwt, { ...base, refId: 'none' }),
      account,
    );
    expect(
      (await chargeMemberToken(w.shop, token.jwt, { ...base, refId: 'fr', location: { country: 'FR' } }))
        .status,
    ).toBe('ACSC');
  });

  it('amount (single transaction)', async () => {
    const token = await aliceToken(w, { amount: '20.00' });
    const account = await shopAccount(w);
    await refusedBy(
      'amount',
      () =>
        chargeMemberToken(w.shop, token.custom, { amount: eur('20.01'), refId: 'a', destination: account }),
      account,
    );
    expect(
      (
        await chargeMemberToken(w.shop, token.custom, {
          amount: eur('20.00'),
          refId: 'b',
          destination: account,
        })
      ).status,
    ).toBe('ACSC');
  });

  it('credit limit (total of all charges)', async () => {
    const token = await aliceToken(w, { creditLimit: '50.00' });
    const account = await shopAccount(w);
    await chargeMemberToken(w.shop, token.jwt, { amount: eur('30.00'), refId: 'a', destination: account });
    await refusedBy(
      'creditLimit',
      () => chargeMemberToken(w.shop, token.jwt, { amount: eur('20.01'), refId: 'b', destination: account }),
      account,
    );
    expect(
      (await chargeMemberToken(w.shop, token.jwt, { amount: eur('20.00'), refId: 'c', destination: account }))
        .status,
    ).toBe('ACSC');
  });

  it('subscription (expiry)', async () => {
    const token = await aliceToken(w, { expiresAt: cloud.clock.now + 60_000 });
    const account = await shopAccount(w);
    expect(
      (await chargeMemberToken(w.shop, token.jwt, { amount: eur('1.00'), refId: 'a', destination: account }))
        .status,
    ).toBe('ACSC');
    cloud.clock.now += 60_000;
    try {
      await refusedBy(
        'subscription',
        () => chargeMemberToken(w.shop, token.jwt, { amount: eur('1.00'), refId: 'b', destination: account }),
        account,
      );
      expect((await getMemberToken(w.shop, token.tokenId)).status).toBe('expired');
    } finally {
      cloud.clock.now -= 60_000;
    }
  });

  it('recurrence (number of uses)', async () => {
    const token = await aliceToken(w, { maxUses: 2 });
    const account = await shopAccount(w);
    for (const refId of ['a', 'b'])
      await chargeMemberToken(w.shop, token.jwt, { amount: eur('1.00'), refId, destination: account });
    await refusedBy(
      'recurrence',
      () => chargeMemberToken(w.shop, token.jwt, { amount: eur('1.00'), refId: 'c', destination: account }),
      account,
    );
  });

  it('single use', async () => {
    const token = await aliceToken(w, { singleUse: true });
    const account = await shopAccount(w);
    await chargeMemberToken(w.shop, token.custom, { amount: eur('1.00'), refId: 'a', destination: account });
    await refusedBy(
      'singleUse',
      () =>
        chargeMemberToken(w.shop, token.custom, { amount: eur('1.00'), refId: 'b', destination: account }),
      account,
    );
  });

  it('currency: a charge in another currency than the token', async () => {
    const token = await aliceToken(w, {});
    const account = await shopAccount(w);
    await refusedBy(
      'currency',
      () =>
        chargeMemberToken(w.shop, token.jwt, {
          amount: { value: '1.00', currency: 'USD' },
          refId: 'usd',
          destination: account,
        }),
      account,
    );
  });

  it('merchant: a token limited to the shop charges nothing for another merchant', async () => {
    const token = await aliceToken(w, { merchantId: w.shop.id }, { entityType: 'merchant' });
    const account = await shopAccount(w);
    await refusedBy(
      'merchant',
      () => chargeMemberToken(w.kiosk, token.jwt, { amount: eur('1.00'), refId: 'k', destination: account }),
      account,
    );
    // And the member cannot mint one limited to a merchant other than its holder.
    expect(await failureCode(aliceToken(w, { merchantId: w.kiosk.id }))).toBe('Malformed');
  });
});

describe('bad input', () => {
  it('answers problem+json, never a 500', async () => {
    const token = await aliceToken(w, {});
    const signer = await w.shop.signerFor('LOW');
    const send = (path: string, body: unknown) => failureCode(w.shop.client.send('POST', path, body, signer));
    expect(await send('/api/v1/member-tokens/verify', { token: 'not a token' })).toBe('Malformed');
    const [h, p, sig] = token.jwt.split('.') as [string, string, string];
    const otherSig = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(await send('/api/v1/member-tokens/verify', { token: `${h}.${p}.${otherSig}` })).toBe(
      'InvalidSignature',
    );
    expect(await send('/api/v1/member-tokens/charge', { token: token.jwt, amount: 5, refId: 'x' })).toBe(
      'Malformed',
    );
    expect(
      await send('/api/v1/member-tokens/charge', { token: token.jwt, amount: eur('1.00'), refId: 'x' }),
    ).toBe('Malformed');
    expect(await failureCode(getMemberToken(w.shop, 'ZZ'))).toBe('Malformed');
    expect(await failureCode(getMemberToken(w.shop, '0'.repeat(32)))).toBe('NotFound');
    expect(fromBase64url(token.jwt.split('.')[2]!)).toHaveLength(64);
  });
});
