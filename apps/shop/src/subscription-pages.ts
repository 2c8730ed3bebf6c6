import { createTranslator, type Locale, type MessageKey, type Translator } from '@tokenos/i18n';
import type { MemberTokenView } from '@tokenos/sdk';
import { type Html, html, localTime } from '@tokenos/web-kit';
import { displayMoney, products } from './catalog.ts';
import { scriptWords, timeLocale } from './pages.ts';
import type { SavedCharge, SavedPayment } from './saved-payments.ts';
import { subscriptionMessages } from './subscription-pages.messages.ts';
import { sellerOffer, subscriptionPlan } from './subscriptions.ts';

type Key = MessageKey<typeof subscriptionMessages>;

const chargeWords: Record<SavedCharge['status'], Key> = {
  paid: 'chargePaid',
  processing: 'chargeProcessing',
  refused: 'chargeRefused',
  failed: 'chargeFailed',
  unknown: 'chargeUnknown',
};

function usage(
  t: Translator<Key>,
  eur: (v: string) => string,
  label: string,
  testId: string,
  v: MemberTokenView,
): Html {
  const l = v.limitations;
  const words = t('usage', {
    status: v.status === 'active' ? t('active') : v.status,
    count: v.usage.count,
    max: l.maxUses ?? '∞',
    spent: eur(v.usage.total.value),
    limit: l.creditLimit ? eur(l.creditLimit) : t('noLimit'),
  });
  return html`<div><dt>${label}</dt><dd data-testid="${testId}">${words}</dd></div>`;
}

function chargeRow(t: Translator<Key>, eur: (v: string) => string, c: SavedCharge): Html {
  return html`<tr data-testid="charge-${c.refId}">
  <th scope="row">${c.item}</th>
  <td>${c.by === 'seller' ? t('bySeller') : t('byShop')}</td>
  <td class="num">${eur(c.amount.value)}</td>
  <td><span class="status status-${c.status === 'paid' ? 'ok' : c.status === 'processing' ? 'wait' : 'bad'}">${t(chargeWords[c.status])}</span>${c.reason ? html`<br><span class="muted">${c.reason}</span>` : ''}</td>
</tr>`;
}

/** The page's title in its language. */
export function subscriptionTitle(locale: Locale): string {
  return createTranslator(subscriptionMessages, locale)('title');
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
  locale: Locale;
}): Html {
  const { saved, views, locale } = args;
  const t = createTranslator(subscriptionMessages, locale);
  const eur = (value: string) => displayMoney({ value, currency: 'EUR' }, locale);
  const active = saved?.status === 'active';
  const latest = args.latest;
  const notice = latest
    ? html`<p class="notice${latest.status === 'paid' ? '' : ' warn'}" role="status" data-testid="charge-notice">${
        latest.status === 'paid'
          ? t('charged', { amount: eur(latest.amount.value), item: latest.item })
          : latest.status === 'unknown'
            ? t('chargeProblem', { item: latest.item, reason: latest.reason ?? t('chargeUnknown') })
            : t('chargeNothing', {
                item: latest.item,
                reason: latest.reason ?? t(chargeWords[latest.status]),
              })
      }</p>`
    : '';
  const plan = html`<dl class="facts">
  <div><dt>${t('eachDelivery')}</dt><dd>${t('atMost', { amount: eur(subscriptionPlan.perCharge) })}</dd></div>
  <div><dt>${t('inTotal')}</dt><dd>${t('atMostCharges', { amount: eur(subscriptionPlan.total), charges: subscriptionPlan.charges })}</dd></div>
  <div><dt>${t('until')}</dt><dd>${localTime(args.expiresAt, 'date', timeLocale(locale))}</dd></div>
</dl>`;
  if (!active)
    return html`<h1>${t('subscribeHeading')}</h1>
<p class="lede">${t('subscribeLede')}</p>
${saved?.status === 'declined' ? html`<p class="notice warn" role="status">${t('declined')}</p>` : ''}
${plan}
<section class="pay" aria-labelledby="subscribe-heading">
  <h2 id="subscribe-heading">${t('saveHeading')}</h2>
  ${
    args.payable
      ? html`<div id="token-subscribe" class="token-pay"></div>
  <p id="pay-message" class="pay-message" role="alert"${scriptWords(locale)}></p>`
      : html`<p class="notice warn" role="status">${args.unavailable ?? t('savedUnavailable')}</p>`
  }
</section>`;
  const order = (p: { id: string; name: string; price: string }) => html`<li>
  <form method="post" action="/subscription/charge">
    <input type="hidden" name="product" value="${p.id}">
    <button type="submit" class="button secondary" aria-label="${t('deliverLabel', { product: p.name })}">${t('productPrice', { product: p.name, price: eur(p.price) })}</button>
  </form>
</li>`;
  return html`<h1>${t('yourSubscription')}</h1>
${notice}
<p class="lede">${t('savedLede')}</p>
<dl class="facts">
  ${views.root ? usage(t, eur, t('limitsUsed'), 'token-usage', views.root) : html`<div><dt>${t('limits')}</dt><dd>${t('limitsUnreadable')}</dd></div>`}
  ${views.seller ? usage(t, eur, t('sellerShare'), 'seller-usage', views.seller) : ''}
</dl>
<details class="advanced"><summary>${t('advanced')}</summary>
  <p>${t('memberTokenId')} <span class="mono">${saved?.memberTokenId ?? ''}</span></p>
</details>
<section aria-labelledby="deliver-heading">
  <h2 id="deliver-heading">${t('deliverHeading')}</h2>
  <ul class="plain actions-list">
  ${products.map(order)}
  </ul>
</section>
<section aria-labelledby="market-heading">
  <h2 id="market-heading">${t('marketHeading')}</h2>
  <p>${t('marketOffer', { offer: sellerOffer.name, price: eur(sellerOffer.price), perCharge: eur(sellerOffer.perCharge), total: eur(sellerOffer.total) })}</p>
  ${
    args.sellerReady
      ? html`<form method="post" action="/subscription/seller-charge"><button type="submit" class="button secondary">${t('orderSample', { price: eur(sellerOffer.price) })}</button></form>`
      : html`<p class="notice warn" role="status">${t('marketOpening')}</p>`
  }
</section>
${
  saved && saved.charges.length > 0
    ? html`<table class="lines">
<caption>${t('charges')}</caption>
<thead><tr><th scope="col">${t('colItem')}</th><th scope="col">${t('colBy')}</th><th scope="col" class="num">${t('colAmount')}</th><th scope="col">${t('colStatus')}</th></tr></thead>
<tbody>${[...saved.charges].reverse().map((c) => chargeRow(t, eur, c))}</tbody>
</table>`
    : ''
}`;
}
