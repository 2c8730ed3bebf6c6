import { fromBase64url } from '@tokenos/protocol';
import type { BucketLimit, RateLimits } from './http/rate-limit.ts';

/** The cloud's settings, from the environment in production and from tests directly. */
export interface CloudConfig {
  /** Public base URL of the cloud, e.g. http://localhost:4000. */
  publicUrl: string;
  /** WebAuthn relying party id (a registrable domain; `localhost` in development, never an IP). */
  rpId: string;
  rpName: string;
  /** Origins allowed to run WebAuthn ceremonies for this RP (the wallet's origin). */
  walletOrigins: string[];
  /** Development mode: one-time codes go to the outbox log, plain-http DOMAIN verification for localhost. */
  development: boolean;
  /** Largest request body accepted, bytes. */
  maxBodyBytes: number;
  /**
   * Secret for alias lookup and code hashes (ALIAS_PEPPER, base64url, >= 32 bytes). Unset: one is
   * generated and kept in the database, which then alone suffices to test guessed addresses.
   */
  aliasPepper?: Uint8Array;
  /** Per-instance request rate limits; absent: none (tests). */
  rateLimits?: RateLimits;
}

// A short pepper fails at start, not on the first alias request.
function pepperFromEnv(text: string): Uint8Array {
  const bytes = fromBase64url(text, 'ALIAS_PEPPER');
  if (bytes.length < 32)
    throw new RangeError(`ALIAS_PEPPER: expected at least 32 bytes of base64url, got ${bytes.length}`);
  return bytes;
}

export function configFromEnv(env: Record<string, string | undefined>): CloudConfig {
  const port = env.PORT ?? '4000';
  return {
    publicUrl: env.CLOUD_PUBLIC_URL ?? `http://localhost:${port}`,
    rpId: env.RP_ID ?? 'localhost',
    rpName: env.RP_NAME ?? 'Token Wallet',
    walletOrigins: (env.WALLET_ORIGINS ?? 'http://localhost:5173')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    development: env.NODE_ENV !== 'production',
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 65536),
    ...(env.ALIAS_PEPPER ? { aliasPepper: pepperFromEnv(env.ALIAS_PEPPER) } : {}),
    ...rateLimitsFromEnv(env),
  };
}

function bucket(text: string, name: string): BucketLimit {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new RangeError(`${name}: expected "<burst>/<per second>", e.g. 2000/1000, got ${text}`);
  return { burst: Number(m[1]), perSecond: Number(m[2]) };
}

/** RATE_LIMIT_PER_ADDRESS and RATE_LIMIT_PER_MEMBER as "<burst>/<per second>"; RATE_LIMITS=off disables both. */
function rateLimitsFromEnv(env: Record<string, string | undefined>): { rateLimits?: RateLimits } {
  if (env.RATE_LIMITS === 'off') return {};
  return {
    rateLimits: {
      perAddress: bucket(env.RATE_LIMIT_PER_ADDRESS ?? '2000/1000', 'RATE_LIMIT_PER_ADDRESS'),
      perMember: bucket(env.RATE_LIMIT_PER_MEMBER ?? '1000/500', 'RATE_LIMIT_PER_MEMBER'),
    },
  };
}
