import { base64url, type MessageSigner, signRequest, utf8 } from '@tokenos/protocol';
import { apiErrorFromResponse } from './api-error.ts';
import { randomBytes } from './random.ts';

export interface ClientOptions {
  /** The cloud's origin (or the wallet's, which relays /api to the cloud), e.g. http://localhost:4000. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Epoch milliseconds; a test may move the clock. */
  now?: () => number;
}

export type RequestSigner = MessageSigner & { keyid: string };

/** Low-level HTTP client: JSON in, JSON out, problem+json to ApiError, RFC 9421 signatures. */
export class CloudClient {
  readonly baseUrl: string;
  readonly now: () => number;
  readonly #fetch: typeof fetch;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? Date.now;
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

  /** A signed call (every mutating call is, ARCHITECTURE.md "Request authentication"). */
  async send<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    path: string,
    body: unknown,
    signer: RequestSigner,
  ): Promise<T> {
    const bytes = body === undefined ? new Uint8Array(0) : utf8(JSON.stringify(body));
    const url = new URL(this.baseUrl + path, 'http://relative.invalid');
    const headers = await signRequest(
      { method, path: url.pathname, query: url.search, body: bytes },
      signer,
      { now: this.now(), nonce: base64url(randomBytes(16)) },
    );
    const res = await this.#fetch(this.baseUrl + path, {
      method,
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
      ...(method === 'GET' ? {} : { body: bytes as Uint8Array<ArrayBuffer> }),
    });
    if (!res.ok) throw await apiErrorFromResponse(res);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
