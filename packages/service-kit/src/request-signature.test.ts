import {
  isProtocolError,
  keyPairFromSecret,
  nobleBackend,
  secretKeySigner,
  signRequest,
} from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import {
  assertKeyAlgorithm,
  assertSignedBy,
  inspectRequest,
  parseJsonBody,
  readBody,
} from './request-signature.ts';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const pair = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(7));
const key = { id: 'k1', algorithm: pair.algorithm, publicKey: pair.publicKey };
const keyid = 'm1:k1';

async function signedRequest(body: string, o: { at?: number; sendBody?: string } = {}): Promise<Request> {
  const bytes = new TextEncoder().encode(body);
  const signer = { ...secretKeySigner(pair.algorithm, pair.secretKey, nobleBackend), keyid };
  const headers = await signRequest({ method: 'POST', path: '/things', query: '?a=1', body: bytes }, signer, {
    now: o.at ?? now,
    nonce: 'nonce-aaaaaaaaaaaaaaaa',
  });
  return new Request('http://service.test/things?a=1', { method: 'POST', headers, body: o.sendBody ?? body });
}

async function failure(
  p: Promise<unknown> | (() => unknown),
): Promise<{ code: string; field?: string } | 'passed'> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'passed';
  } catch (e) {
    if (!isProtocolError(e)) throw e;
    return e.field === undefined ? { code: e.code } : { code: e.code, field: e.field };
  }
}

describe('inspectRequest', () => {
  it('returns the parameters, the base and the body bytes of a well-signed request', async () => {
    const { inspected, bytes } = await inspectRequest(await signedRequest('{"x":1}'), {
      maxBodyBytes: 100,
      now,
    });
    expect(inspected.params).toMatchObject({ keyid, algorithm: 'Ed25519', nonce: 'nonce-aaaaaaaaaaaaaaaa' });
    expect(new TextDecoder().decode(bytes)).toBe('{"x":1}');
    await assertSignedBy(nobleBackend, key, inspected);
  });

  it('refuses a body that is not the one signed, and a stale signature', async () => {
    const altered = await signedRequest('{"x":1}', { sendBody: '{"x":2}' });
    expect(await failure(inspectRequest(altered, { maxBodyBytes: 100, now }))).toMatchObject({
      code: 'InvalidSignature',
    });
    const stale = await signedRequest('{}', { at: now - 10 * 60_000 });
    expect(await failure(inspectRequest(stale, { maxBodyBytes: 100, now }))).toMatchObject({
      code: 'StaleRequest',
    });
  });

  it('refuses a body over the limit before looking at the signature', async () => {
    const req = await signedRequest('{"x":"0123456789"}');
    expect(await failure(inspectRequest(req, { maxBodyBytes: 8, now }))).toEqual({
      code: 'Malformed',
      field: 'body',
    });
  });
});

describe('readBody', () => {
  it('refuses a body longer than it declared', async () => {
    const req = new Request('http://service.test/', { method: 'POST', body: 'x'.repeat(20) });
    expect(await failure(readBody(req, 10))).toEqual({ code: 'Malformed', field: 'body' });
    expect(
      (await readBody(new Request('http://service.test/', { method: 'POST', body: 'xyz' }), 10)).length,
    ).toBe(3);
  });
});

describe('parseJsonBody', () => {
  it('parses UTF-8 JSON, reads an empty body as undefined, and refuses anything else as Malformed', async () => {
    expect(parseJsonBody(new TextEncoder().encode('{"a":"é"}'))).toEqual({ a: 'é' });
    expect(parseJsonBody(new Uint8Array())).toBeUndefined();
    expect(await failure(() => parseJsonBody(new Uint8Array([0x7b, 0xff, 0x7d])))).toEqual({
      code: 'Malformed',
      field: 'body',
    });
    expect(await failure(() => parseJsonBody(new TextEncoder().encode('{a:1}')))).toEqual({
      code: 'Malformed',
      field: 'body',
    });
  });
});

describe('assertKeyAlgorithm and assertSignedBy', () => {
  it('refuses a key of another algorithm than the signature names', async () => {
    const { inspected } = await inspectRequest(await signedRequest('{}'), { maxBodyBytes: 100, now });
    expect(await failure(() => assertKeyAlgorithm({ id: 'k1', algorithm: 'P-256' }, inspected))).toEqual({
      code: 'InvalidSignature',
      field: 'signature-input',
    });
    expect(await failure(() => assertKeyAlgorithm(key, inspected))).toBe('passed');
  });

  it('refuses a signature with any byte flipped, and a signature by another key', async () => {
    const { inspected } = await inspectRequest(await signedRequest('{}'), { maxBodyBytes: 100, now });
    for (const i of [0, 31, inspected.signature.length - 1]) {
      const signature = inspected.signature.slice();
      signature[i] = (signature[i] ?? 0) ^ 1;
      expect(await failure(assertSignedBy(nobleBackend, key, { ...inspected, signature }))).toEqual({
        code: 'InvalidSignature',
        field: 'signature',
      });
    }
    const other = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(8));
    expect(
      await failure(assertSignedBy(nobleBackend, { ...key, publicKey: other.publicKey }, inspected)),
    ).toEqual({
      code: 'InvalidSignature',
      field: 'signature',
    });
  });
});

describe('parseJsonBody refuses text no field takes (issue 13 item 4)', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('names the field of an escaped NUL, lone surrogate or bidi control', () => {
    for (const [raw, field] of [
      ['{"a":{"b":"x\\u0000"}}', 'a.b'],
      ['{"description":"\\ud800"}', 'description'],
      ['{"list":["ok","\\udc00"]}', 'list.1'],
      ['{"name":"Shop \\u202e"}', 'name'],
    ] as const) {
      let caught: unknown;
      try {
        parseJsonBody(bytes(raw));
      } catch (e) {
        caught = e;
      }
      expect(caught, raw).toMatchObject({ code: 'Malformed', field });
    }
    expect(parseJsonBody(bytes('{"a":"Café 😀"}'))).toEqual({ a: 'Café 😀' });
  });
});
