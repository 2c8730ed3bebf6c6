import { createTranslator, type Locale, type MessageKey, type Translator } from '@tokenos/i18n';
import { type Html, html, localTime } from '@tokenos/web-kit';
import type { AccountView, Dashboard, Row } from './dashboard.ts';
import { dashboardPageMessages } from './dashboard-page.messages.ts';
import { formatMoney, intlLocale } from './format.ts';
import { htmlMessage } from './html-message.ts';

type T = Translator<MessageKey<typeof dashboardPageMessages>>;

/** The newest transactions shown; the page says how many there are in all. */
const shownRows = 100;

export function dashboardTitle(locale: Locale): string {
  return createTranslator(dashboardPageMessages, locale)('title');
}

function row(r: Row, t: T): Html {
  const credit = r.creditDebitIndicator === 'CRDT';
  const signed = { value: credit ? r.amount.value : `-${r.amount.value}`, currency: r.amount.currency };
  return html`<tr>
  <td class="date">${localTime(r.bookedAt, 'date', intlLocale(t.locale))}</td>
  <th scope="row">${r.description || '—'}${r.status === 'PDNG' ? html` <span class="pending">${t('pending')}</span>` : ''}</th>
  <td class="account">${r.accountName}</td>
  <td class="num ${credit ? 'in' : 'out'}">${formatMoney(signed, t.locale, { signed: true })}</td>
</tr>`;
}

function notShared(a: AccountView, t: T): string | undefined {
  switch (a.notShared) {
    case 'balance':
      return t('balanceNotShared');
    case 'transactions':
      return t('transactionsNotShared');
    case 'both':
      return t('nothingShared');
    default:
      return undefined;
  }
}

function account(a: AccountView, t: T): Html {
  const note = notShared(a, t);
  const { booked, available } = a.balance ?? {};
  return html`<li class="account-card">
  <span class="name">${a.name}</span>
  <span class="mono">${a.maskedNumber}</span>
  ${booked ? html`<span class="balance" data-testid="balance">${formatMoney(booked, t.locale)}</span>` : ''}
  ${booked && available && available.value !== booked.value ? html`<span class="muted">${t('available', { amount: formatMoney(available, t.locale) })}</span>` : ''}
  ${note ? html`<span class="muted">${note}</span>` : ''}
</li>`;
}

function transactions(rows: readonly Row[], t: T): Html {
  if (rows.length === 0) return html`<p class="muted">${t('noTransactions')}</p>`;
  return html`<p class="muted">${
    rows.length > shownRows
      ? t('transactionsCapped', { shown: shownRows, count: rows.length })
      : t('transactionCount', { count: rows.length })
  }</p>
<table class="transactions" aria-labelledby="tx-heading" data-testid="transactions">
<thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('description')}</th><th scope="col">${t('account')}</th><th scope="col" class="num">${t('amount')}</th></tr></thead>
<tbody>
${rows.slice(0, shownRows).map((r) => row(r, t))}
</tbody>
</table>`;
}

export function dashboardPage(appName: string, d: Dashboard, connectedAt: number, locale: Locale): Html {
  const t = createTranslator(dashboardPageMessages, locale);
  const money = (value: string, currency: string) => formatMoney({ value, currency }, locale);
  return html`<h1>${d.name ? t('headingNamed', { name: d.name }) : t('heading')}</h1>
<p class="lede">${htmlMessage(t, 'lede', { since: localTime(connectedAt, 'datetime', intlLocale(locale)) })}</p>
<ul class="totals" aria-label="${t('totals')}">
${d.totals.map(
  (total) =>
    html`<li><span class="label">${t('balance')}</span><span class="big">${money(total.balance, total.currency)}</span><span class="flow">${t(
      'flow',
      { moneyIn: money(total.moneyIn, total.currency), moneyOut: money(total.moneyOut, total.currency) },
    )}</span></li>`,
)}
</ul>
<h2>${t('accounts')}</h2>
<p class="muted">${t('accountCount', { count: d.accounts.length, app: appName })}</p>
<ul class="accounts" data-testid="accounts">
${d.accounts.map((a) => account(a, t))}
</ul>
<h2 id="tx-heading">${t('transactions')}</h2>
${transactions(d.rows, t)}
<section class="disconnect" aria-labelledby="disconnect-heading">
  <h2 id="disconnect-heading">${t('stopSharing')}</h2>
  <p class="muted">${t('forgets', { app: appName })}</p>
  <form method="post" action="/disconnect"><button class="button secondary" type="submit">${t('disconnect')}</button></form>
</section>`;
}
