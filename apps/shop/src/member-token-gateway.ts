import type {
  AccountRef,
  MemberTokenLimitations,
  MemberTokenRequestBody,
  Money,
  TokenRequestResult,
} from '@tokenos/protocol';
import {
  chargeMemberToken,
  deriveMemberToken,
  getMemberToken,
  type Member,
  type MemberTokenChargeView,
  type MemberTokenView,
  verifyTokenRequestResult,
} from '@tokenos/sdk';
import { merchantAccount, requestToken } from './gateway.ts';
import { lateBound } from './late-bound.ts';

/**
 * What the shop's saved payments need from the token cloud (issue 7): a member-token request, the
 * verified result, the token it holds, charges by the shop and by its marketplace seller through a
 * derived sub-merchant token. The SDK implements it; a refusal by a limit is the SDK's
 * MemberTokenLimitError, every other refusal an ApiError with its code.
 */
export interface MemberTokenGateway {
  requestMemberToken(o: {
    body: MemberTokenRequestBody;
    returnOrigin: string;
    redirectUrl: string;
  }): Promise<{ requestId: string; csrfToken: string }>;
  verifyResult(
    result: unknown,
    expected: { requestId: string; csrfToken: string },
  ): Promise<TokenRequestResult>;
  /** The shop's own member id: what the request's merchant limitation names. */
  merchantId(): string;
  /** The token as the shop (its holder) sees it: both formats, status, usage. */
  token(memberTokenId: string): Promise<MemberTokenView>;
  /** A charge by the shop into its merchant account; the same refId never charges twice. */
  charge(token: string, o: { amount: Money; refId: string }): Promise<MemberTokenChargeView>;
  /** Is the marketplace seller set up (its own member, keys and state)? */
  sellerReady(): boolean;
  /** A stricter sub-merchant token for the seller; charges through it pay the shop's account. */
  deriveForSeller(parentTokenId: string, limitations: MemberTokenLimitations): Promise<MemberTokenView>;
  /** A charge by the seller, with its own key, through its sub-token. */
  chargeAsSeller(token: string, o: { amount: Money; refId: string }): Promise<MemberTokenChargeView>;
}

export function sdkMemberTokenGateway(o: {
  member: Member;
  requester: { name: string; domain: string };
  account: () => AccountRef | undefined;
  seller: () => Member | undefined;
}): MemberTokenGateway {
  const { member } = o;
  const account = merchantAccount(o.account);
  const seller = (): Member => {
    const s = o.seller();
    if (!s) throw new Error('the marketplace seller is still being set up');
    return s;
  };
  return {
    requestMemberToken: (r) => requestToken(member, o.requester, r),
    verifyResult: (result, expected) => verifyTokenRequestResult(member.client, result, expected),
    merchantId: () => member.id,
    token: (id) => getMemberToken(member, id),
    charge: (token, c) => chargeMemberToken(member, token, { ...c, destination: account() }),
    sellerReady: () => o.seller() !== undefined,
    deriveForSeller: (parent, limitations) =>
      deriveMemberToken(member, parent, { holder: seller().id, limitations, destination: account() }),
    chargeAsSeller: (token, c) => chargeMemberToken(seller(), token, c),
  };
}

/** A gateway whose implementation arrives once the shop's member is loaded; until then it refuses. */
export function deferredMemberTokenGateway(): {
  gateway: MemberTokenGateway;
  set(inner: MemberTokenGateway): void;
} {
  const { use, set, current } = lateBound<MemberTokenGateway>();
  return {
    set,
    gateway: {
      requestMemberToken: (r) => use().requestMemberToken(r),
      verifyResult: (r, e) => use().verifyResult(r, e),
      merchantId: () => use().merchantId(),
      token: (id) => use().token(id),
      charge: (t, c) => use().charge(t, c),
      sellerReady: () => current()?.sellerReady() ?? false,
      deriveForSeller: (p, l) => use().deriveForSeller(p, l),
      chargeAsSeller: (t, c) => use().chargeAsSeller(t, c),
    },
  };
}
