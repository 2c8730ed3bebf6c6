import { type MessageSigner, memberIdSchema, ProtocolError } from '@tokenos/protocol';
import { z } from 'zod';
import {
  type AccessReadRequest,
  type BankConnector,
  type BankDirectory,
  BankUnavailableError,
  type CosignRequest,
  type ExecuteRequest,
} from './connector.ts';
import { HttpBankConnector } from './http-connector.ts';

/** What a bank publishes at `GET /.well-known/tokenos-bank`: who it is in the directory. */
export const bankInfoSchema = z.object({
  memberId: memberIdSchema,
  name: z.string().min(1).max(80),
  bankCode: z.string().regex(/^[A-Z]{4}$/),
});
export type BankInfo = z.infer<typeof bankInfoSchema>;

/** BANK_URLS: comma-separated http(s) base URLs; anything else fails at start, not on the first payment. */
export function parseBankUrls(text: string | undefined): string[] {
  const urls = (text ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
  for (const u of urls) {
    const parsed = URL.canParse(u) ? new URL(u) : undefined;
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
      throw new RangeError(
        `BANK_URLS: expected http(s) base URLs separated by commas, got ${JSON.stringify(u)}`,
      );
  }
  return [...new Set(urls)];
}

export interface BankRegistryOptions {
  urls: readonly string[];
  cloudKey: { keyId: string; signer: MessageSigner };
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** A fully resolved registry re-reads the banks at most this often when asked for an unknown one. */
  staleAfterMs?: number;
  log?: (message: string) => void;
}

interface Entry {
  info: BankInfo;
  url: string;
  connector: HttpBankConnector;
}

/**
 * The banks the cloud can reach, from BANK_URLS. Each bank says who it is at
 * `/.well-known/tokenos-bank`; the registry maps that member id to an HttpBankConnector. Banks
 * may start after the cloud (they register as members first), so a bank not yet resolved is
 * looked up again when a request names it. The mapping needs no trust: whatever a bank claims, its
 * co-signatures are verified against that member's directory keys.
 */
export class BankRegistry implements BankDirectory {
  readonly #options: BankRegistryOptions;
  readonly #fetch: typeof fetch;
  readonly #byId = new Map<string, Entry>();
  readonly #idByUrl = new Map<string, string>();
  #refreshing: Promise<void> | undefined;
  #refreshedAt = Number.NEGATIVE_INFINITY;

  constructor(options: BankRegistryOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Banks resolved so far. */
  banks(): (BankInfo & { url: string })[] {
    return [...this.#byId.values()].map((e) => ({ ...e.info, url: e.url }));
  }

  get #complete(): boolean {
    return this.#options.urls.every((u) => this.#idByUrl.has(u));
  }

  /** Reads every bank's well-known document once (concurrent callers share one round). */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refreshAll().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refreshAll(): Promise<void> {
    await Promise.all(this.#options.urls.map((url) => this.#resolve(url)));
    this.#refreshedAt = this.#now();
  }

  async #resolve(url: string): Promise<void> {
    let info: BankInfo;
    try {
      const res = await this.#fetch(`${url}/.well-known/tokenos-bank`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      info = bankInfoSchema.parse(await res.json());
    } catch (e) {
      this.#options.log?.(`bank at ${url} not reachable yet: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const previous = this.#idByUrl.get(url);
    if (previous !== undefined && previous !== info.memberId) this.#byId.delete(previous);
    if (previous !== info.memberId)
      this.#options.log?.(`bank ${info.name} (${info.bankCode}) at ${url} is member ${info.memberId}`);
    this.#idByUrl.set(url, info.memberId);
    const connector = new HttpBankConnector({
      bankId: info.memberId,
      baseUrl: url,
      cloudKey: this.#options.cloudKey,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      ...(this.#options.now ? { now: this.#options.now } : {}),
      ...(this.#options.timeoutMs ? { timeoutMs: this.#options.timeoutMs } : {}),
    });
    this.#byId.set(info.memberId, { info, url, connector });
  }

  connectorFor(bankId: string): BankConnector | undefined {
    const known = this.#byId.get(bankId);
    if (known) return known.connector;
    if (this.#options.urls.length === 0) return undefined;
    const fresh = this.#now() - this.#refreshedAt < (this.#options.staleAfterMs ?? 30_000);
    if (this.#complete && fresh) return undefined;
    return new DeferredConnector(bankId, async () => {
      await this.refresh();
      const entry = this.#byId.get(bankId);
      if (entry) return entry.connector;
      // Some bank did not answer: it may be this one, so the call is "unavailable", not "unknown bank".
      if (!this.#complete)
        throw new BankUnavailableError(bankId, new Error('not every bank in BANK_URLS answered'));
      throw new ProtocolError('NotFound', `no bank in BANK_URLS is member ${bankId}`, { field: 'bankId' });
    });
  }
}

/** A connector for a bank the registry has not resolved yet: each call resolves first, then delegates. */
class DeferredConnector implements BankConnector {
  readonly bankId: string;
  readonly #resolve: () => Promise<BankConnector>;

  constructor(bankId: string, resolve: () => Promise<BankConnector>) {
    this.bankId = bankId;
    this.#resolve = resolve;
  }

  async cosign(request: CosignRequest) {
    return (await this.#resolve()).cosign(request);
  }

  async execute(request: ExecuteRequest) {
    return (await this.#resolve()).execute(request);
  }

  async readAccounts(request: AccessReadRequest) {
    return (await this.#resolve()).readAccounts(request);
  }

  async readBalance(request: AccessReadRequest & { accountRef: string }) {
    return (await this.#resolve()).readBalance(request);
  }

  async readTransactions(
    request: AccessReadRequest & { accountRef: string; cursor?: string; limit?: number },
  ) {
    return (await this.#resolve()).readTransactions(request);
  }
}
