// The wallet talks to the cloud through its own origin (/api, relayed by the wallet server), so the
// CSP can stay `connect-src 'self'`. Calls go through the SDK's CloudClient; failures arrive as the
// SDK's ApiError (HTTP status and the problem+json `code`, RFC 9457), or as a TypeError when no
// answer came at all. Screens choose their words from codes, never from messages.

/** Worth retrying: nothing came back, or the cloud or the relay failed. Duck-typed to keep the SDK out of the first load. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : undefined;
  return status !== undefined && (status === 0 || status >= 500);
}

/** A token request id as it appears in `?request=`: base64url, as every id in the protocol. */
export function parseRequestId(value: string | null): string | undefined {
  if (value === null) return undefined;
  return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
}
