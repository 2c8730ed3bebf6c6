// Which banks the wallet offers to link. Shared by the server (which publishes the list at
// /config.json and relays /banks/<id>/... to each bank) and the client (which reads the list).

export interface BankOption {
  /** Slug of the name, used in the relay path: `iron-bank`. */
  id: string;
  name: string;
  /** The bank's base URL, e.g. http://localhost:4100 (its consent page is `<url>/link`). */
  url: string;
}

export const defaultBanks = 'Iron Bank=http://localhost:4100,Gold Bank=http://localhost:4200';

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Parses `Name=URL,Name=URL` (env WALLET_BANKS, or VITE_BANKS for `vite dev`). Throws a RangeError
 * naming the bad entry, so a typo fails at start, not when a user picks a bank.
 */
export function parseBankList(text: string): BankOption[] {
  const banks: BankOption[] = [];
  for (const entry of text.split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const at = trimmed.lastIndexOf('=');
    const name = at > 0 ? trimmed.slice(0, at).trim() : '';
    const url =
      at > 0
        ? trimmed
            .slice(at + 1)
            .trim()
            .replace(/\/+$/, '')
        : '';
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!name || !parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== url)
      throw new RangeError(
        `bank list: expected "Name=http(s)://origin" entries separated by commas, got ${JSON.stringify(trimmed)}`,
      );
    const id = slug(name);
    if (!id || banks.some((b) => b.id === id))
      throw new RangeError(`bank list: the name ${JSON.stringify(name)} is empty or listed twice`);
    banks.push({ id, name, url });
  }
  return banks;
}

/** The `/config.json` body, checked: whatever arrives over the network is parsed at the edge. */
export function parseWalletConfig(input: unknown): { banks: BankOption[] } {
  if (typeof input !== 'object' || input === null || !('banks' in input) || !Array.isArray(input.banks))
    throw new RangeError('wallet config: expected { banks: [...] }');
  const banks: BankOption[] = [];
  for (const b of input.banks as unknown[]) {
    if (
      typeof b !== 'object' ||
      b === null ||
      !('id' in b) ||
      !('name' in b) ||
      !('url' in b) ||
      typeof b.id !== 'string' ||
      typeof b.name !== 'string' ||
      typeof b.url !== 'string' ||
      !/^[a-z0-9-]{1,40}$/.test(b.id) ||
      !URL.canParse(b.url)
    )
      throw new RangeError('wallet config: each bank needs an id, a name and a URL');
    banks.push({ id: b.id, name: b.name, url: b.url });
  }
  return { banks };
}
