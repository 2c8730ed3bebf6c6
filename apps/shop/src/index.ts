export { createShopApp, type ShopDeps, type ShopState } from './app.ts';
export { Checkout, ShopError } from './checkout.ts';
export { type ShopConfig, shopConfigFromEnv } from './config.ts';
export { deferredGateway, type PaymentGateway, sdkGateway, type Transfer } from './gateway.ts';
export { OrderStore, type ShopSessions, shopSessions } from './store.ts';
