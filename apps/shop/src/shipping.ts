import { createTranslator, type Locale } from '@tokenos/i18n';
import type { GrantedAddress } from '@tokenos/protocol';
import { type Html, html } from '@tokenos/web-kit';
import { shippingMessages } from './shipping.messages.ts';

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

const regionNames = new Map<Locale, Intl.DisplayNames>();

/** "United Kingdom" for GB, "Vereinigtes Königreich" in German: the code where none is known. */
function countryName(code: string, locale: Locale): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function shippingFact(shipping: OrderShipping | undefined, locale: Locale): Html | '' {
  if (!shipping) return '';
  const t = createTranslator(shippingMessages, locale);
  const fact = (value: Html | string) =>
    html`<div><dt>${t('shipTo')}</dt><dd data-testid="order-shipping">${value}</dd></div>`;
  if (shipping.accessTokenId === null) return fact(t('noAddress'));
  // Why it could not be read (shipping.failure) is for the logs, not for the shopper.
  if (!shipping.address) return fact(t('unreadable'));
  const a = shipping.address;
  return fact(
    html`<address>${a.recipient}<br>${a.lines.map((l) => html`${l}<br>`)}${a.postalCode} ${a.city}${a.region ? html`, ${a.region}` : ''}<br>${countryName(a.country, locale)}</address>`,
  );
}
