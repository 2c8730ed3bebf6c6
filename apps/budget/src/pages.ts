import { type Html, html, localTime, renderPage } from '@tokenos/web-kit';
import type { Dashboard, Row } from './dashboard.ts';

export interface Layout {
  appName: string;
  title: string;
  scripts?: Html;
}

export function page(layout: Layout, body: Html): string {
  return renderPage(
    {
      siteName: layout.appName,
      title: layout.title,
      stylesheet: 'budget.css',
      scripts: layout.scripts,
      header: html`<span class="tagline">Budgeting, read-only</span>`,
      footer: `${layout.appName} is a demo account-information app. It can read, never move, money.`,
    },
    body,
  );
}

function connectBox(appName: string, days: number, label: string): Html {
  return html`<section class="connect" aria-labelledby="connect-heading">
  <h2 id="connect-heading">${label}</h2>
  <p>${appName} asks your Token wallet for read-only access for ${days} days to:</p>
  <ul class="scopes">
    <li>the accounts you choose, by name and the last four digits</li>
    <li>their balances</li>
    <li>their transactions</li>
  </ul>
  <p class="muted">${appName} can never move money. You can turn the access off at any time in your wallet.</p>
  <div id="token-connect" class="token-connect"></div>
  <p id="connect-message" class="connect-message" role="alert"></p>
</section>`;
}

export function welcomePage(appName: string, days: number): Html {
  return html`<h1>See all your money in one place</h1>
<p class="lede">Connect your bank through your Token wallet, and ${appName} sorts your balances and spending for you.</p>
${connectBox(appName, days, 'Connect your bank')}`;
}

export function endedPage(appName: string, days: number, reason: 'revoked' | 'expired'): Html {
  return html`<h1>${reason === 'revoked' ? 'Your bank connection was turned off' : 'Your bank connection has expired'}</h1>
<p class="lede" data-testid="grant-ended">${
    reason === 'revoked'
      ? `You revoked ${appName}’s access in your Token wallet, so ${appName} can no longer see your accounts. Nothing else changed.`
      : `${appName} could read your accounts for ${days} days; that time is over.`
  } To keep using ${appName}, connect again.</p>
${connectBox(appName, days, 'Reconnect your bank')}`;
}

export function unavailablePage(detail: string): Html {
  return html`<h1>Your bank cannot be reached right now</h1>
<p class="lede">${detail}</p>
<p><a class="button" href="/">Try again</a></p>`;
}

/** "-1234.50" EUR as "−€1,234.50": grouping on the string, never through a float. */
export function money(value: string, currency: string): string {
  const sign = value.startsWith('-') ? '−' : '';
  const [whole = '', fraction] = value.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const digits = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return `${sign}${currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `}${digits}`;
}

function row(r: Row): Html {
  const credit = r.creditDebitIndicator === 'CRDT';
  return html`<tr>
  <td class="date">${localTime(r.bookedAt, 'date')}</td>
  <th scope="row">${r.description || '—'}${r.status === 'PDNG' ? html` <span class="pending">pending</span>` : ''}</th>
  <td class="account">${r.accountName}</td>
  <td class="num ${credit ? 'in' : 'out'}">${credit ? '+' : '−'}${money(r.amount.value, r.amount.currency)}</td>
</tr>`;
}

export function dashboardPage(appName: string, d: Dashboard, connectedAt: number): Html {
  return html`<h1>${d.name ? `${d.name}, your money` : 'Your money'}</h1>
<p class="lede">Read through your Token wallet, just now. Connected since ${localTime(connectedAt)}.</p>
<ul class="totals" aria-label="Totals">
${d.totals.map(
  (t) =>
    html`<li><span class="label">Balance (${t.currency})</span><span class="big">${money(t.balance, t.currency)}</span><span class="flow">In (30 days) ${money(t.moneyIn, t.currency)} · Out ${money(t.moneyOut, t.currency)}</span></li>`,
)}
</ul>
<h2>Accounts</h2>
<ul class="accounts" data-testid="accounts">
${d.accounts.map(
  (a) => html`<li class="account-card">
  <span class="name">${a.name}</span>
  <span class="mono">${a.maskedNumber}</span>
  ${a.balance ? html`<span class="balance" data-testid="balance">${money(a.balance.booked.value, a.balance.booked.currency)}</span>${a.balance.available.value !== a.balance.booked.value ? html`<span class="muted">available ${money(a.balance.available.value, a.balance.available.currency)}</span>` : ''}` : ''}
  ${a.note ? html`<span class="muted">${a.note}</span>` : ''}
</li>`,
)}
</ul>
<h2 id="tx-heading">Transactions</h2>
${
  d.rows.length === 0
    ? html`<p class="muted">No transactions yet.</p>`
    : html`<table class="transactions" aria-labelledby="tx-heading" data-testid="transactions">
<thead><tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Account</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>
${d.rows.slice(0, 100).map(row)}
</tbody>
</table>`
}
<section class="disconnect" aria-labelledby="disconnect-heading">
  <h2 id="disconnect-heading">Stop sharing</h2>
  <p class="muted">${appName} forgets this connection and tells your wallet the access has ended.</p>
  <form method="post" action="/disconnect"><button class="button secondary" type="submit">Disconnect</button></form>
</section>`;
}
