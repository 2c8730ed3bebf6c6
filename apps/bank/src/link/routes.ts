import {
  type AccountLink,
  base64url,
  formatAmount,
  memberIdSchema,
  objectId,
  ProtocolError,
  signObject,
} from '@tokenos/protocol';
import { encodeAccountLink } from '@tokenos/sdk/bank';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { hashPassword } from '../customers/passwords.ts';
import { signIn } from '../customers/store.ts';
import type { BankDeps } from '../deps.ts';
import { UpstreamUnavailableError } from '../http/problem.ts';
import { maskAccountNumber } from '../ledger/iban.ts';
import type { AccountRow } from '../ledger/ledger.ts';
import { chooseAccountsPage, errorPage, type LinkParams, signInPage } from './pages.ts';
import { insertPendingLink, pendingLinkTtlMs } from './store.ts';

/** Per bank: cookies on localhost are shared by every port (RFC 6265 §8.5). */
function linkSessionCookie(deps: BankDeps): string {
  return `${deps.config.bankCode.toLowerCase()}_link_session`;
}

/** Sends the browser to the account choice of a fresh consent session (its cookie set here). */
function toAccountChoice(c: Context, deps: BankDeps, session: string, error?: 'none'): Response {
  setCookie(c, linkSessionCookie(deps), session, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/link',
    maxAge: sessionTtlMs / 1000,
  });
  return c.redirect(error ? `/link/accounts?error=${error}` : '/link/accounts', 303);
}

/** How long the account choice stays open after a sign-in. */
const sessionTtlMs = 10 * 60_000;

/** Costs as much as a real check, for unknown usernames (no timing oracle); never matches. */
let dummyHash: Promise<string> | undefined;

function securityHeaders(deps: BankDeps): Record<string, string> {
  // form-action also governs where a form's redirect may go (CSP Level 3 §6.3.1): the wallet origins.
  return {
    'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${deps.config.walletOrigins.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

function htmlResponse(
  c: Context,
  deps: BankDeps,
  body: string,
  status: ContentfulStatusCode = 200,
): Response {
  return c.body(body, status, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(deps) });
}

/** The query (or form) parameters of a link request, refused unless the return URL is on a wallet origin. */
function linkParams(deps: BankDeps, input: Record<string, unknown>): LinkParams {
  const member = typeof input.member === 'string' ? input.member : '';
  const returnUrl = typeof input.return === 'string' ? input.return : '';
  const state = typeof input.state === 'string' ? input.state : '';
  if (!memberIdSchema.safeParse(member).success)
    throw new ProtocolError('Malformed', 'member: expected a member id', { field: 'member' });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(state))
    throw new ProtocolError('Malformed', 'state: expected 1-200 base64url characters', { field: 'state' });
  // Never redirect to an address that came in a URL unless it is one of ours (RFC 6749 §10.15, open redirectors).
  if (!URL.canParse(returnUrl) || !deps.config.walletOrigins.includes(new URL(returnUrl).origin))
    throw new ProtocolError(
      'Forbidden',
      `return: expected a URL on ${deps.config.walletOrigins.join(' or ')}`,
      { field: 'return' },
    );
  return { member, returnUrl, state };
}

function back(p: { returnUrl: string; state: string }, params: Record<string, string>): string {
  const url = new URL(p.returnUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('state', p.state);
  return url.href;
}

function display(a: AccountRow): {
  id: string;
  name: string;
  currency: string;
  maskedNumber: string;
  balance: string;
} {
  return {
    id: String(a.account_id),
    name: a.name,
    currency: a.currency,
    maskedNumber: maskAccountNumber(a.iban ?? ''),
    balance: formatAmount(a.balance, a.currency),
  };
}

interface SessionRow {
  session_id: string;
  customer_id: string;
  member_id: string;
  return_url: string;
  state: string;
  expires_at: Date;
  used: boolean;
}

/**
 * The bank's own account-linking consent page (seed 000: "Using the Token SDK, member entities are
 * created and linked to bank accounts"): GET /link shows the sign-in, POST /link/login checks the
 * password and shows the customer's accounts, POST /link/confirm records a pending link to opaque
 * references and sends the customer back to the wallet with the bank-signed AccountLink. Account
 * numbers appear only masked, here and in the link.
 */
export function linkRoutes(deps: BankDeps): Hono {
  const app = new Hono();
  const name = deps.config.name;

  const sessionExpired = (c: Context): Response =>
    htmlResponse(
      c,
      deps,
      errorPage(
        name,
        'Session expired',
        'This sign-in has expired or was already used. Start again from your wallet.',
      ),
      400,
    );

  app.onError((err, c) => {
    if (err instanceof UpstreamUnavailableError)
      return htmlResponse(
        c,
        deps,
        errorPage(name, 'Please try again shortly', `${name} cannot reach the token network right now.`),
        503,
      );
    if (err instanceof ProtocolError) {
      const status: ContentfulStatusCode =
        err.code === 'NotFound' ? 404 : err.code === 'Forbidden' ? 403 : 400;
      return htmlResponse(c, deps, errorPage(name, 'This link request cannot be used', err.message), status);
    }
    throw err;
  });

  app.get('/', async (c) => {
    const p = linkParams(deps, c.req.query());
    // The member must exist in the directory; whether the requester holds its keys is proven at /links/finish.
    await deps.cloud.verifiedMember(p.member);
    return htmlResponse(c, deps, signInPage(name, p));
  });

  app.post('/cancel', async (c) => {
    const p = linkParams(deps, await c.req.parseBody());
    return c.redirect(back(p, { error: 'access_denied' }), 303);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const p = linkParams(deps, form);
    const username = typeof form.username === 'string' ? form.username.slice(0, 64) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
    dummyHash ??= hashPassword(base64url(deps.randomBytes(16)));
    const result = await signIn(deps.db, username, password, deps.now(), await dummyHash);
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? 'Too many wrong passwords. Try again in 15 minutes.'
          : 'Wrong username or password.';
      return htmlResponse(c, deps, signInPage(name, p, message, username), 401);
    }
    const session = base64url(deps.randomBytes(32));
    await deps.db.query(
      'insert into link_sessions (session_id, customer_id, member_id, return_url, state, expires_at) values ($1, $2, $3, $4, $5, $6)',
      [
        session,
        result.customer.customer_id,
        p.member,
        p.returnUrl,
        p.state,
        new Date(deps.now() + sessionTtlMs),
      ],
    );
    return toAccountChoice(c, deps, session);
  });

  // Post/redirect/get: the account choice is a page of its own, so Back and reload never resubmit
  // the password. The session travels in an HttpOnly cookie scoped to /link, not in the URL.
  app.get('/accounts', async (c) => {
    const session = getCookie(c, linkSessionCookie(deps)) ?? '';
    const s = await deps.db.maybeOne<SessionRow & { display_name: string }>(
      `select s.*, c.display_name from link_sessions s join customers c using (customer_id)
        where s.session_id = $1 and not s.used and s.expires_at > $2`,
      [session, new Date(deps.now())],
    );
    if (!s) return sessionExpired(c);
    const accounts = await deps.db.query<AccountRow>(
      "select * from accounts where customer_id = $1 and status = 'open' order by account_id",
      [s.customer_id],
    );
    return htmlResponse(
      c,
      deps,
      chooseAccountsPage(name, {
        session,
        displayName: s.display_name,
        accounts: accounts.map(display),
        ...(c.req.query('error') === 'none' ? { error: 'Choose at least one of your accounts.' } : {}),
      }),
    );
  });

  app.post('/confirm', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const session = typeof form.session === 'string' ? form.session : '';
    const now = deps.now();
    // One confirmation per sign-in: the conditional UPDATE spends the session exactly once.
    const s = await deps.db.maybeOne<SessionRow>(
      'update link_sessions set used = true where session_id = $1 and not used and expires_at > $2 returning *',
      [session, new Date(now)],
    );
    if (!s) return sessionExpired(c);
    const p = { returnUrl: s.return_url, state: s.state };
    if (form.decision !== 'allow') return c.redirect(back(p, { error: 'access_denied' }), 303);

    const chosen = [form.account ?? []]
      .flat()
      .filter((v): v is string => typeof v === 'string' && /^[0-9]{1,18}$/.test(v));
    const owned = await deps.db.query<AccountRow>(
      "select * from accounts where customer_id = $1 and status = 'open' order by account_id",
      [s.customer_id],
    );
    const selected = owned.filter((a) => chosen.includes(String(a.account_id)));
    if (selected.length === 0 || selected.length !== new Set(chosen).size) {
      // A fresh session for a second try: the spent one is gone.
      const again = base64url(deps.randomBytes(32));
      await deps.db.query(
        'insert into link_sessions (session_id, customer_id, member_id, return_url, state, expires_at) values ($1, $2, $3, $4, $5, $6)',
        [again, s.customer_id, s.member_id, s.return_url, s.state, new Date(now + sessionTtlMs)],
      );
      return toAccountChoice(c, deps, again, 'none');
    }

    const refs = new Map<string, bigint>();
    for (const a of selected) refs.set(base64url(deps.randomBytes(16)), a.account_id);
    const signer = await deps.member.signerFor('STANDARD');
    const link: AccountLink = await signObject(
      {
        type: 'AccountLink' as const,
        version: 1 as const,
        bankId: deps.member.id,
        memberId: s.member_id,
        accounts: [...refs].map(([accountRef, id]) => {
          const a = selected.find((x) => x.account_id === id)!;
          return {
            accountRef,
            name: a.name,
            currency: a.currency as AccountLink['accounts'][number]['currency'],
            maskedNumber: maskAccountNumber(a.iban ?? ''),
          };
        }),
        createdAt: now,
        signer: { memberId: deps.member.id, keyId: signer.keyId },
      },
      signer,
    );
    await deps.db.transaction((tx) =>
      insertPendingLink(tx, {
        linkId: objectId(link),
        customerId: s.customer_id,
        link,
        accountIds: refs,
        expiresAt: new Date(now + pendingLinkTtlMs),
      }),
    );
    return c.redirect(back(p, { link: encodeAccountLink(link) }), 303);
  });

  return app;
}
