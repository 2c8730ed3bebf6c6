import { type ShippingAsk, shippingAskFromEnv } from './shipping.ts';

/** The demo shop's settings, from the environment (`npm start` and e2e set them). */
export interface ShopConfig {
  /** What shoppers see and what the shop tells the wallet, e.g. "Demo Shop". */
  name: string;
  /** The shop's own origin, e.g. http://localhost:5174: the DOMAIN alias, the only postMessage target. */
  publicUrl: string;
  /** The token cloud, e.g. http://localhost:4000 (the backend's API and the widget's script). */
  cloudUrl: string;
  /** The wallet's exact origin, e.g. http://localhost:5173 (the widget accepts results from it only). */
  walletOrigin: string;
  /** Keys (keys.json) and the merchant's state (merchant.json, orders.json). */
  dataDir: string;
  /**
   * The bank that keeps the shop's merchant account and the demo sign-in the shop links it with
   * (the bank's consent page, as its operator would in a browser). Unset: no account, no checkout.
   */
  bank?: { url: string; username: string; password: string; accountName: string };
  /** Ask for a shipping address with each payment (SHOP_SHIPPING, default optional); absent: off. */
  shipping?: ShippingAsk;
}

function origin(value: string, name: string): string {
  const trimmed = value.replace(/\/+$/, '');
  if (!URL.canParse(trimmed) || new URL(trimmed).origin !== trimmed)
    throw new RangeError(
      `${name}: expected an exact origin such as http://localhost:5174, got ${JSON.stringify(value)}`,
    );
  return trimmed;
}

export function shopConfigFromEnv(env: Record<string, string | undefined>): ShopConfig {
  const port = env.PORT ?? '5174';
  const bankUrl = env.SHOP_BANK_URL ?? 'http://localhost:4100';
  const config: ShopConfig = {
    name: env.SHOP_NAME ?? 'Demo Shop',
    publicUrl: origin(env.SHOP_PUBLIC_URL ?? `http://localhost:${port}`, 'SHOP_PUBLIC_URL'),
    cloudUrl: (env.CLOUD_URL ?? 'http://localhost:4000').replace(/\/+$/, ''),
    walletOrigin: origin(env.WALLET_URL ?? 'http://localhost:5173', 'WALLET_URL'),
    dataDir: env.SHOP_DATA_DIR ?? 'data/shop',
  };
  const shipping = shippingAskFromEnv(env.SHOP_SHIPPING);
  if (shipping) config.shipping = shipping;
  if (bankUrl !== 'none')
    config.bank = {
      url: bankUrl.replace(/\/+$/, ''),
      username: env.SHOP_BANK_USERNAME ?? 'shop',
      password: env.SHOP_BANK_PASSWORD ?? 'shop-password',
      accountName: env.SHOP_BANK_ACCOUNT ?? 'Merchant account',
    };
  return config;
}
