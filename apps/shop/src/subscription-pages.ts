import type { MemberTokenView } from '@tokenos/sdk';
import { type Html, html, localTime } from '@tokenos/web-kit';
import { displayMoney, products } from './catalog.ts';
import type { SavedCharge, SavedPayment } from './saved-payments.ts';
import { sellerOffer, subscriptionPlan } from './subscriptions.ts';

const eur = (value: string) => displayMoney({ value, currency: 'EUR' });
const day = (at: number) => localTime(at, 'date');

const chargeWords: Record<SavedCharge['status'], string> = {
  paid: 'Paid',
  processing: 'Processing',
  refused: 'Refused',
  failed: 'Failed',
  unknown: 'Not confirmed',
};

function usage(label: string, testId: string, v: MemberTokenView): Html {
  const l = v.limitations;
  return html`<div><dt>${label}</dt><dd data-testid="${testId}">${v.status === 'active' ? 'Active' : v.status}: ${v.usage.count} of ${l.maxUses ?? '∞'} charges, ${eur(v.usage.total.value)} of ${l.creditLimit ? eur(l.creditLimit) : 'no limit'}</dd></div>`;
}

function chargeRow(c: SavedCharge): Html {
  return html`<tr data-testid="charge-${c.refId}">
  <th scope="row">${c.item}</th>
  <td>${c.by === 'seller' ? 'Marketplace seller' : 'This shop'}</td>
  <td class="num">${eur(c.amount.value)}</td>
  <td><span class="status status-${c.status === 'paid' ? 'ok' : c.status === 'processing' ? 'wait' : 'bad'}">${chargeWords[c.status]}</span>${c.reason ? html`<br><span class="muted">${c.reason}</span>` : ''}</td>
</tr>`;
}

/** The plan (before), or the saved payment with its usage, its charges and what can be ordered with it. */
export function subscriptionPage(args: {
  saved: SavedPayment | undefined;
  views: { root?: MemberTokenView; seller?: MemberTokenView };
  payable: boolean;
  unavailable?: string;
  latest?: SavedCharge;
  sellerReady: boolean;
  expiresAt: number;
}): Html {
  const { saved, views } = args;
  const active = saved?.status === 'active';
  const latest = args.latest;
  const notice = latest
    ? html`<p class="notice${latest.status === 'paid' ? '' : ' warn'}" role="status" data-testid="charge-notice">${
        latest.status === 'paid'
          ? `Charged ${eur(latest.amount.value)} for ${latest.item}.`
          : latest.status === 'unknown'
            ? `${latest.item}: ${latest.reason}`
            : `${latest.item}: ${latest.reason ?? chargeWords[latest.status]} Nothing was charged.`
      }</p>`
    : '';
  const plan = html`<dl class="facts">
  <div><dt>Each delivery</dt><dd>At most ${eur(subscriptionPlan.perCharge)}</dd></div>
  <div><dt>In total</dt><dd>At most ${eur(subscriptionPlan.total)}, ${subscriptionPlan.charges} charges</dd></div>
  <div><dt>Until</dt><dd>${day(args.expiresAt)}</dd></div>
</dl>`;
  if (!active)
    return html`<h1>Subscribe</h1>
<p class="lede">One bag of coffee a month. Approve once in your Token wallet; we charge each delivery, only within the limits below, and you can cancel in your wallet at any time.</p>
${saved?.status === 'declined' ? html`<p class="notice warn" role="status">You declined in your wallet. Nothing was saved.</p>` : ''}
${plan}
<section class="pay" aria-labelledby="subscribe-heading">
  <h2 id="subscribe-heading">Save your payment for the subscription</h2>
  ${
    args.payable
      ? html`<div id="token-subscribe" class="token-pay"></div>
  <p id="pay-message" class="pay-message" role="alert"></p>`
      : html`<p class="notice warn" role="status">${args.unavailable ?? 'Saved payments are not available right now.'}</p>`
  }
</section>`;
  const order = (p: { id: string; name: string; price: string }) => html`<li>
  <form method="post" action="/subscription/charge">
    <input type="hidden" name="product" value="${p.id}">
    <button type="submit" class="button secondary" aria-label="Deliver with saved payment: ${p.name}">${p.name}, ${eur(p.price)}</button>
  </form>
</li>`;
  return html`<h1>Your subscription</h1>
${notice}
<p class="lede">Your payment is saved in your Token wallet. We charge it for each delivery, within the limits you approved.</p>
<dl class="facts">
  ${views.root ? usage('Your limits used', 'token-usage', views.root) : html`<div><dt>Your limits</dt><dd>Could not be read right now.</dd></div>`}
  ${views.seller ? usage('Marketplace seller’s share', 'seller-usage', views.seller) : ''}
</dl>
<details class="advanced"><summary>Advanced details</summary>
  <p>Member token id: <span class="mono">${saved?.memberTokenId ?? ''}</span></p>
</details>
<section aria-labelledby="deliver-heading">
  <h2 id="deliver-heading">Deliver now</h2>
  <ul class="plain actions-list">
  ${products.map(order)}
  </ul>
</section>
<section aria-labelledby="market-heading">
  <h2 id="market-heading">From our marketplace</h2>
  <p>${sellerOffer.name}, ${eur(sellerOffer.price)}. The roaster charges your saved payment itself, through a token limited to ${eur(sellerOffer.perCharge)} a charge and ${eur(sellerOffer.total)} in all, which counts against your limits too.</p>
  ${
    args.sellerReady
      ? html`<form method="post" action="/subscription/seller-charge"><button type="submit" class="button secondary">Order the sample, ${eur(sellerOffer.price)}</button></form>`
      : html`<p class="notice warn" role="status">The marketplace is still opening. Try again in a moment.</p>`
  }
</section>
${
  saved && saved.charges.length > 0
    ? html`<table class="lines">
<caption>Charges</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Charged by</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
<tbody>${[...saved.charges].reverse().map(chargeRow)}</tbody>
</table>`
    : ''
}`;
}
