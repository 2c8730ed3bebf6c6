import { Html, html, localTime, renderPage } from '@tokenos/web-kit';
import { displayMoney, groupDigits, type Line, maxQuantity, type Product } from './catalog.ts';
import { paymentFailureWords, refundFailureWords } from './failure-words.ts';
import type { Transfer } from './gateway.ts';
import { shippingFact } from './shipping.ts';
import type { Order, OrderStatus } from './store.ts';

export interface Layout {
  shopName: string;
  title: string;
  cartCount: number;
  /** Scripts of this page, in order (all external: the CSP allows no inline script). */
  scripts?: Html;
  current?: 'products' | 'cart' | 'orders' | 'subscription';
}

export function page(layout: Layout, body: Html): string {
  const nav = (href: string, label: string, key: Layout['current'], extra?: Html) =>
    html`<a href="${href}"${layout.current === key ? new Html(' aria-current="page"') : ''}>${label}${extra}</a>`;
  const count = html` <span class="count">${layout.cartCount}</span><span class="sr-only"> ${layout.cartCount === 1 ? 'item' : 'items'}</span>`;
  return renderPage(
    {
      siteName: layout.shopName,
      title: layout.title,
      stylesheet: 'shop.css',
      scripts: layout.scripts,
      header: html`<nav aria-label="Shop">
    ${nav('/', 'Coffee', 'products')}
    ${nav('/subscription', 'Subscribe', 'subscription')}
    ${nav('/orders', 'Orders', 'orders')}
    ${nav('/cart', 'Cart', 'cart', count)}
  </nav>`,
      footer: 'A demo shop for the Token wallet. Payments move demo money between demo banks.',
    },
    body,
  );
}

export function productsPage(products: readonly Product[], added: string | undefined): Html {
  return html`<h1>Coffee, roasted this week</h1>
<p class="lede">Pay with your bank through the Token wallet: no card number, no sign-up.</p>
${added ? html`<p class="notice" role="status">Added ${added} to your cart. <a href="/cart">Go to cart</a></p>` : ''}
<ul class="products">
${products.map(
  (p) => html`<li class="product">
  <div class="art art-${p.id}" aria-hidden="true"></div>
  <h2>${p.name}</h2>
  <p>${p.description}</p>
  <p class="price">${displayMoney({ value: p.price, currency: 'EUR' })}</p>
  <form method="post" action="/cart/items">
    <input type="hidden" name="product" value="${p.id}">
    <button type="submit" class="button" aria-label="Add to cart: ${p.name}">Add to cart</button>
  </form>
</li>`,
)}
</ul>`;
}

function linesTable(lines: readonly Line[], total: string, editable: boolean): Html {
  return html`<table class="lines">
<caption class="sr-only">Items</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Price</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Total</th></tr></thead>
<tbody>
${lines.map(
  (l) => html`<tr>
  <th scope="row">${l.name}</th>
  <td class="num">€${groupDigits(l.unitPrice)}</td>
  <td class="num">${
    editable
      ? html`<form method="post" action="/cart/items/${l.productId}" class="qty">
      <label class="sr-only" for="qty-${l.productId}">Quantity of ${l.name}</label>
      <input id="qty-${l.productId}" name="quantity" type="number" inputmode="numeric" min="0" max="${maxQuantity}" value="${l.quantity}">
      <button type="submit" class="button small secondary" aria-label="Update ${l.name}">Update</button>
    </form>`
      : l.quantity
  }</td>
  <td class="num">€${groupDigits(l.total)}</td>
</tr>`,
)}
</tbody>
<tfoot><tr><th scope="row" colspan="3">Total</th><td class="num total" data-testid="cart-total">€${groupDigits(total)}</td></tr></tfoot>
</table>`;
}

export function cartPage(args: {
  lines: readonly Line[];
  total: string;
  payable: boolean;
  unavailable?: string;
}): Html {
  if (args.lines.length === 0)
    return html`<h1>Your cart</h1>
<p class="lede">Your cart is empty.</p>
<p><a class="button" href="/">Choose some coffee</a></p>`;
  return html`<h1>Your cart</h1>
${linesTable(args.lines, args.total, true)}
<section class="pay" aria-labelledby="pay-heading">
  <h2 id="pay-heading">Pay <span data-testid="pay-amount">€${groupDigits(args.total)}</span></h2>
  ${
    args.payable
      ? html`<p>You approve the payment in your Token wallet. We never see your bank details.</p>
  <div id="token-pay" class="token-pay"></div>
  <p id="pay-message" class="pay-message" role="alert"></p>`
      : html`<p class="notice warn" role="status">${args.unavailable ?? 'Payments are not available right now.'}</p>`
  }
</section>`;
}

const statusText: Record<OrderStatus, { label: string; tone: 'ok' | 'wait' | 'bad' }> = {
  'awaiting-payment': { label: 'Not paid', tone: 'wait' },
  cancelled: { label: 'Cancelled', tone: 'bad' },
  processing: { label: 'Payment processing', tone: 'wait' },
  paid: { label: 'Paid', tone: 'ok' },
  failed: { label: 'Payment failed', tone: 'bad' },
  refunding: { label: 'Refund processing', tone: 'wait' },
  refunded: { label: 'Refunded', tone: 'ok' },
  'refund-failed': { label: 'Refund failed', tone: 'bad' },
};

/** ISO 20022 payment status codes in plain words; the code itself is under "Advanced details". */
const transferWords: Record<Transfer['status'], string> = {
  RCVD: 'Sent to the bank',
  ACTC: 'Being paid',
  ACSC: 'Paid',
  RJCT: 'Refused by the bank',
};

const refundTransferWords: Record<Transfer['status'], string> = {
  RCVD: 'Sent to the bank',
  ACTC: 'On its way',
  ACSC: 'Refunded',
  RJCT: 'Refused by the bank',
};

function transferFact(
  label: string,
  testId: string,
  t: Transfer,
  words: Record<Transfer['status'], string>,
): Html {
  return html`<div><dt>${label}</dt><dd>${words[t.status]}<details class="advanced"><summary>Advanced details</summary>
  <p>Payment status (ISO 20022): <span class="mono" data-testid="${testId}">${t.status}</span>${t.bankReference ? html`<br>Bank reference: <span class="mono">${t.bankReference}</span>` : ''}</p>
</details></dd></div>`;
}

export function orderNumber(order: Order): string {
  return order.id.slice(0, 8).toUpperCase();
}

export function orderPage(order: Order, notice: string | undefined): Html {
  const s = statusText[order.status];
  const amount = displayMoney(order.total);
  const explain: Record<OrderStatus, string> = {
    'awaiting-payment': 'This order has not been paid.',
    cancelled: 'This order was not paid.',
    processing: `Your bank accepted the payment of ${amount} and is settling it.`,
    paid: `We received your payment of ${amount}. Thank you!`,
    failed: `${paymentFailureWords(order.failureCode)} Nothing was charged.`,
    refunding: `We are sending ${amount} back to the account you paid from.`,
    refunded: `We sent ${amount} back to the account you paid from.`,
    'refund-failed': `${refundFailureWords(order.refund?.failureCode)} You can try again.`,
  };
  return html`<h1>Order ${orderNumber(order)}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p class="status status-${s.tone}" data-testid="order-status">${s.label}</p>
<p class="lede">${explain[order.status]}</p>
<dl class="facts">
  <div><dt>Amount</dt><dd data-testid="order-amount">${amount}</dd></div>
  <div><dt>Placed</dt><dd>${localTime(order.createdAt)}</dd></div>
  ${order.transfer ? transferFact('Payment', 'transfer-status', order.transfer, transferWords) : ''}
  ${order.refund?.transfer ? transferFact('Refund', 'refund-status', order.refund.transfer, refundTransferWords) : ''}
  ${shippingFact(order.shipping)}
</dl>
${linesTable(order.lines, order.total.value, false)}
${
  order.status === 'processing' || order.status === 'refunding'
    ? html`<form method="post" action="/orders/${order.id}/refresh"><button class="button secondary" type="submit">Check again</button></form>`
    : ''
}
${
  order.status === 'paid' || order.status === 'refund-failed'
    ? html`<section class="refund" aria-labelledby="refund-heading">
  <h2 id="refund-heading">Changed your mind?</h2>
  <p>We send the full ${amount} back to the bank account you paid from.</p>
  <p><a class="button secondary" href="/orders/${order.id}/refund">Refund this order…</a></p>
</section>`
    : ''
}
<p><a href="/">Continue shopping</a></p>`;
}

/** "Refund this order?": a refund sends money back and cannot be taken back, so it is asked first. */
export function refundConfirmPage(order: Order): Html {
  const amount = displayMoney(order.total);
  return html`<h1>Refund order ${orderNumber(order)}?</h1>
<p class="lede">We send ${amount} back to the bank account you paid from. This cannot be undone.</p>
<form method="post" action="/orders/${order.id}/refund" class="actions">
  <button class="button" type="submit">Yes, refund ${amount}</button>
  <a class="button secondary" href="/orders/${order.id}">No, keep the order</a>
</form>`;
}

export function ordersPage(orders: readonly Order[]): Html {
  if (orders.length === 0)
    return html`<h1>Your orders</h1><p class="lede">No orders yet.</p><p><a class="button" href="/">Choose some coffee</a></p>`;
  return html`<h1>Your orders</h1>
<ul class="orders">
${orders.map(
  (o) =>
    html`<li><a href="/orders/${o.id}">Order ${orderNumber(o)}</a> · ${displayMoney(o.total)} · <span class="status-inline">${statusText[o.status].label}</span></li>`,
)}
</ul>`;
}

export function errorPage(title: string, detail: string): Html {
  return html`<h1>${title}</h1><p class="lede">${detail}</p><p><a href="/">Back to the shop</a></p>`;
}
