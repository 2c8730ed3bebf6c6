import type { Locale } from '@tokenos/i18n';
import { isProtocolError } from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';
import { createSiteApp, problem, type SessionEnv, type SiteState, widgetScripts } from '@tokenos/web-kit';
import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { BudgetConfig } from './config.ts';
import { GrantEnded, loadDashboard } from './dashboard.ts';
import { dashboardPage, dashboardTitle } from './dashboard-page.ts';
import type { AisGateway } from './gateway.ts';
import { endedPage, page, pageTitle, unavailablePage, welcomePage } from './pages.ts';
import type { BudgetSessions, Session } from './sessions.ts';

export type BudgetState = SiteState;

export interface BudgetDeps {
  config: BudgetConfig;
  gateway: AisGateway;
  sessions: BudgetSessions;
  state: BudgetState;
  now: () => number;
}

type Env = SessionEnv<Session>;

const publicDir = new URL('../public/', import.meta.url);

class BudgetError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * The demo budgeting app: "Connect your bank" asks the user's wallet for an access grant through a
 * token request; the dashboard reads accounts, balances and transactions through the cloud as the
 * app's own member; when the grant stops working, the page says so and offers to reconnect.
 */
export function createBudgetApp(deps: BudgetDeps): Hono<Env> {
  const { config, gateway, sessions, state } = deps;
  const { app, session } = createSiteApp({
    config,
    state,
    sessions,
    cookieName: 'budget_session',
    now: deps.now,
    publicDir,
    staticFiles: ['budget.js', 'budget.css'],
  });

  app.onError((e, c) => {
    if (e instanceof BudgetError) return problem(c, e.status, e.code, e.message);
    console.error(`budget ${c.req.method} ${c.req.path}:`, e);
    if (c.req.path.startsWith('/api/')) return problem(c, 500, 'Internal', 'the app failed to answer');
    // English when the failure came before the language was chosen.
    const locale = c.get('locale') ?? 'en';
    return c.html(
      page(layout(pageTitle('errorTitle', locale), locale), unavailablePage('error', locale)),
      500,
    );
  });

  function layout(title: string, locale: Locale, withWidget = false) {
    const scripts =
      withWidget && state.widgetIntegrity
        ? widgetScripts({
            cloudUrl: config.cloudUrl,
            integrity: state.widgetIntegrity,
            walletOrigin: config.walletOrigin,
            script: 'budget.js',
          })
        : undefined;
    return { appName: config.name, title, locale, ...(scripts ? { scripts } : {}) };
  }

  app.get('/', async (c) => {
    const s = c.get('session');
    const locale = c.get('locale');
    if (!s?.grant) {
      const body = s?.ended
        ? endedPage(config.name, config.grantDays, s.ended.reason, locale)
        : welcomePage(config.name, config.grantDays, locale);
      const title = pageTitle(s?.ended ? 'reconnectTitle' : 'connectTitle', locale);
      return c.html(page(layout(title, locale, true), body));
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
      return c.html(
        page(
          layout(dashboardTitle(locale), locale),
          dashboardPage(config.name, dashboard, s.grant.connectedAt, locale),
        ),
      );
    } catch (e) {
      if (e instanceof GrantEnded) {
        // Said plainly, once the read is refused: the grant is gone and reading again will not help.
        s.grant = undefined;
        s.ended = { reason: e.reason, at: deps.now() };
        return c.html(
          page(
            layout(pageTitle('reconnectTitle', locale), locale, true),
            endedPage(config.name, config.grantDays, e.reason, locale),
          ),
        );
      }
      if (isApiError(e) && (e.status >= 500 || e.code === 'BankUnavailable')) {
        // The detail is for developers (RFC 9457); the page says it plainly.
        console.warn(`budget: the bank did not answer: ${e.message}`);
        return c.html(
          page(layout(pageTitle('unavailableTitle', locale), locale), unavailablePage('bank', locale)),
          503,
        );
      }
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
