import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type SiteState, siteRoutes } from './site-routes.ts';

const dir = mkdtempSync(join(tmpdir(), 'web-kit-'));
writeFileSync(join(dir, 'site.js'), 'console.log(1);\n');
writeFileSync(join(dir, 'site.css'), 'p { color: red; }\n');
const publicDir = pathToFileURL(`${dir}/`);

describe('siteRoutes', () => {
  it('serves the named files and the base stylesheet, and nothing else', async () => {
    const app = siteRoutes({ state: { ready: true }, publicDir, staticFiles: ['site.js', 'site.css'] });
    const js = await app.request('/static/site.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('no-cache');
    expect(await js.text()).toBe('console.log(1);\n');
    const base = await app.request('/static/base.css');
    expect(base.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await base.text()).toContain('.skip:focus');
    for (const path of ['/static/other.js', '/static/..%2Fsite.js', '/static/%2e%2e%2fpackage.json']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('refuses at start a file it cannot serve', () => {
    expect(() => siteRoutes({ state: { ready: true }, publicDir, staticFiles: ['notes.txt'] })).toThrow(
      /expected a plain .css or .js name/,
    );
    expect(() => siteRoutes({ state: { ready: true }, publicDir, staticFiles: ['base.css'] })).toThrow(
      /the name is taken/,
    );
  });

  it('is healthy once ready, and serves the domain proof only while there is one', async () => {
    const state: SiteState = { ready: false };
    const app = siteRoutes({ state, publicDir, staticFiles: [] });
    expect((await app.request('/health')).status).toBe(503);
    expect((await app.request('/.well-known/tokenos-member')).status).toBe(404);
    state.domainProof = { memberId: 'M'.repeat(43), token: 'tok' };
    state.ready = true;
    expect(await (await app.request('/health')).json()).toEqual({ ok: true });
    expect(await (await app.request('/.well-known/tokenos-member')).json()).toEqual(state.domainProof);
  });
});
