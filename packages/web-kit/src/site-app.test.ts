import { describe, expect, it } from 'vitest';
import { SessionStore, type StoredSession } from './session-store.ts';
import { createSiteApp } from './site-app.ts';

describe('createSiteApp', () => {
  const { app, session } = createSiteApp({
    config: { publicUrl: 'http://localhost:5175', cloudUrl: 'http://localhost:4000' },
    state: { ready: true },
    sessions: new SessionStore<StoredSession>((base) => base),
    cookieName: 'demo_session',
    now: () => 1,
    publicDir: new URL('../public/', import.meta.url),
    staticFiles: [],
  });
  app.post('/things', (c) => c.json({ session: session(c).id.length }, 201));

  it('puts the security headers on its own routes and on the site’s', async () => {
    for (const path of ['/health', '/static/base.css', '/nowhere']) {
      const res = await app.request(path);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self' http://localhost:4000");
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    }
    expect((await app.request('/static/base.css')).headers.get('cache-control')).toBe('no-cache');
  });

  it('takes writes from its own origin only, and gives a session cookie on first need', async () => {
    const foreign = await app.request('/things', {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    const own = await app.request('/things', {
      method: 'POST',
      headers: { origin: 'http://localhost:5175' },
    });
    expect(own.status).toBe(201);
    expect(await own.json()).toEqual({ session: 43 });
    expect(own.headers.get('set-cookie')).toMatch(/^demo_session=.{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  });
});
