import type { MessageKey, Values } from '@tokenos/i18n';
import { isProtocolError } from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';
import { priceCart } from './catalog.ts';
import type { errorMessages } from './error-words.messages.ts';
import { failureCodeOf } from './failure-words.ts';
import type { PaymentGateway, Transfer } from './gateway.ts';
import { orderNumber } from './pages.ts';
import type { ShippingAsk } from './shipping.ts';
import { KeyedLock, type Order, type OrderStore, randomId, type Session } from './store.ts';

/** What a page says about an error, in the page's language (the message stays for logs and APIs). */
export interface ErrorWords {
  key: MessageKey<typeof errorMessages>;
  values?: Values;
}

/** A refusal the shop explains to its page: an HTTP status and a stable code (RFC 9457 problem). */
export class ShopError extends Error {
  readonly status: 400 | 403 | 404 | 409 | 502 | 503;
  readonly code: string;
  readonly words: ErrorWords | undefined;
  constructor(
    status: ShopError['status'],
    code: string,
    message: string,
    options?: { cause?: unknown; words?: ErrorWords },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShopError';
    this.status = status;
    this.code = code;
    this.words = options?.words;
  }
}

export interface CheckoutDeps {
  shopName: string;
  publicUrl: string;
  gateway: PaymentGateway;
  orders: OrderStore;
  now: () => number;
  /** Why payments are off (no merchant account yet), or undefined when they work. */
  unavailable: () => string | undefined;
  /** Ask for a shipping address with each payment; absent: never. */
  shipping?: ShippingAsk | undefined;
}

function applyTransfer(order: Order, transfer: Transfer): void {
  order.transfer = transfer;
  // Paid only once the bank settled it (ISO 20022 ACSC); accepted-but-pending is not paid.
  order.status = transfer.status === 'ACSC' ? 'paid' : transfer.status === 'RJCT' ? 'failed' : 'processing';
  if (transfer.status === 'RJCT') {
    order.failure = transfer.reason ? `bank reason ${transfer.reason}` : undefined;
    order.failureCode = 'BankRejected';
  }
}

/** A 4xx from the cloud is a final answer; anything else (unreachable, 5xx) may be retried. */
function isFinal(e: unknown): boolean {
  return (isApiError(e) && e.status < 500) || isProtocolError(e);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The shop's side of a payment: the request (server-side amount), the verified result, redemption, refunds. */
export class Checkout {
  readonly #deps: CheckoutDeps;
  readonly #lock = new KeyedLock();

  constructor(deps: CheckoutDeps) {
    this.#deps = deps;
  }

  /** A new order for the cart as priced here, and a payment request for its total. */
  async start(session: Session): Promise<{ requestId: string; orderId: string }> {
    const { gateway, orders } = this.#deps;
    const { lines, total } = priceCart(session.cart);
    if (lines.length === 0) throw new ShopError(409, 'EmptyCart', 'the cart is empty');
    const unavailable = this.#deps.unavailable();
    if (unavailable) throw new ShopError(503, 'Unavailable', unavailable);
    const previous = session.checkout && orders.get(session.checkout.orderId);
    if (previous?.status === 'awaiting-payment') await orders.put({ ...previous, status: 'cancelled' });
    session.checkout = undefined;

    const id = randomId();
    const order: Order = {
      id,
      sessionId: session.id,
      createdAt: this.#deps.now(),
      lines,
      total,
      status: 'awaiting-payment',
      requestId: '',
    };
    let created: { requestId: string; csrfToken: string };
    try {
      created = await gateway.requestPayment({
        amount: total,
        description: `${this.#deps.shopName} order ${orderNumber(order)}`,
        refId: id,
        returnOrigin: this.#deps.publicUrl,
        redirectUrl: `${this.#deps.publicUrl}/cart`,
        ...(this.#deps.shipping ? { shippingAddress: this.#deps.shipping } : {}),
        lineItems: lines.map((l) => ({
          description: l.name,
          quantity: l.quantity,
          amount: { value: l.total, currency: total.currency },
        })),
      });
    } catch (e) {
      throw new ShopError(502, 'CloudError', `the payment request could not be created: ${describe(e)}`, {
        cause: e,
      });
    }
    await orders.put({ ...order, requestId: created.requestId });
    session.checkout = { orderId: id, requestId: created.requestId, csrfToken: created.csrfToken };
    return { requestId: created.requestId, orderId: id };
  }

  /**
   * The widget brought back a result: verified through the SDK (the cloud's signature, this
   * session's request and CSRF state) before anything is trusted; then the token is redeemed for
   * the order's own total with the order id as refId.
   */
  async complete(session: Session, result: unknown): Promise<Order> {
    const checkout = session.checkout;
    if (!checkout) throw new ShopError(409, 'NoCheckout', 'no payment is in progress in this session');
    let verified: Awaited<ReturnType<PaymentGateway['verifyResult']>>;
    try {
      verified = await this.#deps.gateway.verifyResult(result, checkout);
    } catch (e) {
      if (isProtocolError(e))
        throw new ShopError(e.code === 'Malformed' ? 400 : 403, e.code, `result refused: ${e.message}`, {
          cause: e,
        });
      throw new ShopError(502, 'CloudError', `the result could not be checked: ${describe(e)}`, { cause: e });
    }
    // Spent: the same result (or a copy of it) completes nothing again.
    session.checkout = undefined;
    const order = this.#deps.orders.get(checkout.orderId);
    if (!order) throw new ShopError(404, 'NotFound', 'the order of this payment is gone');
    if (verified.outcome === 'declined' || verified.tokenId === null) {
      const cancelled: Order = { ...order, status: 'cancelled' };
      await this.#deps.orders.put(cancelled);
      return cancelled;
    }
    const settled = await this.#settle(order, verified.tokenId);
    if (settled.status === 'paid' || settled.status === 'processing') session.cart.clear();
    if (verified.accessTokenId === undefined || settled.shipping) return settled;
    return this.#ship(settled, verified.accessTokenId);
  }

  /** After redeeming: the address the shopper shared, read with the access token it came with. */
  #ship(order: Order, accessTokenId: string | null): Promise<Order> {
    return this.#lock.run(order.id, async () => {
      const current = this.#deps.orders.get(order.id) ?? order;
      const next: Order = { ...current, shipping: { accessTokenId } };
      const read = this.#deps.gateway.shippingAddress;
      if (accessTokenId !== null && read) {
        try {
          next.shipping = { accessTokenId, address: await read.call(this.#deps.gateway, accessTokenId) };
        } catch (e) {
          next.shipping = { accessTokenId, failure: describe(e) };
        }
      }
      await this.#deps.orders.put(next);
      return next;
    });
  }

  #settle(order: Order, tokenId: string): Promise<Order> {
    return this.#lock.run(order.id, async () => {
      const { gateway, orders } = this.#deps;
      const current = orders.get(order.id) ?? order;
      if (current.status === 'paid' || current.tokenId !== undefined) return current;
      const next: Order = { ...current, tokenId, status: 'processing' };
      try {
        const payment = await gateway.payment(tokenId);
        // The cloud already checked the token answers the request; the amount is checked here again.
        if (payment.amount.value !== order.total.value || payment.amount.currency !== order.total.currency) {
          await orders.put({
            ...next,
            status: 'failed',
            failure: 'the approved amount is not the order total',
            failureCode: 'AmountMismatch',
          });
          throw new ShopError(409, 'AmountMismatch', 'the approved amount is not the order total');
        }
        next.payer = payment.payer;
        next.payerAccount = payment.source;
        applyTransfer(next, await gateway.redeem(tokenId, { amount: order.total, refId: order.id }));
      } catch (e) {
        if (e instanceof ShopError) throw e;
        if (isFinal(e)) {
          next.status = 'failed';
          next.failure = describe(e);
          next.failureCode = failureCodeOf(e);
        }
        // Otherwise it stays processing: "Check again" redeems with the same refId, never twice.
      }
      await orders.put(next);
      return next;
    });
  }

  /** Asks again about a payment or refund still processing (same refIds: idempotent). */
  refresh(order: Order): Promise<Order> {
    return this.#lock.run(order.id, async () => {
      const { gateway, orders } = this.#deps;
      const current = orders.get(order.id) ?? order;
      if (current.status === 'processing' && current.tokenId) {
        const next: Order = { ...current };
        try {
          applyTransfer(
            next,
            await gateway.redeem(current.tokenId, { amount: current.total, refId: current.id }),
          );
        } catch (e) {
          if (!isFinal(e)) return current;
          next.status = 'failed';
          next.failure = describe(e);
          next.failureCode = failureCodeOf(e);
        }
        await orders.put(next);
        return next;
      }
      if (current.status === 'refunding') return this.#refund(current);
      return current;
    });
  }

  /** Sends the order's total back to the account it was paid from. */
  refund(order: Order): Promise<Order> {
    return this.#lock.run(order.id, async () => {
      const current = this.#deps.orders.get(order.id) ?? order;
      if (current.status !== 'paid' && current.status !== 'refund-failed')
        throw new ShopError(409, 'NotRefundable', `an order that is ${current.status} cannot be refunded`, {
          words: { key: 'notRefundable' },
        });
      return this.#refund(current);
    });
  }

  async #refund(current: Order): Promise<Order> {
    const { gateway, orders } = this.#deps;
    if (!current.payer || !current.payerAccount || !current.tokenId)
      throw new ShopError(409, 'NotRefundable', 'the order has no payment to refund', {
        words: { key: 'notRefundable' },
      });
    const next: Order = { ...current, status: 'refunding', refund: { ...current.refund } };
    await orders.put(next);
    try {
      const transfer = await gateway.refund({
        ...(next.refund?.tokenId ? { tokenId: next.refund.tokenId } : {}),
        refundOf: current.tokenId,
        payee: current.payer,
        destination: current.payerAccount,
        amount: current.total,
        description: `Refund of ${this.#deps.shopName} order ${orderNumber(current)}`,
        refId: `refund-${current.id}`,
        onToken: async (tokenId) => {
          next.refund = { ...next.refund, tokenId };
          await orders.put(next);
        },
      });
      next.refund = { ...next.refund, transfer };
      delete next.refund.failure;
      delete next.refund.failureCode;
      next.status =
        transfer.status === 'ACSC' ? 'refunded' : transfer.status === 'RJCT' ? 'refund-failed' : 'refunding';
      if (transfer.status === 'RJCT') {
        next.refund.failure = `bank reason ${transfer.reason ?? 'unknown'}`;
        next.refund.failureCode = 'BankRejected';
      }
    } catch (e) {
      next.status = 'refund-failed';
      const code = failureCodeOf(e);
      next.refund = { ...next.refund, failure: describe(e), ...(code ? { failureCode: code } : {}) };
    }
    await orders.put(next);
    return next;
  }
}
