import { createTranslator } from '@tokenos/i18n';
import { createSiteApp, problem, type SessionEnv, type SiteState, widgetScripts } from '@tokenos/web-kit';
import type { Context, Hono } from 'hono';
import { findProduct, maxQuantity, priceCart, products } from './catalog.ts';
import { Checkout, ShopError } from './checkout.ts';
import type { ShopConfig } from './config.ts';
import { errorMessages } from './error-words.messages.ts';
import type { PaymentGateway } from './gateway.ts';
import { type LoyaltyClub, loyaltyRoutes } from './loyalty.ts';
import {
  cartPage,
  errorPage,
  orderNumber,
  orderPage,
  ordersPage,
  page,
  pageWords,
  productsPage,
  refundConfirmPage,
} from './pages.ts';
import type { SavedPaymentStore } from './saved-payments.ts';
import type { Order, OrderStore, Session, ShopSessions } from './store.ts';
import { mountSubscriptionRoutes } from './subscription-routes.ts';
import type { Subscriptions } from './subscriptions.ts';

/** What changes while the shop runs: set by the start-up (identity, bank account, widget hash). */
export interface ShopState extends SiteState {
  /** Why payments are off, or undefined when the merchant account is linked. */
  unavailable?: string;
}

export interface ShopDeps {
  config: ShopConfig;
  gateway: PaymentGateway;
  orders: OrderStore;
  sessions: ShopSessions;
  state: ShopState;
  now: () => number;
  /** Save for later / subscribe and the marketplace seller (issue 7); off when absent. */
  subscriptions?: { subscriptions: Subscriptions; saved: SavedPaymentStore; sellerReady: () => boolean };
  /** The loyalty club (issue 9): members created on a customer's behalf; absent: no club. */
  loyalty?: LoyaltyClub;
}

type Env = SessionEnv<Session>;

const publicDir = new URL('../public/', import.meta.url);

/**
 * The demo shop: products, a cart in a server-side session, the widget on the cart page, the
 * order page. The browser never sends an amount; the backend prices the cart, requests the
 * payment, verifies the result and redeems.
 */
export function createShopApp(deps: ShopDeps): Hono<Env> {
  const { config, orders, sessions, state } = deps;
  const checkout = new Checkout({
    shopName: config.name,
    publicUrl: config.publicUrl,
    gateway: deps.gateway,
    orders,
    now: deps.now,
    unavailable: () => state.unavailable,
    shipping: config.shipping,
  });
  const { app, session } = createSiteApp({
    config,
    state,
    sessions,
    cookieName: 'shop_session',
    now: deps.now,
    publicDir,
    staticFiles: ['shop.js', 'shop.css', 'subscribe.js'],
  });

  app.onError((e, c) => {
    // An error before the language middleware ran has no locale yet.
    const locale = c.get('locale') ?? 'en';
    const t = createTranslator(errorMessages, locale);
    const errorHtml = (detail: string) =>
      page({ ...layout(c, t('title')), locale }, errorPage(t('title'), detail, locale));
    if (e instanceof ShopError) {
      if (c.req.path.startsWith('/api/')) return problem(c, e.status, e.code, e.message);
      // A page says the error's own words when it has them; else, in English, its message (plain
      // words); in another language a general sentence rather than English.
      const detail = e.words ? t(e.words.key, e.words.values) : locale === 'en' ? e.message : t('tryAgain');
      return c.html(errorHtml(detail), e.status);
    }
    console.error(`shop ${c.req.method} ${c.req.path}:`, e);
    return c.req.path.startsWith('/api/')
      ? problem(c, 500, 'Internal', 'the shop failed to answer')
      : c.html(errorHtml(t('tryAgain')), 500);
  });

  const cartCount = (s: Session | undefined) => [...(s?.cart.values() ?? [])].reduce((a, b) => a + b, 0);
  function layout(c: Context<Env>, title: string, current?: 'products' | 'cart' | 'orders' | 'subscription') {
    return {
      shopName: config.name,
      title,
      locale: c.get('locale'),
      cartCount: cartCount(c.get('session')),
      ...(current ? { current } : {}),
    };
  }
  const ownOrder = (c: Context<Env>): Order => {
    const order = orders.get(c.req.param('id') ?? '');
    const s = c.get('session');
    // Someone else's order does not exist, as far as this session can tell.
    if (!order || !s || order.sessionId !== s.id)
      throw new ShopError(404, 'NotFound', 'There is no such order.', { words: { key: 'noSuchOrder' } });
    return order;
  };

  app.get('/', (c) => {
    // "Added to your cart" only while it is in the cart: after Back, or once the cart was emptied,
    // the notice would be stale. no-store keeps Back from showing the old page from its cache.
    const product = findProduct(c.req.query('added') ?? '');
    const added = product && c.get('session')?.cart.has(product.id) ? product.name : undefined;
    c.header('cache-control', 'no-store');
    const locale = c.get('locale');
    return c.html(
      page(layout(c, pageWords(locale)('titleCoffee'), 'products'), productsPage(products, added, locale)),
    );
  });

  app.post('/cart/items', async (c) => {
    const form = await c.req.parseBody();
    const product = findProduct(typeof form.product === 'string' ? form.product : '');
    if (!product)
      throw new ShopError(400, 'Malformed', 'There is no such product.', { words: { key: 'noSuchProduct' } });
    const s = session(c);
    s.cart.set(product.id, Math.min(maxQuantity, (s.cart.get(product.id) ?? 0) + 1));
    return c.redirect(`/?added=${product.id}`, 303);
  });

  app.post('/cart/items/:id', async (c) => {
    const form = await c.req.parseBody();
    const product = findProduct(c.req.param('id'));
    const quantity = Number(typeof form.quantity === 'string' ? form.quantity : Number.NaN);
    if (!product || !Number.isInteger(quantity) || quantity < 0 || quantity > maxQuantity)
      throw new ShopError(400, 'Malformed', `Choose a quantity from 0 to ${maxQuantity}.`, {
        words: { key: 'quantityRange', values: { max: maxQuantity } },
      });
    const s = session(c);
    if (quantity === 0) s.cart.delete(product.id);
    else s.cart.set(product.id, quantity);
    return c.redirect('/cart', 303);
  });

  app.get('/cart', (c) => {
    const { lines, total } = priceCart(c.get('session')?.cart ?? new Map());
    const payable = lines.length > 0 && !state.unavailable && state.widgetIntegrity !== undefined;
    // The widget loads even on an empty cart: a wallet popup that returns here by redirect hands
    // its result over and closes (the cart may already be empty, the order made from the cloud's answer).
    const scripts =
      state.widgetIntegrity && !state.unavailable
        ? widgetScripts({
            cloudUrl: config.cloudUrl,
            integrity: state.widgetIntegrity ?? '',
            walletOrigin: config.walletOrigin,
            script: 'shop.js',
          })
        : undefined;
    const locale = c.get('locale');
    const t = pageWords(locale);
    const unavailable = state.unavailable ?? (state.widgetIntegrity ? undefined : t('checkoutUnavailable'));
    return c.html(
      page(
        { ...layout(c, t('titleCart'), 'cart'), ...(scripts ? { scripts } : {}) },
        cartPage({ lines, total: total.value, payable, locale, ...(unavailable ? { unavailable } : {}) }),
      ),
    );
  });

  app.post('/api/checkout', async (c) => {
    const { requestId } = await checkout.start(session(c));
    return c.json({ requestId }, 201);
  });

  app.post('/api/checkout/complete', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ShopError(400, 'Malformed', 'expected a JSON body {"result": ...}');
    }
    const result = typeof body === 'object' && body !== null && 'result' in body ? body.result : undefined;
    const order = await checkout.complete(session(c), result);
    return c.json({ orderId: order.id, status: order.status, orderUrl: `/orders/${order.id}` });
  });

  if (deps.subscriptions)
    mountSubscriptionRoutes(app, {
      ...deps.subscriptions,
      cloudUrl: config.cloudUrl,
      walletOrigin: config.walletOrigin,
      session,
      existingSession: (c) => c.get('session'),
      layout: (c, title) => layout(c, title, 'subscription'),
      checkoutUnavailable: (c) => pageWords(c.get('locale'))('checkoutUnavailable'),
      widgetIntegrity: () => state.widgetIntegrity,
      unavailable: () => state.unavailable,
    });

  app.get('/orders', (c) => {
    const s = c.get('session');
    const locale = c.get('locale');
    return c.html(
      page(
        layout(c, pageWords(locale)('titleOrders'), 'orders'),
        ordersPage(s ? orders.forSession(s.id) : [], locale),
      ),
    );
  });

  app.get('/orders/:id', (c) => {
    const order = ownOrder(c);
    const locale = c.get('locale');
    const t = pageWords(locale);
    const noticeKey = { refunded: 'noticeRefunded', refreshed: 'noticeRefreshed' } as const;
    const asked = c.req.query('notice');
    const notice = asked === 'refunded' || asked === 'refreshed' ? t(noticeKey[asked]) : undefined;
    return c.html(
      page(
        layout(c, t('orderHeading', { number: orderNumber(order) }), 'orders'),
        orderPage(order, notice, locale),
      ),
    );
  });

  app.get('/orders/:id/refund', (c) => {
    const order = ownOrder(c);
    if (order.status !== 'paid' && order.status !== 'refund-failed')
      return c.redirect(`/orders/${order.id}`, 303);
    const locale = c.get('locale');
    return c.html(
      page(
        layout(c, pageWords(locale)('refundConfirmTitle', { number: orderNumber(order) }), 'orders'),
        refundConfirmPage(order, locale),
      ),
    );
  });

  app.post('/orders/:id/refund', async (c) => {
    const order = await checkout.refund(ownOrder(c));
    return c.redirect(`/orders/${order.id}${order.status === 'refunded' ? '?notice=refunded' : ''}`, 303);
  });

  if (deps.loyalty)
    app.route(
      '/loyalty',
      loyaltyRoutes<Env['Variables']>({
        club: deps.loyalty,
        walletOrigin: config.walletOrigin,
        render: (c, title, body) => c.html(page(layout(c, title), body)),
      }),
    );

  app.post('/orders/:id/refresh', async (c) => {
    const order = await checkout.refresh(ownOrder(c));
    return c.redirect(`/orders/${order.id}?notice=refreshed`, 303);
  });

  return app;
}
