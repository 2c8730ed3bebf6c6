import { type Context, Hono } from 'hono';
import { sameOriginWrites } from './same-origin.ts';
import { contentSecurityPolicy, securityHeaders } from './security-headers.ts';
import { type SessionEnv, sessionCookie } from './session-cookie.ts';
import type { SessionStore, StoredSession } from './session-store.ts';
import type { SiteConfig } from './site-config.ts';
import { siteLanguage } from './site-language.ts';
import { type SiteState, siteRoutes } from './site-routes.ts';

export interface SiteAppOptions<S extends StoredSession> {
  config: Pick<SiteConfig, 'publicUrl' | 'cloudUrl'>;
  state: SiteState;
  sessions: SessionStore<S>;
  /** The session cookie's name, one per site (`shop_session`). */
  cookieName: string;
  now: () => number;
  /** The site's `public/` folder and the files in it that are served at /static/:name. */
  publicDir: URL;
  staticFiles: readonly string[];
}

export interface SiteApp<S extends StoredSession> {
  /** The app, with the middleware and the common routes in place; the site adds its pages. */
  app: Hono<SessionEnv<S>>;
  /** The session of this request, created (and its cookie set) when it has none. */
  session: (c: Context<SessionEnv<S>>) => S;
}

/**
 * A site's Hono app as every demo site starts it: the session cookie looked up, the security
 * headers on every answer, writes from the site's own origin only, then /health, the domain proof
 * and the static files. Each piece is exported on its own too.
 */
export function createSiteApp<S extends StoredSession>(o: SiteAppOptions<S>): SiteApp<S> {
  const cookie = sessionCookie({
    name: o.cookieName,
    sessions: o.sessions,
    now: o.now,
    publicUrl: o.config.publicUrl,
  });
  const app = new Hono<SessionEnv<S>>();
  app.use(cookie.middleware);
  app.use(siteLanguage({ publicUrl: o.config.publicUrl }));
  app.use(securityHeaders({ contentSecurityPolicy: contentSecurityPolicy(o.config.cloudUrl) }));
  app.use(sameOriginWrites(o.config.publicUrl));
  app.route('/', siteRoutes({ state: o.state, publicDir: o.publicDir, staticFiles: o.staticFiles }));
  return { app, session: cookie.ensure };
}
