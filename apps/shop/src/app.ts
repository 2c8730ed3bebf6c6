import { readFileSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { findProduct, maxQuantity, priceCart, products } from './catalog.ts';
import { Checkout, ShopError } from './checkout.ts';
import type { ShopConfig } from './config.ts';
import type { PaymentGateway } from './gateway.ts';
import { html } from './html.ts';
import { type LoyaltyClub, loyaltyRoutes } from './loyalty.ts';
import { cartPage, errorPage, orderPage, ordersPage, page, productsPage } from './pages.ts';
import type { SavedPaymentStore } from './saved-payments.ts';
import type { Order, OrderStore, Session, SessionStore } from './store.ts';
import { mountSubscriptionRoutes } from './subscription-routes.ts';
import type { Subscriptions } from './subscriptions.ts';

/** What changes while the shop runs: set by the start-up (identity, bank account, widget hash). */
export interface ShopState {
  ready: boolean;
  /** Served at /.well-known/tokenos-member while the cloud verifies the shop's domain. */
  domainProof?: { memberId: string; token: string };
  /** Why payments are off, or undefined when the merchant account is linked. */
  unavailable?: string;
  /** The SRI hash of the widget the cloud serves (W3C SRI), pinned into the page. */
  widgetIntegrity?: string;
}

export interface ShopDeps {
  config: ShopConfig;
  gateway: PaymentGateway;
  orders: OrderStore;
  sessions: SessionStore;
  state: ShopState;
  now: () => number;
  /** Save for later / subscribe and the marketplace seller (issue 7); off when absent. */
  subscriptions?: { subscriptions: Subscriptions; saved: SavedPaymentStore; sellerReady: () => boolean };
  /** The loyalty club (issue 9): members created on a customer's behalf; absent: no club. */
  loyalty?: LoyaltyClub;
}

type Env = { Variables: { session: Session | undefined } };

const cookieName = 'shop_session';
const staticFiles: Record<string, { type: string; body: string }> = {
  'shop.js': { type: 'text/javascript; charset=utf-8', body: '' },
  'shop.css': { type: 'text/css; charset=utf-8', body: '' },
  'subscribe.js': { type: 'text/javascript; charset=utf-8', body: '' },
};
for (const name of Object.keys(staticFiles))
  staticFiles[name]!.body = readFileSync(new URL(`../public/${name}`, import.meta.url), 'utf8');

/** The Content-Security-Policy of every page: no inline script or style, the widget from the cloud only. */
export function contentSecurityPolicy(cloudUrl: string): string {
  const cloud = new URL(cloudUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${cloud}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${cloud}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

function problem(c: Context, status: ContentfulStatusCode, code: string, detail: string): Response {
  return c.body(
    JSON.stringify({ type: `https://tokenos.dev/problems/${code}`, title: code, status, code, detail }),
    status,
    {
      'content-type': 'application/problem+json',
    },
  );
}

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
  const csp = contentSecurityPolicy(config.cloudUrl);
  const app = new Hono<Env>();

  app.use(async (c, next) => {
    c.set('session', sessions.get(getCookie(c, cookieName), deps.now()));
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    // The wallet popup keeps its opener (the result comes back by postMessage).
    h.set('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  });

  // Every state change comes from the shop's own pages (CSRF): a foreign Origin is refused.
  app.use(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin ? origin !== config.publicUrl : site !== undefined && site !== 'same-origin')
      return problem(c, 403, 'Forbidden', `requests must come from ${config.publicUrl}`);
    return next();
  });

  app.onError((e, c) => {
    if (e instanceof ShopError) {
      if (c.req.path.startsWith('/api/')) return problem(c, e.status, e.code, e.message);
      return c.html(
        page(layout(c, 'Something went wrong'), errorPage('Something went wrong', e.message)),
        e.status,
      );
    }
    console.error(`shop ${c.req.method} ${c.req.path}:`, e);
    return c.req.path.startsWith('/api/')
      ? problem(c, 500, 'Internal', 'the shop failed to answer')
      : c.html(
          page(layout(c, 'Something went wrong'), errorPage('Something went wrong', 'Please try again.')),
          500,
        );
  });

  const session = (c: Context<Env>): Session => {
    const existing = c.get('session');
    if (existing) return existing;
    const created = sessions.create(deps.now());
    setCookie(c, cookieName, created.id, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: config.publicUrl.startsWith('https:'),
    });
    c.set('session', created);
    return created;
  };
  const cartCount = (s: Session | undefined) => [...(s?.cart.values() ?? [])].reduce((a, b) => a + b, 0);
  function layout(c: Context<Env>, title: string, current?: 'products' | 'cart' | 'orders' | 'subscription') {
    return {
      shopName: config.name,
      title,
      cartCount: cartCount(c.get('session')),
      ...(current ? { current } : {}),
    };
  }
  const ownOrder = (c: Context<Env>): Order => {
    const order = orders.get(c.req.param('id') ?? '');
    const s = c.get('session');
    // Someone else's order does not exist, as far as this session can tell.
    if (!order || !s || order.sessionId !== s.id)
      throw new ShopError(404, 'NotFound', 'There is no such order.');
    return order;
  };

  app.get('/health', (c) => c.json({ ok: state.ready }, state.ready ? 200 : 503));
  app.get('/.well-known/tokenos-member', (c) =>
    state.domainProof
      ? c.json(state.domainProof)
      : problem(c, 404, 'NotFound', 'no verification in progress'),
  );
  app.get('/static/:name', (c) => {
    const file = staticFiles[c.req.param('name')];
    if (!file) return problem(c, 404, 'NotFound', 'no such file');
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'no-cache' });
  });

  app.get('/', (c) => {
    const added = findProduct(c.req.query('added') ?? '')?.name;
    return c.html(page(layout(c, 'Coffee', 'products'), productsPage(products, added)));
  });

  app.post('/cart/items', async (c) => {
    const form = await c.req.parseBody();
    const product = findProduct(typeof form.product === 'string' ? form.product : '');
    if (!product) throw new ShopError(400, 'Malformed', 'There is no such product.');
    const s = session(c);
    s.cart.set(product.id, Math.min(maxQuantity, (s.cart.get(product.id) ?? 0) + 1));
    return c.redirect(`/?added=${product.id}`, 303);
  });

  app.post('/cart/items/:id', async (c) => {
    const form = await c.req.parseBody();
    const product = findProduct(c.req.param('id'));
    const quantity = Number(typeof form.quantity === 'string' ? form.quantity : Number.NaN);
    if (!product || !Number.isInteger(quantity) || quantity < 0 || quantity > maxQuantity)
      throw new ShopError(400, 'Malformed', `Choose a quantity from 0 to ${maxQuantity}.`);
    const s = session(c);
    if (quantity === 0) s.cart.delete(product.id);
    else s.cart.set(product.id, quantity);
    return c.redirect('/cart', 303);
  });

  app.get('/cart', (c) => {
    const { lines, total } = priceCart(c.get('session')?.cart ?? new Map());
    const payable = lines.length > 0 && !state.unavailable && state.widgetIntegrity !== undefined;
    const scripts = payable
      ? html`<script src="${config.cloudUrl}/checkout/v1/checkout.js" integrity="${state.widgetIntegrity ?? ''}" crossorigin="anonymous" data-wallet-origin="${config.walletOrigin}" defer></script>
<script src="/static/shop.js" defer></script>`
      : undefined;
    const unavailable =
      state.unavailable ?? (state.widgetIntegrity ? undefined : 'Token checkout is not available right now.');
    return c.html(
      page(
        { ...layout(c, 'Cart', 'cart'), ...(scripts ? { scripts } : {}) },
        cartPage({ lines, total: total.value, payable, ...(unavailable ? { unavailable } : {}) }),
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
      widgetIntegrity: () => state.widgetIntegrity,
      unavailable: () => state.unavailable,
    });

  app.get('/orders', (c) => {
    const s = c.get('session');
    return c.html(page(layout(c, 'Orders', 'orders'), ordersPage(s ? orders.forSession(s.id) : [])));
  });

  app.get('/orders/:id', (c) => {
    const order = ownOrder(c);
    const notice = { refunded: 'Refund sent.', refreshed: 'Status updated.' }[c.req.query('notice') ?? ''];
    return c.html(
      page(layout(c, `Order ${order.id.slice(0, 8).toUpperCase()}`, 'orders'), orderPage(order, notice)),
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
