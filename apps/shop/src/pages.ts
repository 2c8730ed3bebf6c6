import { createTranslator, type Locale, type MessageKey, type Translator } from '@tokenos/i18n';
import { Html, html, localTime, renderPage } from '@tokenos/web-kit';
import { describeProduct, displayMoney, type Line, maxQuantity, type Product } from './catalog.ts';
import { paymentFailureWords, refundFailureWords } from './failure-words.ts';
import type { Transfer } from './gateway.ts';
import { pagesMessages } from './pages.messages.ts';
import { scriptMessages } from './script-words.messages.ts';
import { shippingFact } from './shipping.ts';
import type { Order, OrderStatus } from './store.ts';

type PageKey = MessageKey<typeof pagesMessages>;

/** The words of the shop's pages in one language. */
/** The fallback a `<time>` shows before the browser puts its own words in (English as en-GB). */
export function timeLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale;
}

export function pageWords(locale: Locale): Translator<PageKey> {
  return createTranslator(pagesMessages, locale);
}

/** A rich message's parts as markup: text escaped, the tags' own markup kept. */
export function richHtml(parts: readonly (string | Html)[]): Html[] {
  return parts.map((p) => (typeof p === 'string' ? html`${p}` : p));
}

/**
 * What the page's browser script says (public/shop.js, subscribe.js), in the page's language: a
 * data attribute the script reads, since the CSP allows no inline script.
 */
export function scriptWords(locale: Locale): Html {
  const t = createTranslator(scriptMessages, locale);
  const keys = Object.keys(scriptMessages.en) as MessageKey<typeof scriptMessages>[];
  const words = Object.fromEntries(keys.map((k) => [k, t(k)]));
  return html` data-words="${JSON.stringify(words)}"`;
}

export interface Layout {
  shopName: string;
  title: string;
  cartCount: number;
  locale: Locale;
  /** Scripts of this page, in order (all external: the CSP allows no inline script). */
  scripts?: Html;
  current?: 'products' | 'cart' | 'orders' | 'subscription';
}

export function page(layout: Layout, body: Html): string {
  const t = pageWords(layout.locale);
  const nav = (href: string, label: string, key: Layout['current'], extra?: Html) =>
    html`<a href="${href}"${layout.current === key ? new Html(' aria-current="page"') : ''}>${label}${extra}</a>`;
  const count = html` <span class="count">${layout.cartCount}</span><span class="sr-only"> ${t('cartItems', { count: layout.cartCount })}</span>`;
  return renderPage(
    {
      siteName: layout.shopName,
      title: layout.title,
      locale: layout.locale,
      stylesheet: 'shop.css',
      scripts: layout.scripts,
      header: html`<nav aria-label="${t('navLabel')}">
    ${nav('/', t('navCoffee'), 'products')}
    ${nav('/subscription', t('navSubscribe'), 'subscription')}
    ${nav('/orders', t('navOrders'), 'orders')}
    ${nav('/cart', t('navCart'), 'cart', count)}
  </nav>`,
      footer: t('footer'),
    },
    body,
  );
}

export function productsPage(products: readonly Product[], added: string | undefined, locale: Locale): Html {
  const t = pageWords(locale);
  return html`<h1>${t('productsHeading')}</h1>
<p class="lede">${t('productsLede')}</p>
${added ? html`<p class="notice" role="status">${t('addedNotice', { product: added })} <a href="/cart">${t('goToCart')}</a></p>` : ''}
<ul class="products">
${products.map(
  (p) => html`<li class="product">
  <div class="art art-${p.id}" aria-hidden="true"></div>
  <h2>${p.name}</h2>
  <p>${describeProduct(p, locale)}</p>
  <p class="price">${displayMoney({ value: p.price, currency: 'EUR' }, locale)}</p>
  <form method="post" action="/cart/items">
    <input type="hidden" name="product" value="${p.id}">
    <button type="submit" class="button" aria-label="${t('addToCartLabel', { product: p.name })}">${t('addToCart')}</button>
  </form>
</li>`,
)}
</ul>`;
}

function linesTable(lines: readonly Line[], total: string, editable: boolean, locale: Locale): Html {
  const t = pageWords(locale);
  const eur = (value: string) => displayMoney({ value, currency: 'EUR' }, locale);
  return html`<table class="lines">
<caption class="sr-only">${t('itemsCaption')}</caption>
<thead><tr><th scope="col">${t('colItem')}</th><th scope="col" class="num">${t('colPrice')}</th><th scope="col" class="num">${t('colQuantity')}</th><th scope="col" class="num">${t('colTotal')}</th></tr></thead>
<tbody>
${lines.map(
  (l) => html`<tr>
  <th scope="row">${l.name}</th>
  <td class="num">${eur(l.unitPrice)}</td>
  <td class="num">${
    editable
      ? html`<form method="post" action="/cart/items/${l.productId}" class="qty">
      <label class="sr-only" for="qty-${l.productId}">${t('quantityOf', { product: l.name })}</label>
      <input id="qty-${l.productId}" name="quantity" type="number" inputmode="numeric" min="0" max="${maxQuantity}" value="${l.quantity}">
      <button type="submit" class="button small secondary" aria-label="${t('updateLabel', { product: l.name })}">${t('update')}</button>
    </form>`
      : l.quantity
  }</td>
  <td class="num">${eur(l.total)}</td>
</tr>`,
)}
</tbody>
<tfoot><tr><th scope="row" colspan="3">${t('colTotal')}</th><td class="num total" data-testid="cart-total">${eur(total)}</td></tr></tfoot>
</table>`;
}

export function cartPage(args: {
  lines: readonly Line[];
  total: string;
  payable: boolean;
  unavailable?: string;
  locale: Locale;
}): Html {
  const { locale } = args;
  const t = pageWords(locale);
  if (args.lines.length === 0)
    return html`<h1>${t('cartHeading')}</h1>
<p class="lede">${t('cartEmpty')}</p>
<p><a class="button" href="/">${t('chooseCoffee')}</a></p>`;
  const heading = t.rich<Html>('payHeading', {
    total: displayMoney({ value: args.total, currency: 'EUR' }, locale),
    amount: (chunks) => html`<span data-testid="pay-amount">${richHtml(chunks)}</span>`,
  });
  return html`<h1>${t('cartHeading')}</h1>
${linesTable(args.lines, args.total, true, locale)}
<section class="pay" aria-labelledby="pay-heading">
  <h2 id="pay-heading">${richHtml(heading)}</h2>
  ${
    args.payable
      ? html`<p>${t('payExplain')}</p>
  <div id="token-pay" class="token-pay"></div>
  <p id="pay-message" class="pay-message" role="alert"${scriptWords(locale)}></p>`
      : html`<p class="notice warn" role="status">${args.unavailable ?? t('paymentsUnavailable')}</p>`
  }
</section>`;
}

const statusText: Record<OrderStatus, { label: PageKey; tone: 'ok' | 'wait' | 'bad' }> = {
  'awaiting-payment': { label: 'statusAwaitingPayment', tone: 'wait' },
  cancelled: { label: 'statusCancelled', tone: 'bad' },
  processing: { label: 'statusProcessing', tone: 'wait' },
  paid: { label: 'statusPaid', tone: 'ok' },
  failed: { label: 'statusFailed', tone: 'bad' },
  refunding: { label: 'statusRefunding', tone: 'wait' },
  refunded: { label: 'statusRefunded', tone: 'ok' },
  'refund-failed': { label: 'statusRefundFailed', tone: 'bad' },
};

/** ISO 20022 payment status codes in plain words; the code itself is under "Advanced details". */
const transferWords: Record<Transfer['status'], PageKey> = {
  RCVD: 'transferSent',
  ACTC: 'transferBeingPaid',
  ACSC: 'transferPaid',
  RJCT: 'transferRefused',
};

const refundTransferWords: Record<Transfer['status'], PageKey> = {
  RCVD: 'transferSent',
  ACTC: 'refundOnItsWay',
  ACSC: 'refundDone',
  RJCT: 'transferRefused',
};

function transferFact(
  t: Translator<PageKey>,
  label: string,
  testId: string,
  transfer: Transfer,
  words: Record<Transfer['status'], PageKey>,
): Html {
  return html`<div><dt>${label}</dt><dd>${t(words[transfer.status])}<details class="advanced"><summary>${t('advanced')}</summary>
  <p>${t('transferCode')} <span class="mono" data-testid="${testId}">${transfer.status}</span>${transfer.bankReference ? html`<br>${t('bankReference')} <span class="mono">${transfer.bankReference}</span>` : ''}</p>
</details></dd></div>`;
}

export function orderNumber(order: Order): string {
  return order.id.slice(0, 8).toUpperCase();
}

export function orderPage(order: Order, notice: string | undefined, locale: Locale): Html {
  const t = pageWords(locale);
  const s = statusText[order.status];
  const amount = displayMoney(order.total, locale);
  const explain: Record<OrderStatus, () => string> = {
    'awaiting-payment': () => t('explainAwaiting'),
    cancelled: () => t('explainCancelled'),
    processing: () => t('explainProcessing', { amount }),
    paid: () => t('explainPaid', { amount }),
    failed: () => t('explainFailed', { reason: paymentFailureWords(order.failureCode, locale) }),
    refunding: () => t('explainRefunding', { amount }),
    refunded: () => t('explainRefunded', { amount }),
    'refund-failed': () =>
      t('explainRefundFailed', { reason: refundFailureWords(order.refund?.failureCode, locale) }),
  };
  return html`<h1>${t('orderHeading', { number: orderNumber(order) })}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p class="status status-${s.tone}" data-testid="order-status">${t(s.label)}</p>
<p class="lede">${explain[order.status]()}</p>
<dl class="facts">
  <div><dt>${t('factAmount')}</dt><dd data-testid="order-amount">${amount}</dd></div>
  <div><dt>${t('factPlaced')}</dt><dd>${localTime(order.createdAt, 'datetime', timeLocale(locale))}</dd></div>
  ${order.transfer ? transferFact(t, t('factPayment'), 'transfer-status', order.transfer, transferWords) : ''}
  ${order.refund?.transfer ? transferFact(t, t('factRefund'), 'refund-status', order.refund.transfer, refundTransferWords) : ''}
  ${shippingFact(order.shipping, locale)}
</dl>
${linesTable(order.lines, order.total.value, false, locale)}
${
  order.status === 'processing' || order.status === 'refunding'
    ? html`<form method="post" action="/orders/${order.id}/refresh"><button class="button secondary" type="submit">${t('checkAgain')}</button></form>`
    : ''
}
${
  order.status === 'paid' || order.status === 'refund-failed'
    ? html`<section class="refund" aria-labelledby="refund-heading">
  <h2 id="refund-heading">${t('refundHeading')}</h2>
  <p>${t('refundExplain', { amount })}</p>
  <p><a class="button secondary" href="/orders/${order.id}/refund">${t('refundLink')}</a></p>
</section>`
    : ''
}
<p><a href="/">${t('continueShopping')}</a></p>`;
}

/** "Refund this order?": a refund sends money back and cannot be taken back, so it is asked first. */
export function refundConfirmPage(order: Order, locale: Locale): Html {
  const t = pageWords(locale);
  const amount = displayMoney(order.total, locale);
  return html`<h1>${t('refundConfirmHeading', { number: orderNumber(order) })}</h1>
<p class="lede">${t('refundConfirmLede', { amount })}</p>
<form method="post" action="/orders/${order.id}/refund" class="actions">
  <button class="button" type="submit">${t('refundYes', { amount })}</button>
  <a class="button secondary" href="/orders/${order.id}">${t('refundNo')}</a>
</form>`;
}

export function ordersPage(orders: readonly Order[], locale: Locale): Html {
  const t = pageWords(locale);
  if (orders.length === 0)
    return html`<h1>${t('ordersHeading')}</h1><p class="lede">${t('ordersEmpty')}</p><p><a class="button" href="/">${t('chooseCoffee')}</a></p>`;
  return html`<h1>${t('ordersHeading')}</h1>
<ul class="orders">
${orders.map(
  (o) =>
    html`<li><a href="/orders/${o.id}">${t('orderHeading', { number: orderNumber(o) })}</a> · ${displayMoney(o.total, locale)} · <span class="status-inline">${t(statusText[o.status].label)}</span></li>`,
)}
</ul>`;
}

export function errorPage(title: string, detail: string, locale: Locale): Html {
  return html`<h1>${title}</h1><p class="lede">${detail}</p><p><a href="/">${pageWords(locale)('backToShop')}</a></p>`;
}
