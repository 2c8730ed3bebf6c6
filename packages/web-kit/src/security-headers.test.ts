import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers.ts';

describe('contentSecurityPolicy', () => {
  it('allows script, images (the phone QR code) and connections to the cloud’s origin only, and nothing inline', () => {
    expect(contentSecurityPolicy('http://localhost:4000')).toBe(
      [
        "default-src 'self'",
        "script-src 'self' http://localhost:4000",
        "style-src 'self'",
        "img-src 'self' data: http://localhost:4000",
        "connect-src 'self' http://localhost:4000",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        "require-trusted-types-for 'script'",
      ].join('; '),
    );
  });

  it('names the origin of the cloud URL, never its path', () => {
    const csp = contentSecurityPolicy('https://cloud.example:8443/api/');
    expect(csp).toContain("script-src 'self' https://cloud.example:8443;");
    expect(csp).toContain("connect-src 'self' https://cloud.example:8443;");
    expect(csp).not.toContain('/api');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('securityHeaders', () => {
  const app = new Hono()
    .use(securityHeaders({ contentSecurityPolicy: "default-src 'self'" }))
    .get('/page', (c) => c.html('<p>hi</p>'))
    .get('/cached', (c) => c.body('x', 200, { 'cache-control': 'no-cache' }))
    .get('/fails', () => {
      throw new Error('boom');
    });
  app.onError((_e, c) => c.text('failed', 500));

  it('sets the headers on pages, and no-store unless the handler chose a Cache-Control', async () => {
    const page = await app.request('/page');
    expect(Object.fromEntries(page.headers)).toMatchObject({
      'content-security-policy': "default-src 'self'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-opener-policy': 'same-origin-allow-popups',
      'cache-control': 'no-store',
    });
    expect((await app.request('/cached')).headers.get('cache-control')).toBe('no-cache');
  });

  it('sets them on error answers and on 404s too', async () => {
    for (const path of ['/fails', '/nowhere']) {
      const res = await app.request(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
