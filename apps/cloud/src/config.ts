import { fromBase64url } from '@tokenos/protocol';

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
  };
}
