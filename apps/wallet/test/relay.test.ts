import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletServer } from '../server/app.ts';
import { deadUrl, type Listening, listen, makeDist } from './helpers.ts';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

let dist: ReturnType<typeof makeDist>;
let cloud: Listening;
let seen: Seen[] = [];

/** A stand-in cloud on a real port that records what reaches it. */
function fakeCloud(): Hono {
  const app = new Hono();
  app.all('/api/echo/*', async (c) => {
    const body = await c.req.text();
    seen.push({ method: c.req.method, url: c.req.url, headers: Object.fromEntries(c.req.raw.headers), body });
    return c.json({ ok: true }, 201, {
      'x-cloud': 'yes',
      'set-cookie': 'session=from-cloud',
      'signature-input': 'sig1=("@status");created=1',
    });
  });
  app.get('/api/problem', (c) =>
    c.body(
      JSON.stringify({ type: 'https://tokenos.dev/problems/Malformed', status: 422, code: 'Malformed' }),
      422,
      {
        'content-type': 'application/problem+json',
      },
    ),
  );
  app.get('/api/redirect', (c) => c.redirect('/api/elsewhere', 302));
  app.get('/api/slow', async (c) => {
    await new Promise((r) => setTimeout(r, 1_000));
    return c.text('late');
  });
  return app;
}

beforeAll(async () => {
  dist = makeDist();
  cloud = await listen(fakeCloud());
});
afterAll(async () => {
  await cloud.close();
  dist.remove();
});

function wallet(cloudUrl = cloud.url, relay?: { timeoutMs?: number; maxBodyBytes?: number }): Hono {
  return createWalletServer({ cloudUrl, distDir: dist.dir, ...(relay ? { relay } : {}) });
}

describe('the /api relay', () => {
  it('forwards method, path, query, body and signature headers untouched', async () => {
    seen = [];
    const body = JSON.stringify({ amount: '10.00', currency: 'EUR', note: 'é✓' });
    const signed = {
      'content-type': 'application/json',
      'content-digest': 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
      'signature-input': 'sig1=("@method" "@path" "@query" "content-digest");created=1700000000;nonce="n1"',
      signature: 'sig1=:dGVzdCBzaWduYXR1cmUgYnl0ZXM=:',
      'x-request-id': 'req-1',
    };
    const res = await wallet().request('http://localhost:5173/api/echo/token-requests?x=1&y=%20z', {
      method: 'POST',
      body,
      headers: signed,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    const got = seen[0]!;
    expect(got.method).toBe('POST');
    expect(new URL(got.url).pathname + new URL(got.url).search).toBe('/api/echo/token-requests?x=1&y=%20z');
    expect(got.body).toBe(body);
    for (const [name, value] of Object.entries(signed)) expect(got.headers[name]).toBe(value);
    expect(got.headers['x-forwarded-host']).toBe('localhost:5173');
    expect(got.headers['x-forwarded-proto']).toBe('http');
  });

  it('relays other methods, with and without a body', async () => {
    seen = [];
    const w = wallet();
    expect((await w.request('/api/echo/tokens/t1', { method: 'DELETE' })).status).toBe(201);
    expect((await w.request('/api/echo/grants/g1', { method: 'PUT', body: 'replace' })).status).toBe(201);
    expect((await w.request('/api/echo/members?alias=a%40b.c')).status).toBe(201);
    expect(seen.map((s) => [s.method, new URL(s.url).pathname, s.body])).toEqual([
      ['DELETE', '/api/echo/tokens/t1', ''],
      ['PUT', '/api/echo/grants/g1', 'replace'],
      ['GET', '/api/echo/members', ''],
    ]);
    expect(new URL(seen[2]!.url).search).toBe('?alias=a%40b.c');
  });

  it('strips hop-by-hop fields, cookies and spoofed forwarding fields; adds no credential', async () => {
    seen = [];
    await wallet().request('/api/echo/x', {
      method: 'POST',
      body: '{}',
      headers: {
        connection: 'keep-alive, x-hop',
        'keep-alive': 'timeout=5',
        'x-hop': 'private to this hop',
        te: 'trailers',
        upgrade: 'websocket',
        'proxy-authorization': 'Basic c2VjcmV0',
        cookie: 'shop_session=abc',
        'x-forwarded-for': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        'x-kept': 'kept',
      },
    });
    const headers = seen[0]!.headers;
    for (const name of [
      'keep-alive',
      'x-hop',
      'te',
      'upgrade',
      'proxy-authorization',
      'cookie',
      'x-forwarded-for',
      'forwarded',
      'authorization',
    ]) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(headers['x-kept']).toBe('kept');
  });

  it("passes the cloud's status, body and headers back, without set-cookie", async () => {
    const res = await wallet().request('/api/echo/y');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-cloud')).toBe('yes');
    expect(res.headers.get('signature-input')).toBe('sig1=("@status");created=1');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const problemRes = await wallet().request('/api/problem');
    expect(problemRes.status).toBe(422);
    expect(problemRes.headers.get('content-type')).toBe('application/problem+json');
    expect(await problemRes.json()).toMatchObject({ code: 'Malformed' });
  });

  it('does not follow redirects itself', async () => {
    const res = await wallet().request('/api/redirect');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/api/elsewhere');
  });

  it('answers 502 problem+json when the cloud is down', async () => {
    const res = await wallet(await deadUrl(new Hono())).request('/api/token-requests/abc', { method: 'GET' });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'https://tokenos.dev/problems/CloudUnavailable',
      status: 502,
      title: 'Payment service unavailable',
      detail: 'The payment service cannot be reached right now.',
      code: 'CloudUnavailable',
    });
  });

  it('answers 504 problem+json when the cloud is too slow', async () => {
    const res = await wallet(cloud.url, { timeoutMs: 100 }).request('/api/slow');
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ status: 504, code: 'CloudTimeout' });
  });

  it('refuses bodies over the limit with 413 and relays nothing', async () => {
    seen = [];
    const res = await wallet(cloud.url, { maxBodyBytes: 16 }).request('/api/echo/big', {
      method: 'POST',
      body: 'x'.repeat(17),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PayloadTooLarge' });
    expect(seen).toHaveLength(0);
  });
});
