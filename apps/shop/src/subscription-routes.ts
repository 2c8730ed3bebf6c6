import { type SessionEnv, widgetScripts } from '@tokenos/web-kit';
import type { Context, Hono } from 'hono';
import { type Layout, page } from './pages.ts';
import type { SavedPaymentStore } from './saved-payments.ts';
import type { Session } from './store.ts';
import { subscriptionPage, subscriptionTitle } from './subscription-pages.ts';
import type { Subscriptions } from './subscriptions.ts';

/** The shop app's env (app.ts): the session its middleware found for the request. */
type ShopEnv = SessionEnv<Session>;

export interface SubscriptionRouteDeps {
  subscriptions: Subscriptions;
  saved: SavedPaymentStore;
  cloudUrl: string;
  walletOrigin: string;
  /** The session of this request, created when missing (sets the cookie). */
  session: (c: Context<ShopEnv>) => Session;
  /** The session of this request, if it has one. */
  existingSession: (c: Context<ShopEnv>) => Session | undefined;
  layout: (c: Context<ShopEnv>, title: string) => Layout;
  /** The widget's SRI hash once known, and why payments are off, if they are. */
  widgetIntegrity: () => string | undefined;
  unavailable: () => string | undefined;
  /** "Token checkout is not available right now." in the page's language. */
  checkoutUnavailable: (c: Context<ShopEnv>) => string;
  sellerReady: () => boolean;
}

/**
 * The subscription pages and API (issue 7): the plan and the widget, the result coming back, the
 * saved payment with its usage, deliveries charged by the shop, marketplace orders charged by the
 * seller. Registered on the shop's app so its session, CSP and CSRF checks apply.
 */
export function mountSubscriptionRoutes(app: Hono<ShopEnv>, d: SubscriptionRouteDeps): void {
  const ownSaved = (c: Context<ShopEnv>) => {
    const s = d.existingSession(c);
    return s ? d.saved.forSession(s.id) : undefined;
  };

  app.get('/subscription', async (c) => {
    const saved = ownSaved(c);
    const locale = c.get('locale');
    const integrity = d.widgetIntegrity();
    const unavailable = d.unavailable() ?? (integrity ? undefined : d.checkoutUnavailable(c));
    const payable = saved?.status !== 'active' && !unavailable;
    const scripts = payable
      ? widgetScripts({
          cloudUrl: d.cloudUrl,
          integrity: integrity ?? '',
          walletOrigin: d.walletOrigin,
          script: 'subscribe.js',
        })
      : undefined;
    const views = saved?.status === 'active' ? await d.subscriptions.view(saved) : {};
    const latestRef = c.req.query('charge');
    const latest = latestRef ? saved?.charges.find((x) => x.refId === latestRef) : undefined;
    return c.html(
      page(
        { ...d.layout(c, subscriptionTitle(locale)), ...(scripts ? { scripts } : {}) },
        subscriptionPage({
          saved,
          views,
          payable,
          ...(unavailable ? { unavailable } : {}),
          ...(latest ? { latest } : {}),
          sellerReady: d.sellerReady(),
          locale,
          expiresAt:
            views.root?.limitations.expiresAt ?? d.subscriptions.requestBody().limitations.expiresAt ?? 0,
        }),
      ),
    );
  });

  app.post('/api/subscription', async (c) => c.json(await d.subscriptions.start(d.session(c).id), 201));

  app.post('/api/subscription/complete', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      body = undefined;
    }
    const result = typeof body === 'object' && body !== null && 'result' in body ? body.result : undefined;
    const saved = await d.subscriptions.complete(d.session(c).id, result);
    return c.json({ status: saved.status, url: '/subscription' });
  });

  const active = (c: Context<ShopEnv>) => {
    const saved = ownSaved(c);
    if (saved?.status !== 'active') return undefined;
    return saved;
  };

  app.post('/subscription/charge', async (c) => {
    const saved = active(c);
    if (!saved) return c.redirect('/subscription', 303);
    const form = await c.req.parseBody();
    const charge = await d.subscriptions.chargeProduct(
      saved,
      typeof form.product === 'string' ? form.product : '',
    );
    return c.redirect(`/subscription?charge=${encodeURIComponent(charge.refId)}`, 303);
  });

  app.post('/subscription/seller-charge', async (c) => {
    const saved = active(c);
    if (!saved) return c.redirect('/subscription', 303);
    const charge = await d.subscriptions.chargeSeller(saved);
    return c.redirect(`/subscription?charge=${encodeURIComponent(charge.refId)}`, 303);
  });
}
