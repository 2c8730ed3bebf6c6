import { credentialFields, type Html, html, page } from '../link/pages.ts';

/** Online banking pages: server-rendered, no script, the same stylesheet as the consent page. */

function nav(signedIn: boolean): Html {
  if (!signedIn) return html``;
  return html`<nav class="online" aria-label="Online banking">
<a href="/">Accounts</a>
<a href="/apps">Apps with access</a>
<form method="post" action="/sign-out"><button type="submit" class="secondary">Sign out</button></form>
</nav>`;
}

function notice(text: string | undefined): Html {
  return text ? html`<p class="notice" role="status">${text}</p>` : html``;
}

export function onlineSignInPage(
  bankName: string,
  args: { error?: string; username?: string; notice?: string } = {},
): string {
  return page(
    bankName,
    'Online banking',
    html`${notice(args.notice)}<p>Sign in to see your accounts and the apps that can use them.</p>
${args.error ? html`<p class="error" role="alert">${args.error}</p>` : html``}
<form method="post" action="/sign-in">
${credentialFields(args.username ?? '')}
<button type="submit">Sign in</button>
</form>`,
    { nav: nav(false) },
  );
}

export interface AccountLine {
  id: string;
  name: string;
  maskedNumber: string;
  balance: string;
}

export function accountsPage(
  bankName: string,
  args: { displayName: string; accounts: AccountLine[]; notice?: string },
): string {
  const rows = args.accounts.map(
    (a) =>
      html`<tr><td><a href="/accounts/${a.id}">${a.name}</a><br><span class="muted">${a.maskedNumber}</span></td><td class="amount">${a.balance}</td></tr>`,
  );
  return page(
    bankName,
    'Your accounts',
    html`<p>Welcome, ${args.displayName}.</p>
${notice(args.notice)}
${
  args.accounts.length
    ? html`<table><thead><tr><th scope="col">Account</th><th scope="col" class="amount">Balance</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>You have no open accounts.</p>`
}`,
    { nav: nav(true), wide: true },
  );
}

export interface TransactionLine {
  when: string;
  description: string;
  amount: string;
  credit: boolean;
  pending: boolean;
}

export function accountPage(
  bankName: string,
  args: { name: string; maskedNumber: string; balance: string; transactions: TransactionLine[] },
): string {
  const rows = args.transactions.map(
    (t) =>
      html`<tr><td>${t.when}</td><td>${t.description}${t.pending ? html` <span class="status">Pending</span>` : html``}</td><td class="amount ${t.credit ? 'credit' : ''}">${t.amount}</td></tr>`,
  );
  return page(
    bankName,
    args.name,
    html`<p><span class="muted">${args.maskedNumber}</span> · Balance <strong>${args.balance}</strong></p>
${
  args.transactions.length
    ? html`<table><caption class="muted">Latest transactions</caption><thead><tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col" class="amount">Amount</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>No transactions yet.</p>`
}
<p><a href="/">Back to your accounts</a></p>`,
    { nav: nav(true), wide: true },
  );
}

export interface WalletLinkLine {
  id: string;
  accounts: string;
  since: string;
  revoked?: string | undefined;
}

export interface GrantLine {
  id: string;
  app: string;
  accounts: string;
  sees: string;
  lastUsed: string;
  until: string;
  revoked?: string | undefined;
  /** Ended elsewhere or expired, in words. */
  ended?: string | undefined;
}

export function appsPage(
  bankName: string,
  args: { links: WalletLinkLine[]; grants: GrantLine[]; notice?: string },
): string {
  const links = args.links.map(
    (l) =>
      html`<li><strong>Token wallet</strong> ${l.revoked ? 'could pay' : 'can pay'} from ${l.accounts}.<br><span class="muted">Since ${l.since}.</span>
${
  l.revoked
    ? html`<br><span class="status">Access ended ${l.revoked}</span>`
    : html`<form method="post" action="/apps/links/${l.id}/revoke"><button type="submit" class="secondary">Stop wallet access</button></form>`
}</li>`,
  );
  const grants = args.grants.map(
    (g) =>
      html`<li><strong>${g.app}</strong> ${g.revoked || g.ended ? 'could see' : 'can see'} ${g.sees} of ${g.accounts}.<br><span class="muted">Last used ${g.lastUsed}; allowed until ${g.until}.</span>
${
  g.revoked
    ? html`<br><span class="status">Access ended ${g.revoked}</span>`
    : g.ended
      ? html`<br><span class="status">${g.ended}</span>`
      : html`<form method="post" action="/apps/grants/${g.id}/revoke"><button type="submit" class="secondary">Stop access</button></form>`
}</li>`,
  );
  return page(
    bankName,
    'Apps with access',
    html`<p>These apps can use your accounts at ${bankName}. Stopping access takes effect at once; the app is told.</p>
${notice(args.notice)}
<h2>Wallets that can make payments</h2>
${links.length ? html`<ul class="cards">${links}</ul>` : html`<p>No wallet is connected.</p>`}
<h2>Apps that can see your accounts</h2>
${grants.length ? html`<ul class="cards">${grants}</ul>` : html`<p>No app has read your accounts.</p>`}`,
    { nav: nav(true), wide: true },
  );
}
