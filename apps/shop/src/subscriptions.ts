import {
  isProtocolError,
  type MemberTokenLimitations,
  type MemberTokenRequestBody,
  type Money,
} from '@tokenos/protocol';
import {
  isApiError,
  isMemberTokenLimitError,
  type MemberTokenChargeView,
  type MemberTokenView,
} from '@tokenos/sdk';
import { currency, displayMoney, findProduct } from './catalog.ts';
import { ShopError } from './checkout.ts';
import type { MemberTokenGateway } from './member-token-gateway.ts';
import {
  type SavedCharge,
  type SavedPayment,
  type SavedPaymentStore,
  savedPaymentRefId,
} from './saved-payments.ts';
import { KeyedLock, randomId } from './store.ts';

const dayMs = 24 * 3600_000;

/**
 * The subscription the shop offers (fixed here, by the backend, never by the page): one bag a month
 * for four months, each delivery at most EUR 15, at most EUR 60 in all, four charges.
 */
export const subscriptionPlan = {
  perCharge: '15.00',
  total: '60.00',
  charges: 4,
  days: 120,
} as const;

/** What the marketplace seller sells, and how far its sub-merchant token reaches (narrower than the shop's). */
export const sellerOffer = {
  name: 'Single-origin sample from our marketplace roaster',
  price: '8.00',
  perCharge: '10.00',
  total: '20.00',
  charges: 2,
} as const;

export interface SubscriptionDeps {
  shopName: string;
  publicUrl: string;
  gateway: MemberTokenGateway;
  saved: SavedPaymentStore;
  now: () => number;
  unavailable: () => string | undefined;
}

/** What a shopper's session holds while the wallet is open: the CSRF token never leaves the server. */
interface Pending {
  savedId: string;
  requestId: string;
  csrfToken: string;
}

const limitWords: Record<string, (l: MemberTokenLimitations) => string> = {
  amount: (l) => `it is more than the largest single charge the shopper allowed (${money(l.amount)})`,
  creditLimit: (l) => `it would go over the total the shopper allowed (${money(l.creditLimit)})`,
  recurrence: (l) => `the shopper allowed ${l.maxUses ?? 'no more'} charges, and they are used up`,
  singleUse: () => 'the token was for one charge only, and it was used',
  subscription: () => 'the subscription has ended',
  merchant: () => 'the token is for another merchant',
  location: () => 'the token cannot be used here',
  currency: (l) => `the token is in ${l.currency}`,
};

function money(value: string | undefined): string {
  return value === undefined ? 'none' : displayMoney({ value, currency }, 'en');
}

/** Why a charge was refused, in words, from the error's codes (never its message text). */
export function refusalReason(
  e: unknown,
  limitations: MemberTokenLimitations | undefined,
): string | undefined {
  if (isMemberTokenLimitError(e)) {
    const first = e.limits[0];
    const words = first && limitations ? limitWords[first.limit]?.(limitations) : undefined;
    return `Refused: ${words ?? 'it is outside the limits the shopper set'}${first && first.level > 0 ? ' (seller token)' : ''}.`;
  }
  if (isApiError(e, 'Cancelled')) return 'Refused: the shopper revoked this saved payment.';
  if (isApiError(e, 'Expired')) return 'Refused: the saved payment has ended.';
  if (isApiError(e) && e.status < 500) return `Refused by the payment service (${e.code}).`;
  if (isProtocolError(e)) return `Refused (${e.code}).`;
  return undefined;
}

/**
 * "Save for later / subscribe" (issue 7): a member-token request with the plan's limits, the
 * verified result, the token the shop then holds, charges by the shop, and marketplace orders
 * charged by the seller through a sub-merchant token derived from the shop's (every charge counts
 * against the shopper's limits at each level).
 */
export class Subscriptions {
  readonly #deps: SubscriptionDeps;
  readonly #pending = new Map<string, Pending>();
  readonly #lock = new KeyedLock();

  constructor(deps: SubscriptionDeps) {
    this.#deps = deps;
  }

  requestBody(): MemberTokenRequestBody {
    const now = this.#deps.now();
    return {
      kind: 'memberToken',
      description: `${this.#deps.shopName} subscription: one bag of coffee a month`,
      limitations: {
        currency,
        merchantId: this.#deps.gateway.merchantId(),
        amount: subscriptionPlan.perCharge,
        creditLimit: subscriptionPlan.total,
        maxUses: subscriptionPlan.charges,
        // The end of the day, so the date the page shows is the last day the token works.
        expiresAt: Math.ceil((now + subscriptionPlan.days * dayMs) / dayMs) * dayMs - 1,
      },
      metadata: [{ key: 'plan', value: 'monthly-coffee' }],
    };
  }

  async start(sessionId: string): Promise<{ requestId: string }> {
    const unavailable = this.#deps.unavailable();
    if (unavailable) throw new ShopError(503, 'Unavailable', unavailable);
    const id = randomId();
    let created: { requestId: string; csrfToken: string };
    try {
      created = await this.#deps.gateway.requestMemberToken({
        body: this.requestBody(),
        returnOrigin: this.#deps.publicUrl,
        redirectUrl: `${this.#deps.publicUrl}/subscription`,
      });
    } catch (e) {
      throw new ShopError(502, 'CloudError', 'the subscription request could not be created', { cause: e });
    }
    await this.#deps.saved.put({
      id,
      sessionId,
      createdAt: this.#deps.now(),
      requestId: created.requestId,
      status: 'awaiting-approval',
      charges: [],
    });
    this.#pending.set(sessionId, { savedId: id, ...created });
    return { requestId: created.requestId };
  }

  /** The widget brought back a result: verified (cloud signature, this session's request and state) first. */
  async complete(sessionId: string, result: unknown): Promise<SavedPayment> {
    const pending = this.#pending.get(sessionId);
    if (!pending) throw new ShopError(409, 'NoCheckout', 'no subscription is being set up in this session');
    let verified: Awaited<ReturnType<MemberTokenGateway['verifyResult']>>;
    try {
      verified = await this.#deps.gateway.verifyResult(result, pending);
    } catch (e) {
      if (isProtocolError(e))
        throw new ShopError(e.code === 'Malformed' ? 400 : 403, e.code, `result refused: ${e.message}`, {
          cause: e,
        });
      throw new ShopError(502, 'CloudError', 'the result could not be checked', { cause: e });
    }
    this.#pending.delete(sessionId);
    const saved = this.#deps.saved.get(pending.savedId);
    if (!saved) throw new ShopError(404, 'NotFound', 'the subscription is gone');
    if (verified.outcome === 'declined' || verified.memberTokenId === undefined) {
      const declined: SavedPayment = { ...saved, status: 'declined' };
      await this.#deps.saved.put(declined);
      return declined;
    }
    const view = await this.#deps.gateway.token(verified.memberTokenId);
    const active: SavedPayment = {
      ...saved,
      status: 'active',
      memberTokenId: view.tokenId,
      token: view.custom,
    };
    await this.#deps.saved.put(active);
    return active;
  }

  /** The token as the cloud sees it now (status, usage), for the page. */
  async view(saved: SavedPayment): Promise<{ root?: MemberTokenView; seller?: MemberTokenView }> {
    const read = (id: string | undefined) =>
      id ? this.#deps.gateway.token(id).catch(() => undefined) : Promise.resolve(undefined);
    const [root, seller] = await Promise.all([read(saved.memberTokenId), read(saved.seller?.memberTokenId)]);
    return { ...(root ? { root } : {}), ...(seller ? { seller } : {}) };
  }

  /** A delivery charged by the shop with its own key: the product's price, never an amount from the page. */
  chargeProduct(saved: SavedPayment, productId: string): Promise<SavedCharge> {
    const product = findProduct(productId);
    if (!product)
      throw new ShopError(400, 'Malformed', 'There is no such product.', { words: { key: 'noSuchProduct' } });
    return this.#charge(saved, 'shop', product.name, { value: product.price, currency });
  }

  /** A marketplace order: the seller charges through its own sub-merchant token, derived once. */
  chargeSeller(saved: SavedPayment): Promise<SavedCharge> {
    return this.#charge(saved, 'seller', sellerOffer.name, { value: sellerOffer.price, currency });
  }

  #charge(saved: SavedPayment, by: 'shop' | 'seller', item: string, amount: Money): Promise<SavedCharge> {
    return this.#lock.run(saved.id, async () => {
      const { gateway } = this.#deps;
      const current = this.#deps.saved.get(saved.id) ?? saved;
      if (current.status !== 'active' || !current.token || !current.memberTokenId)
        throw new ShopError(409, 'NotActive', 'There is no active saved payment to charge.', {
          words: { key: 'noActiveSaved' },
        });
      // A charge whose outcome the shop never learnt is sent again, with its own refId, before any
      // new one: the cloud charges a (token, refId) once, so this settles it without charging twice.
      const last = current.charges.at(-1);
      const again = last?.status === 'unknown' ? last : undefined;
      if (again) {
        by = again.by;
        item = again.item;
        amount = again.amount;
      }
      const refId = again?.refId ?? savedPaymentRefId(current);
      const charge: SavedCharge = { refId, by, item, amount, status: 'processing', at: this.#deps.now() };
      const next: SavedPayment = {
        ...current,
        charges: [...(again ? current.charges.slice(0, -1) : current.charges), charge],
      };
      let limitations: MemberTokenLimitations | undefined;
      try {
        let result: MemberTokenChargeView;
        if (by === 'shop') {
          result = await gateway.charge(current.token, { amount, refId });
        } else {
          if (!gateway.sellerReady())
            throw new ShopError(
              503,
              'Unavailable',
              'The marketplace seller is still being set up. Try again soon.',
            );
          if (!current.seller) {
            const root = await gateway.token(current.memberTokenId);
            limitations = root.limitations;
            const derived = await gateway.deriveForSeller(current.memberTokenId, {
              currency,
              merchantId: root.merchantOfRecord,
              amount: sellerOffer.perCharge,
              creditLimit: sellerOffer.total,
              maxUses: sellerOffer.charges,
              ...(root.limitations.expiresAt !== undefined ? { expiresAt: root.limitations.expiresAt } : {}),
            });
            next.seller = { memberTokenId: derived.tokenId, token: derived.custom };
          }
          result = await gateway.chargeAsSeller(next.seller?.token ?? '', { amount, refId });
        }
        charge.status =
          result.status === 'ACSC' ? 'paid' : result.status === 'RJCT' ? 'failed' : 'processing';
        if (result.status === 'RJCT')
          charge.reason = `The bank rejected it (${result.reason ?? 'no reason given'}).`;
      } catch (e) {
        if (e instanceof ShopError) throw e;
        limitations ??= await gateway
          .token(by === 'seller' && next.seller ? next.seller.memberTokenId : current.memberTokenId)
          .then((v) => v.limitations)
          .catch(() => undefined);
        const reason = refusalReason(e, limitations);
        if (!reason) console.error('shop: saved-payment charge failed:', e);
        charge.status = reason ? 'refused' : 'unknown';
        charge.reason =
          reason ??
          'The payment service did not answer, so it is not known yet whether this was charged. Order again to check: this same charge is sent again, and it is never charged twice.';
      }
      await this.#deps.saved.put(next);
      return charge;
    });
  }
}
