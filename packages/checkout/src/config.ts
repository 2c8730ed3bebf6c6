import { CheckoutError } from './errors.ts';
import { isExactOrigin } from './message.ts';

export interface CheckoutConfig {
  /** The wallet's exact origin, e.g. https://wallet.token.example: the only origin results come from. */
  walletOrigin: string;
  /** The token cloud's base URL, e.g. https://api.token.example; polled when the popup's opener is cut. */
  cloudUrl: string;
}

let defaults: Partial<CheckoutConfig> = {};

/** Sets the defaults every later call uses (the script-tag build sets them from its own tag). */
export function configure(config: Partial<CheckoutConfig>): void {
  defaults = { ...defaults, ...config };
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.search && !u.hash;
  } catch {
    return false;
  }
}

/** The options over the defaults, checked; throws NotConfigured saying what is missing. */
export function resolveConfig(options: Partial<CheckoutConfig> = {}): CheckoutConfig {
  const walletOrigin = options.walletOrigin ?? defaults.walletOrigin;
  const cloudUrl = options.cloudUrl ?? defaults.cloudUrl;
  if (!isExactOrigin(walletOrigin))
    throw new CheckoutError(
      'NotConfigured',
      `walletOrigin: expected an exact origin such as https://wallet.example, got ${JSON.stringify(walletOrigin ?? null)}`,
    );
  if (!isHttpUrl(cloudUrl))
    throw new CheckoutError(
      'NotConfigured',
      `cloudUrl: expected the token cloud's http(s) base URL, got ${JSON.stringify(cloudUrl ?? null)}`,
    );
  return { walletOrigin, cloudUrl: cloudUrl.replace(/\/+$/, '') };
}
