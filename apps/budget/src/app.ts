import { readFileSync } from 'node:fs';
import { isProtocolError } from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { BudgetConfig } from './config.ts';
import { GrantEnded, loadDashboard } from './dashboard.ts';
import type { AisGateway } from './gateway.ts';
import { html } from './html.ts';
import { dashboardPage, endedPage, page, unavailablePage, welcomePage } from './pages.ts';
import type { Session, SessionStore } from './sessions.ts';

export interface BudgetState {
  ready: boolean;
  domainProof?: { memberId: string; token: string };
  /** The SRI hash of the widget the cloud serves, pinned into the page. */
  widgetIntegrity?: string;
}

export interface BudgetDeps {
  config: BudgetConfig;
  gateway: AisGateway;
  sessions: SessionStore;
  state: BudgetState;
  now: () => number;
}

type Env = { Variables: { session: Session | undefined } };

const cookieName = 'budget_session';
const staticFiles: Record<string, { type: string; body: string }> = {
  'budget.js': { type: 'text/javascript; charset=utf-8', body: '' },
  'budget.css': { type: 'text/css; charset=utf-8', body: '' },
};
for (const name of Object.keys(staticFiles))
  staticFiles[name]!.body = readFileSync(new URL(`../public/${name}`, import.meta.url), 'utf8');

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

class BudgetError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
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
 * The demo budgeting app: "Connect your bank" asks the user's wallet for an access grant through a
 * token request; the dashboard reads accounts, balances and transactions through the cloud as the
 * app's own member; when the grant stops working, the page says so and offers to reconnect.
 */
export function createBudgetApp(deps: BudgetDeps): Hono<Env> {
  const { config, gateway, sessions, state } = deps;
  const csp = contentSecurityPolicy(config.cloudUrl);
  const app = new Hono<Env>();

  app.use(async (c, next) => {
    c.set('session', sessions.get(getCookie(c, cookieName), deps.now()));
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  });

  app.use(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin ? origin !== config.publicUrl : site !== undefined && site !== 'same-origin')
      return problem(c, 403, 'Forbidden', `requests must come from ${config.publicUrl}`);
    return next();
  });

  app.onError((e, c) => {
    if (e instanceof BudgetError) return problem(c, e.status, e.code, e.message);
    console.error(`budget ${c.req.method} ${c.req.path}:`, e);
    return c.req.path.startsWith('/api/')
      ? problem(c, 500, 'Internal', 'the app failed to answer')
      : c.html(
          page(layout('Something went wrong'), unavailablePage('Something went wrong. Please try again.')),
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
  function layout(title: string, withWidget = false) {
    const scripts =
      withWidget && state.widgetIntegrity
        ? html`<script src="${config.cloudUrl}/checkout/v1/checkout.js" integrity="${state.widgetIntegrity}" crossorigin="anonymous" data-wallet-origin="${config.walletOrigin}" defer></script>
<script src="/static/budget.js" defer></script>`
        : undefined;
    return { appName: config.name, title, ...(scripts ? { scripts } : {}) };
  }

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

  app.get('/', async (c) => {
    const s = c.get('session');
    if (!s?.grant) {
      const body = s?.ended
        ? endedPage(config.name, config.grantDays, s.ended.reason)
        : welcomePage(config.name, config.grantDays);
      return c.html(page(layout(s?.ended ? 'Reconnect' : 'Connect your bank', true), body));
    }
    try {
      const dashboard = await loadDashboard(gateway, s.grant.tokenId, deps.now()).catch(
        async (e: unknown) => {
          // Narrowed in the wallet: one grant per app, so the old one was replaced by a new one.
          const next =
            e instanceof GrantEnded && s.grant ? await gateway.successor(s.grant.tokenId) : undefined;
          if (!next || !s.grant) throw e;
          s.grant = { ...s.grant, tokenId: next };
          return loadDashboard(gateway, next, deps.now());
        },
      );
      return c.html(page(layout('Your money'), dashboardPage(config.name, dashboard, s.grant.connectedAt)));
    } catch (e) {
      if (e instanceof GrantEnded) {
        // Said plainly, once the read is refused: the grant is gone and reading again will not help.
        s.grant = undefined;
        s.ended = { reason: e.reason, at: deps.now() };
        return c.html(page(layout('Reconnect', true), endedPage(config.name, config.grantDays, e.reason)));
      }
      if (isApiError(e) && (e.status >= 500 || e.code === 'BankUnavailable'))
        return c.html(
          page(layout('Bank unavailable'), unavailablePage(`The bank did not answer (${e.message}).`)),
          503,
        );
      throw e;
    }
  });

  app.post('/api/connect', async (c) => {
    const s = session(c);
    const created = await gateway.requestAccess({
      days: config.grantDays,
      returnOrigin: config.publicUrl,
      redirectUrl: `${config.publicUrl}/`,
    });
    s.connect = created;
    return c.json({ requestId: created.requestId }, 201);
  });

  app.post('/api/connect/complete', async (c) => {
    const s = session(c);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new BudgetError(400, 'Malformed', 'expected a JSON body {"result": ...}');
    }
    const result = typeof body === 'object' && body !== null && 'result' in body ? body.result : undefined;
    if (!s.connect) throw new BudgetError(409, 'NoRequest', 'no connection is in progress in this session');
    let verified: Awaited<ReturnType<AisGateway['verifyResult']>>;
    try {
      verified = await gateway.verifyResult(result, s.connect);
    } catch (e) {
      if (isProtocolError(e))
        throw new BudgetError(e.code === 'Malformed' ? 400 : 403, e.code, `result refused: ${e.message}`);
      throw e;
    }
    s.connect = undefined;
    if (verified.outcome !== 'approved' || verified.tokenId === null)
      return c.json({ status: 'declined', url: '/' });
    s.grant = { tokenId: verified.tokenId, connectedAt: deps.now() };
    s.ended = undefined;
    return c.json({ status: 'connected', url: '/' });
  });

  app.post('/disconnect', async (c) => {
    const s = c.get('session');
    if (s?.grant) {
      const { tokenId } = s.grant;
      s.grant = undefined;
      s.ended = undefined;
      await gateway.disconnect(tokenId).catch((e: unknown) => {
        // Already revoked in the wallet: there is nothing left to end.
        if (!isApiError(e)) throw e;
      });
    }
    return c.redirect('/', 303);
  });

  return app;
}
