import { describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { operations } from './operations.ts';

const cloud = perFileCloud();

describe('OpenAPI', () => {
  it('documents every operation, with request bodies generated from the schemas the routes parse', async () => {
    const res = await cloud.app.request('http://cloud.test/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { type?: string; anyOf?: unknown[] } }> } }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const op of operations)
      expect(doc.paths[op.path]?.[op.method], `${op.method} ${op.path}`).toBeDefined();
    const endorse =
      doc.paths['/api/v1/tokens/{tokenId}/endorse']?.post?.requestBody?.content['application/json']?.schema;
    expect(endorse?.type).toBe('object');
  });

  it('every documented path answers something other than "no route" (the list matches the app)', async () => {
    for (const op of operations) {
      const path = op.path.replace(/\{\w+\}/g, 'A'.repeat(43));
      const res = await cloud.app.request(`http://cloud.test${path}`, { method: op.method.toUpperCase() });
      const isJson = (res.headers.get('content-type') ?? '').includes('json');
      const body = (isJson ? await res.json() : {}) as { detail?: string };
      expect(body.detail ?? '', `${op.method} ${op.path}`).not.toMatch(/^no route/);
      // The widget is served only once built; unbuilt, its route answers 503 by design.
      const notBuilt = op.path.startsWith('/checkout/') && res.status === 503;
      if (!notBuilt) expect(res.status, `${op.method} ${op.path}`).toBeLessThan(500);
    }
  });

  it('serves a readable docs page under a strict CSP', async () => {
    const res = await cloud.app.request('http://cloud.test/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('/api/v1/tokens/{tokenId}/redeem');
  });
});
