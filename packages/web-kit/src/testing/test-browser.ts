/** What `testBrowser` drives: a Hono app (`app.request`), no server needed. */
interface RequestTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export interface TestBrowser {
  request(path: string, init?: RequestInit): Promise<Response>;
  /** POSTs `body` as JSON. */
  json(path: string, body: unknown): Promise<Response>;
}

/**
 * A browser of its own for a site's tests: keeps its session cookie, and sends the site's Origin
 * on every POST (as a browser does for a same-origin form or fetch) unless the test sets one.
 */
export function testBrowser(app: RequestTarget, origin: string): TestBrowser {
  let cookie = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    if (init.method === 'POST' && !headers.has('origin')) headers.set('origin', origin);
    const res = await app.request(path, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
  return {
    request,
    json: (path, body) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}
