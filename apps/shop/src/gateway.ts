import {
  type AccountRef,
  type Money,
  parseAmount,
  requiredEndorsementLevel,
  type TokenRequestResult,
} from '@tokenos/protocol';
import {
  createToken,
  createTokenRequest,
  endorsementFor,
  endorseToken,
  getToken,
  type Member,
  redeemToken,
  type TransferView,
  transferTokenPayload,
  verifyTokenRequestResult,
} from '@tokenos/sdk';

export type Transfer = Pick<TransferView, 'id' | 'status' | 'reason' | 'bankReference'>;

/** What the shop needs from the token cloud; the SDK implements it, tests fake it. */
export interface PaymentGateway {
  /** A signed payment request for this amount (fixed here, server side); keep csrfToken in the session. */
  requestPayment(o: {
    amount: Money;
    description: string;
    refId: string;
    returnOrigin: string;
    redirectUrl: string;
  }): Promise<{ requestId: string; csrfToken: string }>;
  /** The cloud's signature, this request, this session's CSRF state; throws (ApiError or ProtocolError) otherwise. */
  verifyResult(
    result: unknown,
    expected: { requestId: string; csrfToken: string },
  ): Promise<TokenRequestResult>;
  /** Who paid, from which account, how much: read from the token itself. */
  payment(tokenId: string): Promise<{ payer: string; source: AccountRef; amount: Money }>;
  /** Redeems into the merchant account; the same refId never pays twice. */
  redeem(tokenId: string, o: { amount: Money; refId: string }): Promise<Transfer>;
  /**
   * Sends money back: a transfer token from the merchant account to `payee` (redeemed by the shop
   * into `destination`). `tokenId` resumes a refund whose token already exists.
   */
  refund(o: {
    tokenId?: string;
    payee: string;
    destination: AccountRef;
    amount: Money;
    description: string;
    refId: string;
    onToken: (tokenId: string) => Promise<void>;
  }): Promise<Transfer>;
}

function transfer(t: TransferView): Transfer {
  return { id: t.id, status: t.status, reason: t.reason, bankReference: t.bankReference };
}

export function sdkGateway(o: {
  member: Member;
  requester: { name: string; domain: string };
  account: () => AccountRef | undefined;
}): PaymentGateway {
  const { member } = o;
  const account = (): AccountRef => {
    const a = o.account();
    if (!a) throw new Error('the shop has no merchant account linked');
    return a;
  };
  return {
    async requestPayment(r) {
      const created = await createTokenRequest(member, {
        body: { kind: 'transfer', amount: r.amount, description: r.description, refId: r.refId },
        requester: o.requester,
        returnOrigin: r.returnOrigin,
        redirectUrl: r.redirectUrl,
      });
      return { requestId: created.id, csrfToken: created.csrfToken };
    },
    verifyResult: (result, expected) => verifyTokenRequestResult(member.client, result, expected),
    async payment(tokenId) {
      const token = await getToken(member, tokenId);
      if (token.payload.type !== 'TransferToken') throw new Error(`token ${tokenId} is not a payment`);
      const p = token.payload;
      return { payer: p.from.memberId, source: p.transfer.source, amount: p.transfer.amount };
    },
    async redeem(tokenId, r) {
      return transfer(
        await redeemToken(member, tokenId, { amount: r.amount, refId: r.refId, destination: account() }),
      );
    },
    async refund(r) {
      let id = r.tokenId;
      if (!id) {
        const payload = transferTokenPayload(member, {
          payee: r.payee,
          amount: r.amount,
          description: r.description,
          refId: r.refId,
          source: account(),
          redeemer: member.id,
        });
        id = (await createToken(member, payload)).id;
        await r.onToken(id);
      }
      const token = await getToken(member, id);
      if (!token.endorsement) {
        // A server holds no passkey: a refund goes with the low-value exemption (RTS Art. 16) or not at all.
        const level = requiredEndorsementLevel({
          kind: 'transfer',
          amount: parseAmount(r.amount.value, r.amount.currency),
          currency: r.amount.currency,
        });
        await endorseToken(
          member,
          id,
          await endorsementFor(member, id, level, { method: 'exemption', exemption: 'LowValue' }),
        );
      }
      return transfer(
        await redeemToken(member, id, { amount: r.amount, refId: r.refId, destination: r.destination }),
      );
    },
  };
}

/** A gateway whose implementation arrives once the merchant's member is loaded; until then it refuses. */
export function deferredGateway(): { gateway: PaymentGateway; set(inner: PaymentGateway): void } {
  let inner: PaymentGateway | undefined;
  const use = (): PaymentGateway => {
    if (!inner) throw new Error('the shop is still starting');
    return inner;
  };
  return {
    set: (g) => {
      inner = g;
    },
    gateway: {
      requestPayment: (o) => use().requestPayment(o),
      verifyResult: (r, e) => use().verifyResult(r, e),
      payment: (t) => use().payment(t),
      redeem: (t, o) => use().redeem(t, o),
      refund: (o) => use().refund(o),
    },
  };
}
