import { createTranslator, type Locale } from '@tokenos/i18n';
import { type CurrencyCode, formatAmount, type Money, parseAmount } from '@tokenos/protocol';
import { productMessages } from './catalog.messages.ts';

export interface Product {
  id: ProductId;
  /** A brand-like name, the same in every language. */
  name: string;
  /** The English description; `describeProduct` gives it in the page's language. */
  description: string;
  /** Decimal string in the shop's currency; the only price there is: the browser never sends one. */
  price: string;
}

export const currency: CurrencyCode = 'EUR';

/** The shop's catalogue. Under EUR 30 a payment can go without a passkey (RTS Art. 16); the grinder cannot. */
type ProductId = 'espresso' | 'filter' | 'cups' | 'grinder';

export const products: readonly Product[] = [
  {
    id: 'espresso',
    name: 'House espresso beans',
    description: 'Dark roast, 250 g. Chocolate and hazelnut.',
    price: '12.50',
  },
  {
    id: 'filter',
    name: 'Yirgacheffe filter beans',
    description: 'Light roast, 250 g. Jasmine and lemon.',
    price: '14.00',
  },
  { id: 'cups', name: 'Stoneware cups', description: 'A set of two, 180 ml, made in Stoke.', price: '24.00' },
  { id: 'grinder', name: 'Burr grinder', description: 'Conical steel burrs, 40 settings.', price: '224.00' },
];

/** The product's description in the page's language. */
export function describeProduct(p: Product, locale: Locale): string {
  return createTranslator(productMessages, locale)(p.id);
}

export function findProduct(id: string): Product | undefined {
  return products.find((p) => p.id === id);
}

export interface Line {
  productId: string;
  name: string;
  unitPrice: string;
  quantity: number;
  total: string;
}

export const maxQuantity = 20;

/** Cart lines and their total, in minor units inside (never floats), decimal strings outside. */
export function priceCart(cart: ReadonlyMap<string, number>): { lines: Line[]; total: Money } {
  let sum = 0n;
  const lines: Line[] = [];
  for (const [productId, quantity] of cart) {
    const product = findProduct(productId);
    if (!product || quantity < 1) continue;
    const lineMinor = parseAmount(product.price, currency) * BigInt(quantity);
    sum += lineMinor;
    lines.push({
      productId,
      name: product.name,
      unitPrice: product.price,
      quantity,
      total: formatAmount(lineMinor, currency),
    });
  }
  return { lines, total: { value: formatAmount(sum, currency), currency } };
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * "€1,224.50" in English, "1.224,50 €" in German: for display only (the wire keeps the decimal
 * string). Intl formats the decimal string itself, never a float made from it.
 */
export function displayMoney(m: Money, locale: Locale): string {
  const id = `${locale} ${m.currency}`;
  let format = moneyFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency });
    moneyFormats.set(id, format);
  }
  return format.format(m.value as `${number}`);
}
