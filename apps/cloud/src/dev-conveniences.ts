/**
 * Everything the cloud does differently for a local development run, in one list. Each is off
 * unless its environment variable says otherwise, so a cloud started with no configuration is the
 * secure one; `npm start` turns them on by name (packages/stack/src/services.ts), and with
 * NODE_ENV=production the cloud refuses to start while any is on (configFromEnv).
 */
export const devConveniences = [
  {
    name: 'localhost-domains',
    env: 'DEV_LOCALHOST_DOMAINS',
    on: 'on',
    does: 'verifies DOMAIN aliases on localhost over plain http, so the demo shop and budget app prove their names',
  },
  {
    name: 'sms-to-mail-gateway',
    env: 'SMS_SENDER',
    on: 'mail-gateway',
    does: 'sends phone codes as mail to <number>@sms.dev.invalid through SMTP_URL, a development SMS gateway',
  },
] as const;

export type DevConvenience = (typeof devConveniences)[number];
export type DevConvenienceName = DevConvenience['name'];

/** The conveniences the environment turns on. */
export function devConveniencesOn(env: Record<string, string | undefined>): DevConvenience[] {
  return devConveniences.filter((c) => env[c.env] === c.on);
}

/** `DEV_LOCALHOST_DOMAINS=on (verifies ...)`, for an error or a start-up line. */
export function describeConvenience(c: DevConvenience): string {
  return `${c.env}=${c.on} (${c.does})`;
}

/** Production with a development convenience on is a misconfiguration: refuse it, naming each. */
export function assertNoDevConveniencesInProduction(env: Record<string, string | undefined>): void {
  if (env.NODE_ENV !== 'production') return;
  const on = devConveniencesOn(env);
  if (on.length === 0) return;
  throw new Error(
    `NODE_ENV=production refuses development conveniences; turn off ${on.map(describeConvenience).join(', ')}`,
  );
}
