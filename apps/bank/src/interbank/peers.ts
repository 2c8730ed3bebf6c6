import { memberIdSchema } from '@tokenos/protocol';
import { z } from 'zod';

/** What every bank publishes at GET /.well-known/tokenos-bank. */
export const bankInfoSchema = z.object({
  memberId: memberIdSchema,
  name: z.string().min(1).max(80),
  bankCode: z.string().regex(/^[A-Z]{4}$/),
});
export type BankInfo = z.infer<typeof bankInfoSchema>;

/**
 * The other banks this bank settles with, from PEER_BANK_URLS. Each is asked who it is (its
 * member id) when first needed; a bank that did not answer is asked again on the next lookup, at
 * most every few seconds. Trust in a peer's requests comes from its signatures under its own
 * directory keys, not from this list; the list only says which members are banks we settle with.
 */
export class PeerBanks {
  readonly #urls: readonly string[];
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #byId = new Map<string, BankInfo & { url: string }>();
  readonly #resolvedUrls = new Set<string>();
  #lastRefresh = Number.NEGATIVE_INFINITY;
  #refreshing: Promise<void> | undefined;

  constructor(urls: readonly string[], options: { fetch?: typeof fetch; now?: () => number } = {}) {
    this.#urls = urls;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#now = options.now ?? Date.now;
  }

  list(): (BankInfo & { url: string })[] {
    return [...this.#byId.values()];
  }

  refresh(): Promise<void> {
    this.#refreshing ??= (async () => {
      await Promise.all(
        this.#urls.map(async (url) => {
          try {
            const res = await this.#fetch(`${url}/.well-known/tokenos-bank`, {
              headers: { accept: 'application/json' },
              signal: AbortSignal.timeout(5_000),
            });
            if (!res.ok) return;
            const info = bankInfoSchema.parse(await res.json());
            for (const [id, peer] of this.#byId)
              if (peer.url === url && id !== info.memberId) this.#byId.delete(id);
            this.#byId.set(info.memberId, { ...info, url });
            this.#resolvedUrls.add(url);
          } catch {
            // Not up yet: asked again on the next lookup.
          }
        }),
      );
      this.#lastRefresh = this.#now();
    })().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** The peer bank with member id `bankId`, or undefined when no configured bank is that member. */
  async find(bankId: string): Promise<(BankInfo & { url: string }) | undefined> {
    const known = this.#byId.get(bankId);
    if (known) return known;
    const incomplete = this.#urls.some((u) => !this.#resolvedUrls.has(u));
    if (this.#urls.length > 0 && (incomplete || this.#now() - this.#lastRefresh > 5_000))
      await this.refresh();
    return this.#byId.get(bankId);
  }
}
