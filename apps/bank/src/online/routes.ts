import { base64url, formatAmount } from '@tokenos/protocol';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { hashPassword } from '../customers/passwords.ts';
import { signIn } from '../customers/store.ts';
import type { BankDeps } from '../deps.ts';
import { maskAccountNumber } from '../ledger/iban.ts';
import { type AccountRow, entriesOf } from '../ledger/ledger.ts';
import { errorPage, favicon } from '../link/pages.ts';
import {
  type GrantRow,
  grantsOfCustomer,
  linksOfCustomer,
  noteGrantEnded,
  revokeGrant,
  revokeLink,
} from './access-store.ts';
import { tellCloudOfRevocation } from './cloud-revocation.ts';
import { date, dateTime, localeOf, money } from './format.ts';
import { grantStatusAtCloud } from './grant-status.ts';
import { accountPage, accountsPage, appsPage, onlineSignInPage } from './pages.ts';
import {
  endOnlineSession,
  type OnlineCustomer,
  onlineCustomer,
  sameOrigin,
  startOnlineSession,
} from './session.ts';

/** Costs as much as a real check, for unknown usernames (no timing oracle); never matches. */
let dummyHash: Promise<string> | undefined;

/** What each scope lets an app see, in the customer's words. */
const scopeWords: Record<string, string> = {
  details: 'account names',
  balances: 'balances',
  transactions: 'transactions',
};

/** Notices after a redirect, by a short key in the query (never text from the URL on the page). */
const notices = {
  'signed-out': 'You have signed out.',
  'link-revoked': 'The wallet can no longer make payments from those accounts.',
  'grant-revoked': 'The app can no longer see your accounts.',
} as const;

function noticeOf(c: Context): string | undefined {
  const key = c.req.query('notice');
  return key && key in notices ? notices[key as keyof typeof notices] : undefined;
}

/** Why a grant no longer works, when it ended elsewhere or ran out: in the customer's words. */
function endedWords(g: GrantRow, now: number): string | undefined {
  if (g.ended_status === 'replaced') return 'Replaced by a newer permission';
  if (g.ended_status === 'expired' || g.expires_at.getTime() <= now) return 'Expired';
  if (g.ended_status) return 'Stopped';
  return undefined;
}

function list(items: string[]): string {
  return new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(items);
}

/**
 * Online banking at the bank's own address: sign in, accounts and their transactions, and "Apps
 * with access" (UK Open Banking CEG access dashboard): every wallet link and every access grant on
 * the customer's accounts, each revocable here. Forms post, then redirect (303) to a page.
 */
export function onlineRoutes(deps: BankDeps): Hono {
  const app = new Hono();
  const name = deps.config.name;

  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy':
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  const htmlPage = (c: Context, body: string, status: ContentfulStatusCode = 200) =>
    c.body(body, status, headers);

  /** The signed-in customer, or a redirect to the sign-in. */
  async function customerOr(c: Context): Promise<OnlineCustomer | Response> {
    return (await onlineCustomer(c, deps)) ?? c.redirect('/', 303);
  }

  app.get('/favicon.svg', (c) =>
    c.body(favicon, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }),
  );
  app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301));

  app.get('/', async (c) => {
    const customer = await onlineCustomer(c, deps);
    if (!customer) {
      const notice = noticeOf(c);
      return htmlPage(c, onlineSignInPage(name, notice ? { notice } : {}));
    }
    const locale = localeOf(c.req.header('accept-language'));
    const accounts = await deps.db.query<AccountRow>(
      "select * from accounts where customer_id = $1 and status = 'open' order by account_id",
      [customer.customerId],
    );
    return htmlPage(
      c,
      accountsPage(name, {
        displayName: customer.displayName,
        accounts: accounts.map((a) => ({
          id: String(a.account_id),
          name: a.name,
          maskedNumber: maskAccountNumber(a.iban ?? ''),
          balance: money(formatAmount(a.balance, a.currency), a.currency, locale),
        })),
        ...(noticeOf(c) ? { notice: noticeOf(c) } : {}),
      }),
    );
  });

  app.post('/sign-in', async (c) => {
    if (!sameOrigin(c, deps))
      return htmlPage(c, errorPage(name, 'Not allowed', 'Sign in from this page.'), 403);
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.slice(0, 64) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
    dummyHash ??= hashPassword(base64url(deps.randomBytes(16)));
    const result = await signIn(deps.db, username, password, deps.now(), await dummyHash);
    if (!result.ok)
      return htmlPage(
        c,
        onlineSignInPage(name, {
          username,
          error:
            result.reason === 'locked'
              ? 'Too many wrong passwords. Try again in 15 minutes.'
              : 'Wrong username or password.',
        }),
        401,
      );
    await startOnlineSession(c, deps, result.customer.customer_id);
    return c.redirect('/', 303);
  });

  app.post('/sign-out', async (c) => {
    if (!sameOrigin(c, deps))
      return htmlPage(c, errorPage(name, 'Not allowed', 'Sign out from this page.'), 403);
    await endOnlineSession(c, deps);
    return c.redirect('/?notice=signed-out', 303);
  });

  app.get('/accounts/:id', async (c) => {
    const customer = await customerOr(c);
    if (customer instanceof Response) return customer;
    const id = c.req.param('id');
    const account = /^[0-9]{1,18}$/.test(id)
      ? await deps.db.maybeOne<AccountRow>(
          "select * from accounts where account_id = $1 and customer_id = $2 and status = 'open'",
          [BigInt(id), customer.customerId],
        )
      : undefined;
    if (!account)
      return htmlPage(c, errorPage(name, 'No such account', 'This account is not one of yours.'), 404);
    const locale = localeOf(c.req.header('accept-language'));
    const entries = await entriesOf(deps.db, account.account_id, { limit: 50 });
    return htmlPage(
      c,
      accountPage(name, {
        name: account.name,
        maskedNumber: maskAccountNumber(account.iban ?? ''),
        balance: money(formatAmount(account.balance, account.currency), account.currency, locale),
        transactions: entries.map((e) => ({
          when: dateTime(e.created_at, locale),
          description: e.description,
          amount: money(formatAmount(e.amount, account.currency), account.currency, locale),
          credit: e.amount > 0n,
          pending: e.pending,
        })),
      }),
    );
  });

  app.get('/apps', async (c) => {
    const customer = await customerOr(c);
    if (customer instanceof Response) return customer;
    const locale = localeOf(c.req.header('accept-language'));
    const links = await linksOfCustomer(deps.db, customer.customerId);
    const now = deps.now();
    let grants = await grantsOfCustomer(deps.db, customer.customerId);
    // Grants that look live here are checked with the cloud (signed by the bank): one cancelled in
    // the wallet or replaced since its last read is shown as ended. A cloud that does not answer
    // leaves the page as the bank knows it.
    const unsure = grants.filter((g) => !g.revoked_at && !g.ended_at && g.expires_at.getTime() > now);
    const reports = await Promise.all(
      unsure.map((g) =>
        grantStatusAtCloud(deps, g.token_id).then(
          (status) => ({ tokenId: g.token_id, status }),
          () => undefined,
        ),
      ),
    );
    const ended = reports.filter((r) => r !== undefined && r.status !== 'valid');
    for (const r of ended) if (r) await noteGrantEnded(deps.db, r.tokenId, r.status, now);
    if (ended.length) grants = await grantsOfCustomer(deps.db, customer.customerId);
    return htmlPage(
      c,
      appsPage(name, {
        links: links.map((l) => ({
          id: l.link_id,
          accounts: list(l.accounts),
          since: l.activated_at ? date(l.activated_at, locale) : '',
          revoked: l.revoked_at ? dateTime(l.revoked_at, locale) : undefined,
        })),
        grants: grants.map((g) => ({
          id: g.token_id,
          app: g.app_name ?? 'An app',
          accounts: list(g.accounts),
          sees: list(g.scopes.map((s) => scopeWords[s] ?? s)),
          lastUsed: dateTime(g.last_read_at, locale),
          until: date(g.expires_at, locale),
          revoked: g.revoked_at ? dateTime(g.revoked_at, locale) : undefined,
          ended: g.revoked_at ? undefined : endedWords(g, now),
        })),
        ...(noticeOf(c) ? { notice: noticeOf(c) } : {}),
      }),
    );
  });

  app.post('/apps/links/:id/revoke', async (c) => {
    if (!sameOrigin(c, deps))
      return htmlPage(c, errorPage(name, 'Not allowed', 'Use the button on this page.'), 403);
    const customer = await customerOr(c);
    if (customer instanceof Response) return customer;
    await revokeLink(deps.db, {
      linkId: c.req.param('id'),
      customerId: customer.customerId,
      now: deps.now(),
    });
    return c.redirect('/apps?notice=link-revoked', 303);
  });

  app.post('/apps/grants/:tokenId/revoke', async (c) => {
    if (!sameOrigin(c, deps))
      return htmlPage(c, errorPage(name, 'Not allowed', 'Use the button on this page.'), 403);
    const customer = await customerOr(c);
    if (customer instanceof Response) return customer;
    const revoked = await revokeGrant(deps.db, {
      tokenId: c.req.param('tokenId'),
      customerId: customer.customerId,
      now: deps.now(),
    });
    // The bank refuses the grant from now on; the cloud (and through it the wallet and the app) is told.
    if (revoked) await tellCloudOfRevocation(deps, revoked);
    return c.redirect('/apps?notice=grant-revoked', 303);
  });

  return app;
}
