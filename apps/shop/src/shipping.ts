import type { GrantedAddress } from '@tokenos/protocol';
import { type Html, html } from '@tokenos/web-kit';

/**
 * Shipping through the wallet (issue 9): the payment request asks for an address; the shopper picks
 * one in the wallet and one approval pays and grants the shop an access token for that address;
 * after redeeming, the shop reads it with that token. `optional`: a shopper may pay without sharing.
 */
export type ShippingAsk = 'required' | 'optional';

/** What an order keeps: the grant (null when the shopper shared none), the address read with it. */
export interface OrderShipping {
  accessTokenId: string | null;
  address?: GrantedAddress;
  failure?: string;
}

/** SHOP_SHIPPING: required, optional (the default) or off. */
export function shippingAskFromEnv(value: string | undefined): ShippingAsk | undefined {
  const v = value ?? 'optional';
  if (v === 'off') return undefined;
  if (v === 'required' || v === 'optional') return v;
  throw new RangeError(`SHOP_SHIPPING: expected required, optional or off, got ${JSON.stringify(value)}`);
}

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });

/** "United Kingdom" for GB: the country as words on the order, the code where none is known. */
function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function shippingFact(shipping: OrderShipping | undefined): Html | '' {
  if (!shipping) return '';
  if (shipping.accessTokenId === null)
    return html`<div><dt>Ship to</dt><dd data-testid="order-shipping">No address shared: we will ask you how to deliver.</dd></div>`;
  if (!shipping.address)
    return html`<div><dt>Ship to</dt><dd data-testid="order-shipping">Shared, but not readable now${shipping.failure ? ` (${shipping.failure})` : ''}.</dd></div>`;
  const a = shipping.address;
  return html`<div><dt>Ship to</dt><dd data-testid="order-shipping"><address>${a.recipient}<br>${a.lines.map((l) => html`${l}<br>`)}${a.postalCode} ${a.city}${a.region ? html`, ${a.region}` : ''}<br>${countryName(a.country)}</address></dd></div>`;
}
