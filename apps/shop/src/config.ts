import { exactOrigin, type SiteConfig } from '@tokenos/web-kit';
import { type ShippingAsk, shippingAskFromEnv } from './shipping.ts';

/**
 * The demo shop's settings, from the environment (`npm start` and e2e set them). Its data folder
 * holds keys.json and the merchant's state (merchant.json, orders.json).
 */
export interface ShopConfig extends SiteConfig {
  /**
   * The bank that keeps the shop's merchant account and the demo sign-in the shop links it with
   * (the bank's consent page, as its operator would in a browser). Unset: no account, no checkout.
   */
  bank?: { url: string; username: string; password: string; accountName: string };
  /** Ask for a shipping address with each payment (SHOP_SHIPPING, default optional); absent: off. */
  shipping?: ShippingAsk;
}

const origin = (value: string, variable: string) => exactOrigin(value, variable, 'http://localhost:5174');

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
