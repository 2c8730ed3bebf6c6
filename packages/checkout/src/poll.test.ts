import { describe, expect, it } from 'vitest';
import { fetchAnswer } from './poll.ts';

const cloud = 'http://localhost:4000';
const requestId = 'Rq3xQ9fYb1m0kZp8sV7tW2uA4cD6eF8gH0iJ2kL4mN6';
const result = {
  type: 'TokenRequestResult',
  version: 1,
  requestId,
  outcome: 'approved',
  tokenId: 'Tk9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_aB',
  state: 'St4teSt4teSt4teSt4teSt4teSt4teSt4teSt4teSt4',
  createdAt: 1_763_780_000_000,
  keyId: 'Ky0123456789abcdefghij',
  signature: 'c2lnbmF0dXJl',
};

function cloudAnswering(routes: Record<string, [number, unknown]>) {
  const asked: { url: string; init: RequestInit | undefined }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push({ url, init });
    const [status, body] = routes[url.slice(cloud.length)] ?? [404, { code: 'NotFound' }];
    return new Response(status === 204 ? null : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { fetchFn, asked };
}

describe('polling the cloud', () => {
  const view = `/api/v1/token-requests/${requestId}`;

  it('pending: no answer yet', async () => {
    const { fetchFn, asked } = cloudAnswering({ [view]: [200, { status: 'pending' }] });
    expect(await fetchAnswer(cloud, requestId, fetchFn)).toBeUndefined();
    expect(asked.map((a) => a.url)).toEqual([`${cloud}${view}`]);
    // A simple CORS GET without credentials: the cloud answers it with `*`.
    expect(asked[0]?.init).toMatchObject({ credentials: 'omit', cache: 'no-store' });
  });

  it('answered: the signed result, checked', async () => {
    const { fetchFn } = cloudAnswering({
      [view]: [200, { status: 'approved' }],
      [`${view}/result`]: [200, result],
    });
    expect(await fetchAnswer(cloud, requestId, fetchFn)).toEqual({ result });
  });

  it('a result for another request or of another shape is no answer', async () => {
    const { fetchFn } = cloudAnswering({
      [view]: [200, { status: 'approved' }],
      [`${view}/result`]: [200, { ...result, requestId: 'Z'.repeat(43) }],
    });
    expect(await fetchAnswer(cloud, requestId, fetchFn)).toBeUndefined();
  });

  it('expired: the checkout ends', async () => {
    const { fetchFn } = cloudAnswering({ [view]: [200, { status: 'expired' }] });
    expect(await fetchAnswer(cloud, requestId, fetchFn)).toEqual({ expired: true });
  });

  it('unreachable or an error answer: ask again later', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await fetchAnswer(cloud, requestId, failing)).toBeUndefined();
    const { fetchFn } = cloudAnswering({ [view]: [503, { code: 'Unavailable' }] });
    expect(await fetchAnswer(cloud, requestId, fetchFn)).toBeUndefined();
  });

  it('long polling: the held call brings the result; 204 is "nothing yet"; anything else falls back to the status', async () => {
    const held = cloudAnswering({ [`${view}/result?wait=20`]: [200, result] });
    expect(await fetchAnswer(cloud, requestId, held.fetchFn, 20)).toEqual({ result });
    expect(held.asked.map((a) => a.url)).toEqual([`${cloud}${view}/result?wait=20`]);
    const empty = cloudAnswering({ [`${view}/result?wait=20`]: [204, null] });
    expect(await fetchAnswer(cloud, requestId, empty.fetchFn, 20)).toBeUndefined();
    expect(empty.asked).toHaveLength(1);
    const expired = cloudAnswering({ [view]: [200, { status: 'expired' }] });
    expect(await fetchAnswer(cloud, requestId, expired.fetchFn, 20)).toEqual({ expired: true });
  });
});
