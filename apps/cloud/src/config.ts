import { fromBase64url } from '@tokenos/protocol';
import { assertNoDevConveniencesInProduction, devConveniencesOn } from './dev-conveniences.ts';
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
  /**
   * Development convenience DEV_LOCALHOST_DOMAINS=on (dev-conveniences.ts): DOMAIN aliases on
   * localhost are verified over plain http. Off: https only, never localhost.
   */
  localhostDomains: boolean;
  /**
   * Where one-time codes leave: SMTP_URL (smtp://host:port, smtps://user:pass@host) and MAIL_FROM.
   * Unset: codes stay queued in the outbox table, undelivered.
   */
  mail?: MailConfig;
  /** How phone codes leave: none (they stay queued), or the development SMS-to-mail gateway. */
  smsSender: SmsSenderName;
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

export interface MailConfig {
  smtpUrl: string;
  /** The From of every message, e.g. `Token Wallet <no-reply@wallet.example>`. */
  from: string;
}

/** `none`, or a sender in dev-conveniences.ts; a real SMS provider is one more name here. */
export const smsSenderNames = ['none', 'mail-gateway'] as const;
export type SmsSenderName = (typeof smsSenderNames)[number];

function smsSenderFromEnv(text: string | undefined): SmsSenderName {
  const name = smsSenderNames.find((n) => n === (text ?? 'none'));
  if (!name) throw new RangeError(`SMS_SENDER: expected one of ${smsSenderNames.join(', ')}, got ${text}`);
  return name;
}

function mailFromEnv(
  env: Record<string, string | undefined>,
  rpName: string,
  rpId: string,
): { mail?: MailConfig } {
  if (!env.SMTP_URL) return {};
  const url = new URL(env.SMTP_URL);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new RangeError(`SMTP_URL: expected smtp:// or smtps://, got ${url.protocol}`);
  return { mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? `${rpName} <no-reply@${rpId}>` } };
}

// A short pepper fails at start, not on the first alias request.
function pepperFromEnv(text: string): Uint8Array {
  const bytes = fromBase64url(text, 'ALIAS_PEPPER');
  if (bytes.length < 32)
    throw new RangeError(`ALIAS_PEPPER: expected at least 32 bytes of base64url, got ${bytes.length}`);
  return bytes;
}

/**
 * The configuration the environment describes. Throws (the process does not start) on a malformed
 * value, and under NODE_ENV=production while a development convenience is on.
 */
export function configFromEnv(env: Record<string, string | undefined>): CloudConfig {
  assertNoDevConveniencesInProduction(env);
  const port = env.PORT ?? '4000';
  const rpId = env.RP_ID ?? 'localhost';
  const rpName = env.RP_NAME ?? 'Token Wallet';
  const on = new Set(devConveniencesOn(env).map((c) => c.name));
  return {
    publicUrl: env.CLOUD_PUBLIC_URL ?? `http://localhost:${port}`,
    rpId,
    rpName,
    walletOrigins: (env.WALLET_ORIGINS ?? 'http://localhost:5173')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    localhostDomains: on.has('localhost-domains'),
    smsSender: smsSenderFromEnv(env.SMS_SENDER),
    ...mailFromEnv(env, rpName, rpId),
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
