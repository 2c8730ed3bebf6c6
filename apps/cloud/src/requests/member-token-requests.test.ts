import { type MemberTokenRequestBody, memberTokenSpecForRequest } from '@tokenos/protocol';
import {
  answerTokenRequest,
  cancelMemberToken,
  chargeMemberToken,
  createMemberToken,
  createTokenRequest,
  fetchTokenRequestResult,
  getMemberToken,
  getTokenRequest,
  isMemberTokenLimitError,
  listMemberTokens,
  verifyTokenRequestResult,
} from '@tokenos/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureCode, perFileCloud } from '../../test/harness.ts';
import { eur, type MemberTokenWorld, memberTokenWorld } from '../../test/member-token-world.ts';

const cloud = perFileCloud();
let w: MemberTokenWorld;
beforeAll(async () => {
  w = await memberTokenWorld(cloud);
});

const shopOrigin = 'http://localhost:5174';
const requester = { name: 'Demo Shop', domain: 'localhost:5174' };

function subscription(o: Partial<MemberTokenRequestBody> = {}): MemberTokenRequestBody {
  return {
    kind: 'memberToken',
    description: 'Coffee subscription: one bag a month',
    limitations: { currency: 'EUR', merchantId: w.shop.id, amount: '20.00', creditLimit: '50.00' },
    metadata: [{ key: 'plan', value: 'monthly-espresso' }],
    ...o,
  };
}

/** What the wallet does: the spec the request fixes, from the member's account, endorsed with the passkey. */
async function tokenFor(requestId: string, override: Partial<MemberTokenRequestBody> = {}) {
  const { request } = await getTokenRequest(w.alice.client, requestId);
  if (request.body.kind !== 'memberToken') throw new Error('not a member-token request');
  const body = { ...request.body, ...override };
  const spec = memberTokenSpecForRequest(body, request.signer.memberId, requestId);
  return createMemberToken(w.alice, {
    holder: spec.holder,
    loyalty: spec.loyalty,
    limitations: spec.limitations,
    metadata: spec.metadata,
    source: w.aliceAccount,
    description: body.description,
    sca: w.sca,
  });
}

describe('member-token requests (issue 7: save for later / subscribe)', () => {
  it('the merchant asks, the member answers with a member token, the signed result names it, the merchant charges it', async () => {
    const created = await createTokenRequest(w.shop, {
      body: subscription(),
      requester,
      returnOrigin: shopOrigin,
    });
    const token = await tokenFor(created.id);
    expect(token.status).toBe('active');
    expect(token.metadata).toContainEqual({ key: 'tokenRequestId', value: created.id });

    const result = await answerTokenRequest(w.alice, created.id, { memberTokenId: token.tokenId });
    expect(result).toMatchObject({
      outcome: 'approved',
      memberTokenId: token.tokenId,
      tokenId: token.backingTokenId,
    });
    const verified = await verifyTokenRequestResult(w.shop.client, result, {
      requestId: created.id,
      csrfToken: created.csrfToken,
    });
    expect(verified.memberTokenId).toBe(token.tokenId);
    expect(await fetchTokenRequestResult(w.shop.client, created.id)).toEqual(result);

    // The merchant reads its token in both formats and charges it later, within the limits.
    const held = await getMemberToken(w.shop, token.tokenId);
    const charge = await chargeMemberToken(w.shop, held.custom, {
      amount: eur('12.50'),
      refId: `sub-${created.id.slice(0, 8)}-1`,
      destination: w.shopAccount,
    });
    expect(charge.status).toBe('ACSC');
    const over = await chargeMemberToken(w.shop, held.jwt, {
      amount: eur('25.00'),
      refId: `sub-${created.id.slice(0, 8)}-2`,
      destination: w.shopAccount,
    }).catch((e: unknown) => e);
    expect(isMemberTokenLimitError(over, 'amount')).toBe(true);

    // The member sees it in its list, with the usage.
    const mine = await listMemberTokens(w.alice);
    expect(mine.find((t) => t.tokenId === token.tokenId)?.usage).toEqual({ count: 1, total: eur('12.50') });
  });

  it('refuses a token that does not answer exactly, and stores no result', async () => {
    const created = await createTokenRequest(w.shop, {
      body: subscription(),
      requester,
      returnOrigin: shopOrigin,
    });
    const other = await createTokenRequest(w.shop, {
      body: subscription(),
      requester,
      returnOrigin: shopOrigin,
    });
    const looser = await tokenFor(created.id, {
      limitations: { currency: 'EUR', merchantId: w.shop.id, amount: '200.00', creditLimit: '500.00' },
    });
    const forOther = await tokenFor(other.id);
    const answerWith = (memberTokenId: string) =>
      failureCode(answerTokenRequest(w.alice, created.id, { memberTokenId }));
    expect(await answerWith(looser.tokenId)).toBe('Conflict');
    // Bound to another request by its spec: one token answers one request.
    expect(await answerWith(forOther.tokenId)).toBe('Conflict');
    // Someone else's token does not exist for this caller.
    const mallory = await failureCode(
      answerTokenRequest(w.kiosk, created.id, { memberTokenId: forOther.tokenId }),
    );
    expect(mallory).toBe('NotFound');
    // A bare transfer token never answers a member-token request.
    expect(
      await failureCode(answerTokenRequest(w.alice, created.id, { tokenId: forOther.backingTokenId ?? '' })),
    ).toBe('Conflict');
    expect(await failureCode(fetchTokenRequestResult(w.shop.client, created.id))).toBe('NotFound');

    // A cancelled token answers nothing either.
    const right = await tokenFor(created.id);
    await cancelMemberToken(w.alice, right.tokenId);
    expect(await answerWith(right.tokenId)).toBe('Conflict');
    expect((await getTokenRequest(w.alice.client, created.id)).status).toBe('pending');
  });

  it('refuses a malformed request: a limit to another merchant, the reserved metadata key', async () => {
    const bad = [
      subscription({ limitations: { currency: 'EUR', merchantId: w.kiosk.id, amount: '5.00' } }),
      subscription({ metadata: [{ key: 'tokenRequestId', value: 'forged' }] }),
      subscription({ limitations: { currency: 'EUR', amount: '-1.00' } }),
    ];
    for (const body of bad)
      expect(
        await failureCode(createTokenRequest(w.shop, { body, requester, returnOrigin: shopOrigin })),
      ).toBe('Malformed');
  });

  it('a member token never answers a payment request', async () => {
    const pay = await createTokenRequest(w.shop, {
      body: { kind: 'transfer', amount: eur('5.00'), description: 'Order 7', refId: `order-${Date.now()}` },
      requester,
      returnOrigin: shopOrigin,
    });
    const sub = await createTokenRequest(w.shop, {
      body: subscription(),
      requester,
      returnOrigin: shopOrigin,
    });
    const token = await tokenFor(sub.id);
    expect(await failureCode(answerTokenRequest(w.alice, pay.id, { memberTokenId: token.tokenId }))).toBe(
      'Conflict',
    );
  });
});
