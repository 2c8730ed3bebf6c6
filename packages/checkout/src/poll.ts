import { parseTokenRequestResult, type TokenRequestResult } from './message.ts';

export type Answer = { result: TokenRequestResult } | { expired: true };

/** How long the cloud holds a GET .../result?wait= for an answer (its limit is 25 s). */
export const longPollSeconds = 20;

function get(url: string, fetchFn: typeof fetch): Promise<Response> {
  // No credentials and no custom headers: a simple CORS GET the cloud answers with `*`.
  return fetchFn(url, { credentials: 'omit', cache: 'no-store', headers: { accept: 'application/json' } });
}

async function getJson(url: string, fetchFn: typeof fetch): Promise<unknown> {
  const res = await get(url, fetchFn);
  if (!res.ok) return undefined;
  return res.json();
}

/**
 * Asks the cloud whether the request has an answer: the signed result once the wallet answered,
 * `expired` once it can no longer be answered, undefined while pending or when the cloud is not
 * reachable (the caller asks again). The result is checked like a posted message; the merchant's
 * backend still verifies its signature. With `waitSeconds`, a long poll: the cloud holds the call
 * until the request is answered (the result comes within a second of the approval) or the wait
 * ends (204: nothing yet); any other answer falls back to reading the request's status.
 */
export async function fetchAnswer(
  cloudUrl: string,
  requestId: string,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
  waitSeconds = 0,
): Promise<Answer | undefined> {
  const base = `${cloudUrl}/api/v1/token-requests/${requestId}`;
  try {
    if (waitSeconds > 0) {
      const res = await get(`${base}/result?wait=${waitSeconds}`, fetchFn);
      if (res.status === 204) return undefined;
      if (res.ok) {
        const result = parseTokenRequestResult(await res.json(), requestId);
        return result ? { result } : undefined;
      }
    }
    const view = await getJson(base, fetchFn);
    const status = typeof view === 'object' && view !== null && 'status' in view ? view.status : undefined;
    if (status === 'expired') return { expired: true };
    if (status !== 'approved' && status !== 'declined') return undefined;
    const result = parseTokenRequestResult(await getJson(`${base}/result`, fetchFn), requestId);
    return result ? { result } : undefined;
  } catch {
    return undefined;
  }
}
