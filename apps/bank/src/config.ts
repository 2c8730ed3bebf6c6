/** A demo bank's settings: the same code runs Iron Bank and Gold Bank with different environments. */
export interface BankConfig {
  /** Shown on the consent page and published at /.well-known/tokenos-bank. */
  name: string;
  /** Four capital letters: the bank code inside its IBANs (GBkk IRON ...). */
  bankCode: string;
  /** The six-digit sort code inside its IBANs. */
  sortCode: string;
  /** The token cloud, e.g. http://localhost:4000. */
  cloudUrl: string;
  /** This bank's own base URL, e.g. http://localhost:4100. */
  publicUrl: string;
  /** Other banks this bank settles with (POST /interbank/v1/credits), by base URL. */
  peerUrls: string[];
  /** WebAuthn relying party id of the wallet's passkeys (W3C WebAuthn L3 §5.1.2), checked by the bank itself. */
  rpId: string;
  /** Origins passkey ceremonies may run on, and where the consent page may send the customer back to. */
  walletOrigins: string[];
  /** Largest request body accepted, bytes. */
  maxBodyBytes: number;
}

function urlList(text: string | undefined, name: string): string[] {
  const urls = (text ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
  for (const u of urls)
    if (!URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol))
      throw new RangeError(`${name}: expected http(s) URLs separated by commas, got ${JSON.stringify(u)}`);
  return urls;
}

export function bankConfigFromEnv(env: Record<string, string | undefined>): BankConfig {
  const port = env.PORT ?? '4100';
  const bankCode = env.BANK_CODE ?? 'IRON';
  if (!/^[A-Z]{4}$/.test(bankCode))
    throw new RangeError(
      `BANK_CODE: expected four capital letters such as IRON, got ${JSON.stringify(bankCode)}`,
    );
  const sortCode =
    env.BANK_SORT_CODE ?? (bankCode === 'IRON' ? '401276' : bankCode === 'GOLD' ? '601613' : '200000');
  if (!/^[0-9]{6}$/.test(sortCode))
    throw new RangeError(`BANK_SORT_CODE: expected six digits, got ${JSON.stringify(sortCode)}`);
  const origins = urlList(env.WALLET_ORIGINS ?? 'http://localhost:5173', 'WALLET_ORIGINS');
  for (const o of origins)
    if (new URL(o).origin !== o) throw new RangeError(`WALLET_ORIGINS: ${o} is not an exact origin`);
  return {
    name: env.BANK_NAME ?? 'Iron Bank',
    bankCode,
    sortCode,
    cloudUrl: (env.CLOUD_URL ?? 'http://localhost:4000').replace(/\/$/, ''),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    peerUrls: urlList(env.PEER_BANK_URLS, 'PEER_BANK_URLS'),
    rpId: env.RP_ID ?? 'localhost',
    walletOrigins: origins,
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 65536),
  };
}

/** `data/iron-bank` for "Iron Bank": where PGlite and the key file live by default. */
export function defaultDataDir(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `data/${slug || 'bank'}`;
}
