// The wallet talks to the cloud through its own origin (/api, relayed by the wallet server), so the
// CSP can stay `connect-src 'self'`. Failures become an ApiError with the HTTP status and the
// problem+json `code` (RFC 9457); screens choose their words from those, never from messages.

export class ApiError extends Error {
  /** 0 when no response arrived (offline, DNS, connection refused). */
  readonly status: number;
  readonly code: string | undefined;

  constructor(options: { status: number; code: string | undefined; message: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
  }

  /** Worth retrying: nothing came back, or the cloud or the relay failed. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

async function problemCode(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string') {
      return body.code;
    }
  } catch {
    // A body that is not JSON carries no code; the status still says what happened.
  }
  return undefined;
}

export async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (cause) {
    throw new ApiError({ status: 0, code: undefined, message: `GET ${path}: no response`, cause });
  }
  if (!response.ok) {
    const code = await problemCode(response);
    throw new ApiError({
      status: response.status,
      code,
      message: `GET ${path}: expected 2xx, got ${response.status}${code ? ` (${code})` : ''}`,
    });
  }
  return response.json();
}

/** A token request id as it appears in `?request=`: base64url, as every id in the protocol. */
export function parseRequestId(value: string | null): string | undefined {
  if (value === null) return undefined;
  return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
}

export function tokenRequestPath(requestId: string): string {
  return `/api/v1/token-requests/${encodeURIComponent(requestId)}`;
}
