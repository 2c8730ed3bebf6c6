import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sameOriginWrites } from './same-origin.ts';
import { type SessionEnv, sessionCookie } from './session-cookie.ts';
import { SessionStore, type StoredSession } from './session-store.ts';

interface Visits extends StoredSession {
  visits: number;
}

function site(publicUrl: string) {
  const sessions = new SessionStore<Visits>((base) => ({ ...base, visits: 0 }));
  const cookie = sessionCookie({ name: 'site_session', sessions, now: () => 1, publicUrl });
  const app = new Hono<SessionEnv<Visits>>()
    .use(cookie.middleware)
    .use(sameOriginWrites(publicUrl))
    .get('/peek', (c) => c.json({ visits: c.get('session')?.visits ?? null }))
    .post('/visit', (c) => c.json({ visits: ++cookie.ensure(c).visits }));
  return app;
}

describe('sessionCookie', () => {
  it('creates a session on first need, behind an HttpOnly SameSite=Lax cookie', async () => {
    const app = site('http://localhost:5174');
    expect(await (await app.request('/peek')).json()).toEqual({ visits: null });
    const first = await app.request('/visit', {
      method: 'POST',
      headers: { origin: 'http://localhost:5174' },
    });
    const set = first.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^site_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = set.split(';')[0]!;
    const again = await app.request('/visit', {
      method: 'POST',
      headers: { origin: 'http://localhost:5174', cookie },
    });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.json()).toEqual({ visits: 2 });
    expect(await (await app.request('/peek', { headers: { cookie } })).json()).toEqual({ visits: 2 });
    expect(await (await app.request('/peek', { headers: { cookie: 'site_session=forged' } })).json()).toEqual(
      { visits: null },
    );
  });

  it('marks the cookie Secure on an https site', async () => {
    const app = site('https://shop.example');
    const res = await app.request('/visit', { method: 'POST', headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('set-cookie')).toContain('; Secure');
  });
});

describe('sameOriginWrites', () => {
  const app = site('http://localhost:5174');
  const post = (headers: Record<string, string>) => app.request('/visit', { method: 'POST', headers });

  it('refuses a POST from a foreign origin or marked cross-site (CSRF)', async () => {
    const foreign = await post({ origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({
      code: 'Forbidden',
      detail: 'requests must come from http://localhost:5174',
    });
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('lets through its own origin, same-origin fetches, and clients that send neither header', async () => {
    expect((await post({ origin: 'http://localhost:5174' })).status).toBe(200);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post({})).status).toBe(200);
    expect((await app.request('/peek', { headers: { origin: 'http://evil.example' } })).status).toBe(200);
  });
});
