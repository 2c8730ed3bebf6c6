import type { Locale } from '@tokenos/i18n';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { SessionStore, StoredSession } from './session-store.ts';

/**
 * The Hono env of a site with cookie sessions: the session the cookie named, if it is live, and
 * the language of the pages (site-language.ts).
 */
export type SessionEnv<S extends StoredSession> = { Variables: { session: S | undefined; locale: Locale } };

export interface SessionCookieOptions<S extends StoredSession> {
  /** The cookie's name, one per site (`shop_session`). */
  name: string;
  sessions: SessionStore<S>;
  now: () => number;
  /** The site's own origin: the cookie is `Secure` when it is https. */
  publicUrl: string;
}

export interface SessionCookie<S extends StoredSession> {
  /** Looks the cookie's session up for every request (`c.get('session')`). */
  middleware: MiddlewareHandler<SessionEnv<S>>;
  /** The session of this request, created (and its cookie set) when it has none. */
  ensure: (c: Context<SessionEnv<S>>) => S;
}

/** A session cookie: HttpOnly (no script reads it), SameSite=Lax, for the whole site. */
export function sessionCookie<S extends StoredSession>(o: SessionCookieOptions<S>): SessionCookie<S> {
  return {
    middleware: async (c, next) => {
      c.set('session', o.sessions.get(getCookie(c, o.name), o.now()));
      await next();
    },
    ensure: (c) => {
      const existing = c.get('session');
      if (existing) return existing;
      const created = o.sessions.create(o.now());
      setCookie(c, o.name, created.id, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: o.publicUrl.startsWith('https:'),
      });
      c.set('session', created);
      return created;
    },
  };
}
