import {
  type AccountRef,
  type GrantedAddress,
  type LineItem,
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
  readGrantedAddresses,
  redeemToken,
  type TokenRequestOptions,
  type TransferView,
  transferTokenPayload,
  verifyTokenRequestResult,
} from '@tokenos/sdk';
import { lateBound } from './late-bound.ts';

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
    /** Ask the wallet for a shipping address with the payment (shipping.ts). */
    shippingAddress?: 'required' | 'optional';
    /** The cart's lines, shown by the wallet beside the amount. */
    lineItems?: LineItem[];
  }): Promise<{ requestId: string; csrfToken: string }>;
  /** The cloud's signature, this request, this session's CSRF state; throws (ApiError or ProtocolError) otherwise. */
  verifyResult(
    result: unknown,
    expected: { requestId: string; csrfToken: string },
  ): Promise<TokenRequestResult>;
  /** Who paid, from which account, how much: read from the token itself. */
  payment(tokenId: string): Promise<{ payer: string; source: AccountRef; amount: Money }>;
  /** The shipping address a grant made with the payment names, read with that access token. */
  shippingAddress?(accessTokenId: string): Promise<GrantedAddress>;
  /**
   * Redeems into the merchant account; the same refId never pays twice. A bank that refuses throws
   * ApiError `BankRefused` (its ISO 20022 reason in `reason`), like any other refusal.
   */
  redeem(tokenId: string, o: { amount: Money; refId: string }): Promise<Transfer>;
  /**
   * Sends money back: a transfer token from the merchant account to `payee` naming the payment it
   * refunds (`refundOf`, the order's payment token), redeemed by the shop into `destination`.
   * `tokenId` resumes a refund whose token already exists.
   */
  refund(o: {
    tokenId?: string;
    refundOf: string;
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

/** The merchant account money is paid into (payments, refunds, saved-payment charges); refuses while none is linked. */
export function merchantAccount(account: () => AccountRef | undefined): () => AccountRef {
  return () => {
    const a = account();
    if (!a) throw new Error('the shop has no merchant account linked');
    return a;
  };
}

/** A token request signed by the shop's member; the CSRF token goes to the session, never to the page. */
export async function requestToken(
  member: Member,
  requester: TokenRequestOptions['requester'],
  r: { body: TokenRequestOptions['body']; returnOrigin: string; redirectUrl: string },
): Promise<{ requestId: string; csrfToken: string }> {
  const created = await createTokenRequest(member, {
    body: r.body,
    requester,
    returnOrigin: r.returnOrigin,
    redirectUrl: r.redirectUrl,
  });
  return { requestId: created.id, csrfToken: created.csrfToken };
}

export function sdkGateway(o: {
  member: Member;
  requester: { name: string; domain: string };
  account: () => AccountRef | undefined;
}): PaymentGateway {
  const { member } = o;
  const account = merchantAccount(o.account);
  return {
    requestPayment: (r) =>
      requestToken(member, o.requester, {
        body: {
          kind: 'transfer',
          amount: r.amount,
          description: r.description,
          refId: r.refId,
          ...(r.shippingAddress ? { shippingAddress: r.shippingAddress } : {}),
          ...(r.lineItems?.length ? { lineItems: r.lineItems } : {}),
        },
        returnOrigin: r.returnOrigin,
        redirectUrl: r.redirectUrl,
      }),
    verifyResult: (result, expected) => verifyTokenRequestResult(member.client, result, expected),
    async shippingAddress(accessTokenId) {
      const { addresses } = await readGrantedAddresses(member, accessTokenId);
      const address = addresses[0];
      if (!address) throw new Error('the shared address was deleted');
      return address;
    },
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
          refundOf: r.refundOf,
        });
        id = (await createToken(member, payload)).id;
        await r.onToken(id);
      }
      const token = await getToken(member, id);
      if (!token.endorsement) {
        // A server holds no passkey: a refund of a payment received goes with the Refund exemption
        // at any amount (protocol sca-policy.ts); above the low-value limit the key must be STANDARD.
        const level = requiredEndorsementLevel({
          kind: 'transfer',
          amount: parseAmount(r.amount.value, r.amount.currency),
          currency: r.amount.currency,
        });
        await endorseToken(
          member,
          id,
          await endorsementFor(member, id, level, { method: 'exemption', exemption: 'Refund' }),
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
  const { use, set } = lateBound<PaymentGateway>();
  return {
    set,
    gateway: {
      requestPayment: (o) => use().requestPayment(o),
      verifyResult: (r, e) => use().verifyResult(r, e),
      payment: (t) => use().payment(t),
      redeem: (t, o) => use().redeem(t, o),
      shippingAddress: (id) => {
        const g = use();
        if (!g.shippingAddress) throw new Error('this gateway reads no addresses');
        return g.shippingAddress(id);
      },
      refund: (o) => use().refund(o),
    },
  };
}
