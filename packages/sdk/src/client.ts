import { base64url, type MessageSigner, signRequest, utf8 } from '@tokenos/protocol';
import { apiErrorFromResponse } from './api-error.ts';
import { newIdempotencyKey, randomBytes } from './random.ts';

// Short, growing waits between attempts: 100, 200, 400 ms.
const retryBaseMs = 100;

// The caller's own signal ended the call (or its deadline passed): not a failure to retry.
function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

export interface ClientOptions {
  /** The cloud's origin (or the wallet's, which relays /api to the cloud), e.g. http://localhost:4000. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Epoch milliseconds; a test may move the clock. */
  now?: () => number;
  /**
   * How many times a POST is sent again after a network failure (fetch rejected, so no answer
   * arrived) or while the cloud still runs an earlier attempt (409 IdempotencyKeyInUse); default 3.
   * Safe because every attempt carries the operation's one Idempotency-Key, which the cloud
   * honours; a client of a server that does not (a bank) sets 0.
   */
  networkRetries?: number;
}

export type RequestSigner = MessageSigner & { keyid: string };

/** Low-level HTTP client: JSON in, JSON out, problem+json to ApiError, RFC 9421 signatures. */
export class CloudClient {
  readonly baseUrl: string;
  readonly now: () => number;
  readonly #fetch: typeof fetch;
  readonly #networkRetries: number;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? Date.now;
    this.#networkRetries = options.networkRetries ?? 3;
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.#fetch(this.baseUrl + path, { headers: { accept: 'application/json' } });
    if (!res.ok) throw await apiErrorFromResponse(res);
    return (await res.json()) as T;
  }

  /** An unsigned POST, for the few calls made before the caller has a member (a new device pairing). */
  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await this.#fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw await apiErrorFromResponse(res);
    return (await res.json()) as T;
  }

  /**
   * A signed call (every mutating call is, ARCHITECTURE.md "Request authentication"). A POST is
   * one logical operation with one Idempotency-Key (draft-ietf-httpapi-idempotency-key-header):
   * when the network fails it is signed again (fresh nonce, same body) and sent again under that
   * key, so the cloud answers the retry with the first answer instead of doing the work twice.
   * HTTP errors are answers, never retried, except 409 IdempotencyKeyInUse (our earlier attempt
   * is still running).
   */
  async send<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    path: string,
    body: unknown,
    signer: RequestSigner,
  ): Promise<T> {
    const bytes = body === undefined ? new Uint8Array(0) : utf8(JSON.stringify(body));
    const url = new URL(this.baseUrl + path, 'http://relative.invalid');
    const idempotencyKey = method === 'POST' ? newIdempotencyKey() : undefined;
    for (let attempt = 1; ; attempt++) {
      const canRetry = idempotencyKey !== undefined && attempt <= this.#networkRetries;
      const headers = await signRequest(
        { method, path: url.pathname, query: url.search, body: bytes },
        signer,
        { now: this.now(), nonce: base64url(randomBytes(16)) },
      );
      let res: Response;
      try {
        res = await this.#fetch(this.baseUrl + path, {
          method,
          headers: {
            ...headers,
            'content-type': 'application/json',
            accept: 'application/json',
            // RFC 8941 sf-string, as the draft defines the field.
            ...(idempotencyKey === undefined ? {} : { 'idempotency-key': `"${idempotencyKey}"` }),
          },
          ...(method === 'GET' ? {} : { body: bytes as Uint8Array<ArrayBuffer> }),
        });
      } catch (e) {
        if (!canRetry || isAbort(e)) throw e;
        await wait(retryBaseMs * 2 ** (attempt - 1));
        continue;
      }
      if (!res.ok) {
        const error = await apiErrorFromResponse(res);
        if (canRetry && error.code === 'IdempotencyKeyInUse') {
          await wait(retryBaseMs * 2 ** (attempt - 1));
          continue;
        }
        throw error;
      }
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
