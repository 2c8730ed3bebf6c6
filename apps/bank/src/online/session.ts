import type { Db } from '@tokenos/db';
import { base64url } from '@tokenos/protocol';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { BankDeps } from '../deps.ts';

/** How long an online banking sign-in lasts without a new sign-in (no sliding renewal: a demo bank). */
export const onlineSessionTtlMs = 15 * 60_000;

/**
 * Cookies on localhost are shared by every port (RFC 6265 §8.5), so each bank names its own: two
 * demo banks on one machine would otherwise sign each other's customers out.
 */
function cookieName(deps: BankDeps): string {
  return `${deps.config.bankCode.toLowerCase()}_online_session`;
}

export interface OnlineCustomer {
  customerId: string;
  displayName: string;
}

function secure(deps: BankDeps): boolean {
  return new URL(deps.config.publicUrl).protocol === 'https:';
}

/** Starts a session for a customer whose password was just checked, and sets its cookie. */
export async function startOnlineSession(c: Context, deps: BankDeps, customerId: string): Promise<void> {
  const sessionId = base64url(deps.randomBytes(32));
  await deps.db.query(
    'insert into online_sessions (session_id, customer_id, expires_at) values ($1, $2, $3)',
    [sessionId, customerId, new Date(deps.now() + onlineSessionTtlMs)],
  );
  // HttpOnly: no script reads it; SameSite=Lax: no other site's form posts carry it.
  setCookie(c, cookieName(deps), sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(deps),
    path: '/',
    maxAge: onlineSessionTtlMs / 1000,
  });
}

/** The signed-in customer, or undefined when there is no live session. */
export async function onlineCustomer(c: Context, deps: BankDeps): Promise<OnlineCustomer | undefined> {
  const sessionId = getCookie(c, cookieName(deps));
  if (!sessionId || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
  const row = await deps.db.maybeOne<{ customer_id: string; display_name: string }>(
    `select s.customer_id, c.display_name from online_sessions s join customers c using (customer_id)
      where s.session_id = $1 and s.expires_at > $2`,
    [sessionId, new Date(deps.now())],
  );
  return row ? { customerId: row.customer_id, displayName: row.display_name } : undefined;
}

/** Ends the session on the server (the cookie alone would be no sign-out) and clears the cookie. */
export async function endOnlineSession(c: Context, deps: BankDeps): Promise<void> {
  const sessionId = getCookie(c, cookieName(deps));
  if (sessionId) await deps.db.query('delete from online_sessions where session_id = $1', [sessionId]);
  deleteCookie(c, cookieName(deps), { path: '/' });
}

/** Sessions past their end, removed by the bank's periodic job. */
export async function purgeOnlineSessions(db: Db, now: number): Promise<void> {
  await db.query('delete from online_sessions where expires_at <= $1', [new Date(now)]);
}

/**
 * A state-changing form post must come from this bank's own pages (OWASP CSRF cheat sheet, "Fetch
 * Metadata headers" and "Verifying origin with standard headers"). Browsers that send
 * Sec-Fetch-Site are believed on it; the Origin header is the fallback. Under this page's
 * `Referrer-Policy: no-referrer` a browser sends `Origin: null` on every POST (Fetch §3.1), so
 * Sec-Fetch-Site is what a current browser is judged by.
 */
export function sameOrigin(c: Context, deps: BankDeps): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('origin');
  return origin !== undefined && origin === new URL(deps.config.publicUrl).origin;
}
