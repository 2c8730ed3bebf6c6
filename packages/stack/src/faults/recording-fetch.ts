import { CloudClient, Member } from '@tokenos/sdk';

/** One answer of a cloud that was not 2xx, or a request that got no answer at all. */
export interface Failure {
  url: string;
  /** HTTP status; 0 when there was no answer (connection refused or reset, timeout). */
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  /** The problem's `code` for problem+json; the error message when there was no answer. */
  code: string;
  at: number;
}

/**
 * A fetch that remembers every answer that was not 2xx (and every request without an answer), so a
 * test can check afterwards that each one was a clear problem+json and none was a 500. Each call
 * gives up after `timeoutMs`: a fault must never turn into a hang.
 */
export class RecordingFetch {
  readonly failures: Failure[] = [];
  /** 2xx answers per base URL. */
  readonly successes = new Map<string, number>();
  readonly #timeoutMs: number;

  constructor(timeoutMs = 30_000) {
    this.#timeoutMs = timeoutMs;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const origin = new URL(url).origin;
    let res: Response;
    try {
      res = await fetch(input, { ...init, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (e) {
      const message =
        e instanceof Error
          ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ''}`
          : String(e);
      this.failures.push({
        url,
        status: 0,
        contentType: null,
        retryAfter: null,
        code: message,
        at: Date.now(),
      });
      throw e;
    }
    if (res.ok) {
      this.successes.set(origin, (this.successes.get(origin) ?? 0) + 1);
      return res;
    }
    const text = await res.text();
    let code = `Http${res.status}`;
    try {
      const problem = JSON.parse(text) as { code?: unknown };
      if (typeof problem.code === 'string') code = problem.code;
    } catch {
      // Not JSON: the code stays Http<status>, and the content type tells the test it was no problem+json.
    }
    this.failures.push({
      url,
      status: res.status,
      contentType: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
      code,
      at: Date.now(),
    });
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  /** The same member (id and keys) talking to the cloud instance at `baseUrl` through this fetch. */
  memberOn(member: Member, baseUrl: string): Member {
    return new Member(member.id, new CloudClient({ baseUrl, fetch: this.fetch }), member.keyStore);
  }
}
