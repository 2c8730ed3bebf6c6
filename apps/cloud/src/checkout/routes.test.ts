import { createHash } from 'node:crypto';
import { createTokenRequest } from '@tokenos/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../test/harness.ts';
import { makeWorld } from '../../test/world.ts';
import { checkoutRoutes, checkoutScriptFrom } from './routes.ts';

const js = new TextEncoder().encode('var TokenCheckout=(function(e){return e})({});\n');

describe('the script-tag build', () => {
  const app = checkoutRoutes({ script: checkoutScriptFrom(js) });

  it('is served immutable, cross-origin, with the bytes its SRI hash names', async () => {
    const res = await app.request('/v1/checkout.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body).toEqual(js);

    const sri = await app.request('/v1/sri.json');
    expect(sri.headers.get('access-control-allow-origin')).toBe('*');
    const { integrity } = (await sri.json()) as { integrity: string };
    expect(integrity).toBe(`sha384-${createHash('sha384').update(body).digest('base64')}`);
    expect(integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });

  it('serves each language’s words to any page, and names the field for a language it lacks', async () => {
    const polish = await app.request('/v1/words/pl');
    expect(polish.status).toBe(200);
    expect(polish.headers.get('access-control-allow-origin')).toBe('*');
    expect(await polish.json()).toMatchObject({ pay: 'Zapłać przez Token', cancel: 'Anuluj' });
    const unknown = await app.request('/v1/words/xx');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NotFound', field: 'locale' });
  });

  it('answers 503 problem+json when the widget was not built', async () => {
    const missing = checkoutRoutes({ script: undefined });
    for (const path of ['/v1/checkout.js', '/v1/sri.json']) {
      const res = await missing.request(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'Unavailable' });
    }
  });
});

describe('the cloud app', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it('mounts the widget under /checkout/v1', async () => {
    const res = await cloud.app.request('/checkout/v1/checkout.js');
    // 200 once the widget is built (e2e and npm start build it), 503 before: never a 404.
    expect([200, 503]).toContain(res.status);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('lets any page read a token request and its result (GET only, errors too), never write', async () => {
    const w = await makeWorld(cloud);
    const req = await createTokenRequest(w.shop, {
      body: {
        kind: 'transfer',
        amount: { value: '1.00', currency: 'EUR' },
        description: 'Order 1',
        refId: 'order-1',
      },
      requester: { name: 'Demo Shop', domain: 'localhost:5174' },
      returnOrigin: 'http://localhost:5174',
    });
    const origin = { origin: 'http://localhost:5174' };
    const view = await cloud.app.request(`/api/v1/token-requests/${req.id}`, { headers: origin });
    expect(view.status).toBe(200);
    expect(view.headers.get('access-control-allow-origin')).toBe('*');
    const pending = await cloud.app.request(`/api/v1/token-requests/${req.id}/result`, { headers: origin });
    expect(pending.status).toBe(404);
    expect(pending.headers.get('access-control-allow-origin')).toBe('*');
    const malformed = await cloud.app.request('/api/v1/token-requests/nope', { headers: origin });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('access-control-allow-origin')).toBe('*');

    const post = await cloud.app.request(`/api/v1/token-requests/${req.id}/result`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      body: JSON.stringify({ declined: true }),
    });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    // Elsewhere in the API nothing changes.
    const keys = await cloud.app.request('/api/v1/cloud/keys', { headers: origin });
    expect(keys.headers.get('access-control-allow-origin')).toBeNull();
  });
});
