import { type CurrencyCode, formatAmount, type Money, parseAmount } from '@tokenos/protocol';

export interface Product {
  id: string;
  name: string;
  description: string;
  /** Decimal string in the shop's currency; the only price there is: the browser never sends one. */
  price: string;
}

export const currency: CurrencyCode = 'EUR';

/** The shop's catalogue. Under EUR 30 a payment can go without a passkey (RTS Art. 16); the grinder cannot. */
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

/** "1234.50" as "1,234.50": grouping on the string, never through a float. */
export function groupDigits(value: string): string {
  const [whole = '', fraction] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** "€1,224.50" for display only (the wire keeps the decimal string). */
export function displayMoney(m: Money): string {
  return `${m.currency === 'EUR' ? '€' : `${m.currency} `}${groupDigits(m.value)}`;
}
