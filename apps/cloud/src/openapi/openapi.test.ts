import { describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { createCloudApp } from '../app.ts';
import { documentedOperations } from './document.ts';
import { operationDocs } from './operation-docs.ts';

const cloud = perFileCloud();

interface OperationObject {
  operationId?: string;
  security?: Record<string, string[]>[];
  'x-key-level'?: string;
  parameters?: ({ $ref: string } | { name: string; in: string })[];
  requestBody?: { content: Record<string, { schema: { type?: string; anyOf?: unknown[] } }> };
}
interface Document {
  openapi: string;
  info: { license?: { name: string } };
  servers: { url: string }[];
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    parameters: Record<string, { name: string; in: string; required: boolean; description: string }>;
    securitySchemes: Record<string, { type: string; description: string }>;
  };
}

async function fetchDocument(): Promise<Document> {
  const res = await cloud.app.request('http://cloud.test/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

function operationsOf(doc: Document): [string, OperationObject][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): [string, OperationObject] => [
      `${method.toUpperCase()} ${path}`,
      op,
    ]),
  );
}

describe('OpenAPI', () => {
  it('documents every route the app serves in production, and only those', () => {
    const app = createCloudApp(cloud.deps);
    const { operations, undocumented, unserved } = documentedOperations(app.routes);
    expect(undocumented, 'served but not described in any operation-docs.ts').toEqual([]);
    expect(unserved, 'described but not served').toEqual([]);
    expect(operations.length).toBeGreaterThan(50);
    for (const [key, doc] of Object.entries(operationDocs))
      for (const name of doc.requiredQuery ?? []) expect(Object.keys(doc.query ?? {}), key).toContain(name);
  });

  it('gives every operation a unique operationId and a security declaration read from its route', async () => {
    const doc = await fetchDocument();
    const ops = operationsOf(doc);
    const ids = ops.map(([, op]) => op.operationId);
    for (const [name, op] of ops) {
      expect(op.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(Array.isArray(op.security), `${name} declares security`).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Was served and missing; its signed() middleware names LOW (a bank's own key).
    const status = doc.paths['/api/v1/access/{tokenId}/status']?.get;
    expect(status?.security).toEqual([{ httpMessageSignature: [] }]);
    expect(status?.['x-key-level']).toBe('LOW');
    expect(doc.paths['/api/v1/members']?.post?.['x-key-level']).toBe('PRIVILEGED');
    expect(doc.paths['/api/v1/members/{memberId}']?.get?.security).toEqual([]);
    const scheme = doc.components.securitySchemes.httpMessageSignature;
    for (const word of [
      'RFC 9421',
      'Signature-Input',
      'Content-Digest',
      'keyid="<memberId>:<keyId>"',
      'created',
      'nonce',
    ])
      expect(scheme?.description).toContain(word);
  });

  it('says signed exactly where an unsigned request is refused for want of a signature', async () => {
    const doc = await fetchDocument();
    for (const [name, op] of operationsOf(doc)) {
      const [method, template] = name.split(' ') as [string, string];
      const path = template.replace(/\{\w+\}/g, 'A'.repeat(43));
      const res = await cloud.app.request(`http://cloud.test${path}`, { method });
      const isJson = (res.headers.get('content-type') ?? '').includes('json');
      const body = (isJson ? await res.json() : {}) as { code?: string; detail?: string; field?: string };
      expect(body.detail ?? '', name).not.toMatch(/^no route/);
      if (op['x-key-level']) {
        expect([res.status, body.code], name).toEqual([401, 'InvalidSignature']);
      } else if (op.security?.length) {
        // Claimant-signed: a claim named in the path is looked up (and refused) before its key can be.
        if (template.includes('{claimId}')) expect(body.field, name).toBe('claimId');
        else expect([res.status, body.code], name).toEqual([401, 'InvalidSignature']);
      } else {
        expect(body.code, name).not.toBe('InvalidSignature');
        // The widget is served only once built; unbuilt, its route answers 503 by design.
        const notBuilt = template.startsWith('/checkout/') && res.status === 503;
        if (!notBuilt) expect(res.status, name).toBeLessThan(500);
      }
    }
  });

  it('offers the Idempotency-Key header on every POST under /api, and on nothing else', async () => {
    const doc = await fetchDocument();
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    let posts = 0;
    for (const [name, op] of operationsOf(doc)) {
      const offered = (op.parameters ?? []).some((p) => '$ref' in p && p.$ref === ref.$ref);
      const isApiPost = name.startsWith('POST /api/');
      if (isApiPost) posts++;
      expect(offered, name).toBe(isApiPost);
    }
    expect(posts).toBeGreaterThan(20);
    const param = doc.components.parameters.IdempotencyKey;
    expect(param).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
    for (const word of [
      '24 hours',
      '422',
      'IdempotencyKeyReused',
      '409',
      'IdempotencyKeyInUse',
      'Idempotent-Replayed',
    ])
      expect(param?.description).toContain(word);
  });

  it('names the configured public URL as its server, a licence, and request bodies from the route schemas', async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: cloud.deps.config.publicUrl, description: expect.any(String) }]);
    expect(doc.info.license?.name).toBeTruthy();
    const endorse =
      doc.paths['/api/v1/tokens/{tokenId}/endorse']?.post?.requestBody?.content['application/json']?.schema;
    expect(endorse?.type).toBe('object');
  });

  it('serves a readable docs page under a strict CSP', async () => {
    const res = await cloud.app.request('http://cloud.test/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('/api/v1/tokens/{tokenId}/redeem');
    expect(html).toContain('/api/v1/access/{tokenId}/status');
  });
});
