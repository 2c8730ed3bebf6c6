import { base64url, signRequest, utf8 } from '@tokenos/protocol';
import type { RequestSigner } from '@tokenos/sdk';
import { expect } from 'vitest';
import type { TestCloud } from './harness.ts';

export interface RawSigned {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Builds a signed request by hand, so a test can replay, tamper with or re-time it. */
export async function buildSigned(
  cloud: TestCloud,
  method: string,
  path: string,
  body: unknown,
  signer: RequestSigner,
  opts: { now?: number; nonce?: string; rawBody?: string } = {},
): Promise<RawSigned> {
  const text = opts.rawBody ?? JSON.stringify(body);
  const url = new URL(path, 'http://cloud.test');
  const headers = await signRequest(
    { method, path: url.pathname, query: url.search, body: utf8(text) },
    signer,
    {
      now: opts.now ?? cloud.clock.now,
      nonce: opts.nonce ?? base64url(crypto.getRandomValues(new Uint8Array(16))),
    },
  );
  return { method, path, body: text, headers: { ...headers, 'content-type': 'application/json' } };
}

export async function send(cloud: TestCloud, req: RawSigned): Promise<Response> {
  return cloud.app.request(`http://cloud.test${req.path}`, {
    method: req.method,
    headers: req.headers,
    body: req.body,
  });
}

export async function problemOf(
  res: Response,
): Promise<{ status: number; code: string; field?: string; detail?: string }> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { code: string; field?: string; detail?: string };
  return { status: res.status, ...body };
}

/** A GET signed by `signer` (no body), answered by the test cloud as it is. */
export async function signedGet(cloud: TestCloud, path: string, signer: RequestSigner): Promise<Response> {
  const url = new URL(path, 'http://cloud.test');
  const headers = await signRequest(
    { method: 'GET', path: url.pathname, query: url.search, body: new Uint8Array(0) },
    signer,
    { now: cloud.clock.now, nonce: base64url(crypto.getRandomValues(new Uint8Array(16))) },
  );
  return cloud.app.request(url.href, { method: 'GET', headers });
}
