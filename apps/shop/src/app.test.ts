import type { AccountRef, Money } from '@tokenos/protocol';
import { ApiError } from '@tokenos/sdk';
import { FakeTokenRequests, testBrowser } from '@tokenos/web-kit/testing';
import { describe, expect, it } from 'vitest';
import { createShopApp, type ShopState } from './app.ts';
import type { ShopConfig } from './config.ts';
import type { PaymentGateway, Transfer } from './gateway.ts';
import { OrderStore, shopSessions } from './store.ts';

const config: ShopConfig = {
  name: 'Demo Shop',
  publicUrl: 'http://localhost:5174',
  cloudUrl: 'http://localhost:4000',
  walletOrigin: 'http://localhost:5173',
  dataDir: '/nonexistent',
};
const payerAccount: AccountRef = { bankId: 'B'.repeat(43), accountRef: 'alice-current' };
const payer = 'P'.repeat(43);

/**
 * A cloud stand-in with the semantics the shop relies on: token requests and their results as
 * `FakeTokenRequests` checks them (signature, request, the session's CSRF token); redemption is
 * idempotent per refId. (The SDK's real checks are tested against the cloud in apps/cloud and
 * across apps in e2e/checkout-*.spec.ts.)
 */
class FakeCloud
  extends FakeTokenRequests<{ amount: Money; refId: string; redirectUrl: string }>
  implements PaymentGateway
{
  redemptions: { tokenId: string; amount: Money; refId: string }[] = [];
  refunds: Parameters<PaymentGateway['refund']>[0][] = [];
  nextStatus: Transfer['status'] = 'ACSC';
  refundError: Error | undefined;
  redeemError: Error | undefined;

  constructor() {
    super('T');
  }

  async requestPayment(o: Parameters<PaymentGateway['requestPayment']>[0]) {
    return this.createRequest({ amount: o.amount, refId: o.refId, redirectUrl: o.redirectUrl });
  }

  async payment(tokenId: string) {
    const n = Number(tokenId.slice(42));
    return { payer, source: payerAccount, amount: this.requests[n - 1]!.amount };
  }

  async redeem(tokenId: string, o: { amount: Money; refId: string }): Promise<Transfer> {
    if (this.redeemError) throw this.redeemError;
    const first = this.redemptions.find((r) => r.refId === o.refId);
    if (!first) this.redemptions.push({ tokenId, ...o });
    // As the cloud answers a bank's refusal: a problem, not a transfer (transfers/bank-refusal.ts).
    if (this.nextStatus === 'RJCT')
      throw new ApiError(422, 'BankRefused', `the payer's bank refused transfer tr-${o.refId}`, {
        reason: 'AM04',
      });
    return {
      id: `tr-${o.refId}`,
      status: this.nextStatus,
      reason: null,
      bankReference: 'IRON-1',
    };
  }

  async refund(o: Parameters<PaymentGateway['refund']>[0]): Promise<Transfer> {
    this.refunds.push(o);
    if (this.refundError) throw this.refundError;
    if (!o.tokenId) await o.onToken('refund-token');
    return { id: 'tr-refund', status: 'ACSC', reason: null, bankReference: 'IRON-2' };
  }
}

async function shop(state: Partial<ShopState> = {}) {
  const cloud = new FakeCloud();
  const orders = await OrderStore.open();
  const app = createShopApp({
    config,
    gateway: cloud,
    orders,
    sessions: shopSessions(),
    state: { ready: true, widgetIntegrity: 'sha384-abc', ...state },
    now: Date.now,
  });
  return { app, cloud, orders };
}

/** A browser: keeps the session cookie, sends the shop's Origin on every POST. */
function browser(app: Awaited<ReturnType<typeof shop>>['app']) {
  const b = testBrowser(app, config.publicUrl);
  return {
    ...b,
    add: (product: string) =>
      b.request('/cart/items', { method: 'POST', body: new URLSearchParams({ product }) }),
  };
}

describe('pages', () => {
  it('serve a strict CSP: no inline script, the widget from the cloud only, pinned by SRI', async () => {
    const { app } = await shop();
    const b = browser(app);
    const home = await b.request('/');
    expect(home.status).toBe(200);
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' http://localhost:4000");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(home.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    expect(await home.text()).not.toMatch(/<script(?![^>]*\bsrc=)|<style|style="/);

    await b.add('espresso');
    const cart = await (await b.request('/cart')).text();
    expect(cart).toContain(
      '<script src="http://localhost:4000/checkout/v1/checkout.js" integrity="sha384-abc" crossorigin="anonymous" data-wallet-origin="http://localhost:5173" defer></script>',
    );
    expect(cart).toContain('<script src="/static/shop.js" defer></script>');
    expect(cart).not.toMatch(/<script(?![^>]*\bsrc=)|<style|style="/);
  });

  it('publish the domain proof while the cloud checks it, and health only once ready', async () => {
    const { app } = await shop({ ready: false, domainProof: { memberId: 'M'.repeat(43), token: 'tok' } });
    expect(await (await app.request('/.well-known/tokenos-member')).json()).toEqual({
      memberId: 'M'.repeat(43),
      token: 'tok',
    });
    expect((await app.request('/health')).status).toBe(503);
  });

  it('without a merchant account, the cart says so and offers no button', async () => {
    const { app } = await shop({ unavailable: 'No bank account yet.' });
    const b = browser(app);
    await b.add('espresso');
    const cart = await (await b.request('/cart')).text();
    expect(cart).toContain('No bank account yet.');
    expect(cart).not.toContain('checkout.js');
    expect((await b.json('/api/checkout', {})).status).toBe(503);
  });
});

describe('the cart', () => {
  it('says "Added to your cart" only while the product is in the cart', async () => {
    const { app } = await shop();
    const b = browser(app);
    await b.add('espresso');
    const added = await b.request('/?added=espresso');
    expect(added.headers.get('cache-control')).toBe('no-store');
    expect(await added.text()).toContain('to your cart.');
    await b.request('/cart/items/espresso', { method: 'POST', body: new URLSearchParams({ quantity: '0' }) });
    expect(await (await b.request('/?added=espresso')).text()).not.toContain('to your cart.');
  });

  it('is priced on the server, in exact decimals', async () => {
    const { app } = await shop();
    const b = browser(app);
    for (const p of ['espresso', 'espresso', 'filter', 'cups']) expect((await b.add(p)).status).toBe(303);
    const cart = await (await b.request('/cart')).text();
    expect(cart).toContain('data-testid="cart-total">€63.00<');
    await b.request('/cart/items/cups', { method: 'POST', body: new URLSearchParams({ quantity: '0' }) });
    expect(await (await b.request('/cart')).text()).toContain('data-testid="cart-total">€39.00<');
  });

  it('refuses a foreign origin, bad products and quantities', async () => {
    const { app } = await shop();
    const b = browser(app);
    const foreign = await b.request('/cart/items', {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
      body: new URLSearchParams({ product: 'espresso' }),
    });
    expect(foreign.status).toBe(403);
    expect((await b.add('caviar')).status).toBe(400);
    const bad = await b.request('/cart/items/espresso', {
      method: 'POST',
      body: new URLSearchParams({ quantity: '1.5' }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('checkout', () => {
  it('requests the cart total, whatever the page sends, and pays the order once the transfer settled', async () => {
    const { app, cloud } = await shop();
    const b = browser(app);
    await b.add('espresso');
    await b.add('filter');
    // A tampered page posts an amount of its own: the backend never reads one.
    const started = await b.json('/api/checkout', {
      amount: '0.01',
      total: { value: '0.01', currency: 'EUR' },
    });
    expect(started.status).toBe(201);
    const { requestId } = (await started.json()) as { requestId: string };
    expect(cloud.requests).toHaveLength(1);
    expect(cloud.requests[0]).toMatchObject({ requestId, amount: { value: '26.50', currency: 'EUR' } });
    expect(cloud.requests[0]?.redirectUrl).toBe('http://localhost:5174/cart');

    const done = await b.json('/api/checkout/complete', { result: cloud.resultFor(1) });
    expect(done.status).toBe(200);
    const body = (await done.json()) as { orderId: string; status: string; orderUrl: string };
    expect(body.status).toBe('paid');
    // Redeemed for the order's own total, with the order id as the idempotent refId.
    expect(cloud.redemptions).toEqual([
      { tokenId: `${'T'.repeat(42)}1`, amount: { value: '26.50', currency: 'EUR' }, refId: body.orderId },
    ]);
    expect(cloud.requests[0]?.refId).toBe(body.orderId);
    const order = await (await b.request(body.orderUrl)).text();
    expect(order).toContain('data-testid="order-status">Paid<');
    expect(await (await b.request('/cart')).text()).toContain('Your cart is empty');
  });

  it('a transfer the bank has not settled is not paid until it is', async () => {
    const { app, cloud } = await shop();
    const b = browser(app);
    await b.add('cups');
    await b.json('/api/checkout', {});
    cloud.nextStatus = 'ACTC';
    const { orderId, status } = (await (
      await b.json('/api/checkout/complete', { result: cloud.resultFor(1) })
    ).json()) as {
      orderId: string;
      status: string;
    };
    expect(status).toBe('processing');
    expect(await (await b.request(`/orders/${orderId}`)).text()).toContain('Payment processing');
    cloud.nextStatus = 'ACSC';
    expect((await b.request(`/orders/${orderId}/refresh`, { method: 'POST' })).status).toBe(303);
    expect(await (await b.request(`/orders/${orderId}`)).text()).toContain(
      'data-testid="order-status">Paid<',
    );
    expect(cloud.redemptions).toHaveLength(1);
  });

  it('a rejected transfer fails the order', async () => {
    const { app, cloud } = await shop();
    const b = browser(app);
    await b.add('cups');
    await b.json('/api/checkout', {});
    cloud.nextStatus = 'RJCT';
    const res = (await (await b.json('/api/checkout/complete', { result: cloud.resultFor(1) })).json()) as {
      status: string;
    };
    expect(res.status).toBe('failed');
    const order = await (await b.request('/orders')).text();
    const id = /href="\/orders\/([0-9a-f]+)"/.exec(order)?.[1];
    const page = await (await b.request(`/orders/${id}`)).text();
    expect(page).toContain('Your bank refused the payment. Nothing was charged.');
    expect(page).not.toContain('AM04');
  });

  it('a refusal by the cloud is told from its code, never from its message', async () => {
    const { app, cloud } = await shop();
    const b = browser(app);
    await b.add('grinder');
    await b.json('/api/checkout', {});
    cloud.redeemError = new ApiError(
      422,
      'ConditionFailed',
      'maxPerTransaction: expected at most 15.00, got 89.00',
    );
    const { orderId, status } = (await (
      await b.json('/api/checkout/complete', { result: cloud.resultFor(1) })
    ).json()) as { orderId: string; status: string };
    expect(status).toBe('failed');
    const page = await (await b.request(`/orders/${orderId}`)).text();
    expect(page).toContain(
      'The payment was outside the limits you approved in your wallet. Nothing was charged.',
    );
    expect(page).not.toContain('maxPerTransaction');
  });

  it('refuses a forged result, a result of another session, and a replay', async () => {
    const { app, cloud } = await shop();
    const alice = browser(app);
    const mallory = browser(app);
    await alice.add('espresso');
    await mallory.add('espresso');
    await alice.json('/api/checkout', {});
    await mallory.json('/api/checkout', {});

    const forged = { ...cloud.resultFor(1), signature: 'made-up' };
    const refusedForged = await alice.json('/api/checkout/complete', { result: forged });
    expect(refusedForged.status).toBe(403);
    expect(await refusedForged.json()).toMatchObject({ code: 'InvalidSignature' });
    expect((await alice.json('/api/checkout/complete', { result: { hello: 1 } })).status).toBe(400);
    expect((await alice.json('/api/checkout/complete', { nothing: true })).status).toBe(400);
    // Alice's genuine result, posted by another session: its CSRF token does not match.
    const stolen = await mallory.json('/api/checkout/complete', { result: cloud.resultFor(1) });
    expect(stolen.status).toBe(403);
    expect(cloud.redemptions).toHaveLength(0);

    // Alice's own checkout survived the attempts.
    expect((await alice.json('/api/checkout/complete', { result: cloud.resultFor(1) })).status).toBe(200);
    const replay = await alice.json('/api/checkout/complete', { result: cloud.resultFor(1) });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: 'NoCheckout' });
    expect(cloud.redemptions).toHaveLength(1);
  });

  it('a declined request cancels the order and keeps the cart', async () => {
    const { app, cloud } = await shop();
    const b = browser(app);
    await b.add('grinder');
    await b.json('/api/checkout', {});
    const res = (await (
      await b.json('/api/checkout/complete', { result: cloud.resultFor(1, 'declined') })
    ).json()) as {
      status: string;
    };
    expect(res.status).toBe('cancelled');
    expect(cloud.redemptions).toHaveLength(0);
    expect(await (await b.request('/cart')).text()).toContain('€224.00');
  });

  it('an empty cart cannot be paid', async () => {
    const { app } = await shop();
    const res = await browser(app).json('/api/checkout', {});
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'EmptyCart' });
  });
});

describe('orders and refunds', () => {
  async function paidOrder() {
    const s = await shop();
    const b = browser(s.app);
    await b.add('espresso');
    await b.json('/api/checkout', {});
    const { orderId } = (await (
      await b.json('/api/checkout/complete', { result: s.cloud.resultFor(1) })
    ).json()) as {
      orderId: string;
    };
    return { ...s, b, orderId };
  }

  it('a refund sends the total back to the payer’s account, once', async () => {
    const { cloud, b, orderId } = await paidOrder();
    const res = await b.request(`/orders/${orderId}/refund`, { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/orders/${orderId}?notice=refunded`);
    expect(cloud.refunds).toHaveLength(1);
    expect(cloud.refunds[0]).toMatchObject({
      refundOf: `${'T'.repeat(42)}1`,
      payee: payer,
      destination: payerAccount,
      amount: { value: '12.50', currency: 'EUR' },
      refId: `refund-${orderId}`,
    });
    expect(await (await b.request(`/orders/${orderId}`)).text()).toContain(
      'data-testid="order-status">Refunded<',
    );
    expect((await b.request(`/orders/${orderId}/refund`, { method: 'POST' })).status).toBe(409);
    expect(cloud.refunds).toHaveLength(1);
  });

  it('a refund the cloud refuses is shown as failed and can be tried again with the same token', async () => {
    const { cloud, b, orderId } = await paidOrder();
    cloud.refundError = new ApiError(
      403,
      'ScaRequired',
      'the Refund exemption does not apply: the refund exceeds what is left to refund',
    );
    await b.request(`/orders/${orderId}/refund`, { method: 'POST' });
    const page = await (await b.request(`/orders/${orderId}`)).text();
    expect(page).toContain('Refund failed');
    // Words from the code, never the cloud's message.
    expect(page).toContain('The refund could not be sent. You can try again.');
    expect(page).not.toContain('exceeds what is left to refund');
    cloud.refundError = undefined;
    await b.request(`/orders/${orderId}/refund`, { method: 'POST' });
    expect(await (await b.request(`/orders/${orderId}`)).text()).toContain(
      'data-testid="order-status">Refunded<',
    );
  });

  it('a refund is asked for first, in words, and the order page shows dates for the reader’s locale', async () => {
    const { b, orderId, cloud } = await paidOrder();
    const order = await (await b.request(`/orders/${orderId}`)).text();
    expect(order).toContain(`href="/orders/${orderId}/refund">Refund this order…</a>`);
    expect(order).toMatch(/<time datetime="[^"]+Z" data-local="datetime">/);
    expect(order).not.toContain('GMT');
    expect(order).toContain('<summary>Advanced details</summary>');
    const confirm = await (await b.request(`/orders/${orderId}/refund`)).text();
    expect(confirm).toContain('Yes, refund €12.50');
    expect(confirm).toContain('No, keep the order');
    expect(cloud.refunds).toHaveLength(0);
  });

  it('another session’s order does not exist for you', async () => {
    const { app, orderId } = await paidOrder();
    const stranger = browser(app);
    expect((await stranger.request(`/orders/${orderId}`)).status).toBe(404);
    expect((await stranger.request(`/orders/${orderId}/refund`, { method: 'POST' })).status).toBe(404);
  });
});

describe("pages in the reader's language", () => {
  it('?lang=de shows the products in German, with prices as Germans write them', async () => {
    const { app } = await shop();
    const res = await browser(app).request('/?lang=de');
    expect(res.headers.get('content-language')).toBe('de');
    const home = await res.text();
    expect(home).toContain('<html lang="de">');
    expect(home).toContain('<h1>Kaffee, diese Woche geröstet</h1>');
    expect(home).toContain('Dunkle Röstung, 250 g. Schokolade und Haselnuss.');
    expect(home).toContain('<p class="price">12,50\u00a0€</p>');
    expect(home).toContain('aria-label="In den Warenkorb: House espresso beans">In den Warenkorb</button>');
    expect(home).not.toContain('Add to cart');
  });

  it('Accept-Language pl: the cart, its item count, the script words and the order in Polish', async () => {
    const { app, cloud } = await shop();
    const b = browser(app);
    const pl = { headers: { 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.5' } };
    await b.add('espresso');
    await b.add('espresso');
    await b.add('filter');
    const cart = await (await b.request('/cart', pl)).text();
    expect(cart).toContain('<html lang="pl">');
    expect(cart).toContain('<h1>Twój koszyk</h1>');
    expect(cart).toContain('<span class="count">3</span><span class="sr-only"> produkty</span>');
    expect(cart).toContain('data-testid="cart-total">39,00\u00a0€<');
    expect(cart).toContain('Zapłać <span data-testid="pay-amount">39,00\u00a0€</span>');
    // What shop.js says, for it to read: JSON in an attribute, in the page's language.
    expect(cart).toContain('data-words="{&quot;Expired&quot;:&quot;Twoje zatwierdzenie wygasło');

    await b.json('/api/checkout', {});
    const done = (await (await b.json('/api/checkout/complete', { result: cloud.resultFor(1) })).json()) as {
      orderUrl: string;
    };
    const order = await (await b.request(done.orderUrl, pl)).text();
    expect(order).toContain('<html lang="pl">');
    expect(order).toContain('data-testid="order-status">Opłacone<');
    expect(order).toContain('Otrzymaliśmy Twoją płatność 39,00\u00a0€. Dziękujemy!');
    expect(order).toContain('<summary>Szczegóły zaawansowane</summary>');
    expect(order).not.toContain('Advanced details');
  });

  it('an error page says its words in the language too', async () => {
    const { app } = await shop();
    const res = await browser(app).request('/orders/nope', { headers: { 'accept-language': 'fr' } });
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('<h1>Un problème est survenu</h1>');
    expect(page).toContain('Cette commande n’existe pas.');
  });
});
