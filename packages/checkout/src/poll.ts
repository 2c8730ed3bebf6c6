import { parseTokenRequestResult, type TokenRequestResult } from './message.ts';

export type Answer = { result: TokenRequestResult } | { expired: true };

async function getJson(url: string, fetchFn: typeof fetch): Promise<unknown> {
  // No credentials and no custom headers: a simple CORS GET the cloud answers with `*`.
  const res = await fetchFn(url, {
    credentials: 'omit',
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!res.ok) return undefined;
  return res.json();
}

/**
 * Asks the cloud whether the request has an answer: the signed result once the wallet answered,
 * `expired` once it can no longer be answered, undefined while pending or when the cloud is not
 * reachable (the caller asks again). The result is checked like a posted message; the merchant's
 * backend still verifies its signature.
 */
export async function fetchAnswer(
  cloudUrl: string,
  requestId: string,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<Answer | undefined> {
  const base = `${cloudUrl}/api/v1/token-requests/${requestId}`;
  try {
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
