import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletServer } from '../server/app.ts';
import { contentSecurityPolicy } from '../server/security-headers.ts';
import { deadUrl, makeDist, shellHtml } from './helpers.ts';

let dist: ReturnType<typeof makeDist>;
let app: Hono;

beforeAll(async () => {
  dist = makeDist();
  app = createWalletServer({ cloudUrl: await deadUrl(new Hono()), distDir: dist.dir });
});
afterAll(() => dist.remove());

function expectSecurityHeaders(res: Response, coop = 'same-origin-allow-popups'): void {
  expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('permissions-policy')).toBe(
    'publickey-credentials-get=(self), publickey-credentials-create=(self), payment=(self)',
  );
  expect(res.headers.get('cross-origin-opener-policy')).toBe(coop);
}

describe('content security policy', () => {
  it('allows nothing inline and nothing from other origins', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy).toContain("connect-src 'self'");
  });
});

describe('security headers on every response', () => {
  it('on the shell at /', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(shellHtml);
    expectSecurityHeaders(res);
  });

  it('on the shell for /setup (SPA fallback), revalidated on each use', async () => {
    const res = await app.request('/setup');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(shellHtml);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expectSecurityHeaders(res);
  });

  it('on /approve with COOP unsafe-none, so a merchant popup keeps window.opener', async () => {
    for (const path of ['/approve?request=abc', '/approve/']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(shellHtml);
      expectSecurityHeaders(res, 'unsafe-none');
    }
  });

  it('on an unknown page: the shell with status 404', async () => {
    const res = await app.request('/no-such-page');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(shellHtml);
    expectSecurityHeaders(res);
  });

  it('on a missing file: problem+json 404', async () => {
    const res = await app.request('/assets/missing-123.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, code: 'NotFound' });
    expectSecurityHeaders(res);
  });

  it('on a method the static server does not serve', async () => {
    const res = await app.request('/', { method: 'POST' });
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
  });

  it('on static files, hashed assets cached for good', async () => {
    const res = await app.request('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(res);
    const sw = await app.request('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
  });

  it('on /health', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expectSecurityHeaders(res);
  });

  it('on relay failures (cloud down)', async () => {
    const res = await app.request('/api/token-requests/x');
    expect(res.status).toBe(502);
    expectSecurityHeaders(res);
  });

  it('refuses path traversal', async () => {
    const res = await app.request('/..%2f..%2fetc/passwd');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('root:');
  });
});

describe('before the wallet is built', () => {
  it('answers 503 problem+json saying what to run', async () => {
    const empty = createWalletServer({ cloudUrl: 'http://127.0.0.1:9', distDir: `${dist.dir}/nothing-here` });
    const res = await empty.request('/');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      code: 'Unavailable',
      detail: expect.stringContaining('npm run build -w @tokenos/wallet'),
    });
    expectSecurityHeaders(res);
  });
});
