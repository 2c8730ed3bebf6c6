import { nobleBackend, secretKeySigner } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { isApiError } from './api-error.ts';
import { CloudClient, type RequestSigner } from './client.ts';

// The network is the boundary under test here: `fetch` is scripted, one step per attempt. The
// cloud's side (the stored answer given again) is tested against the real app in
// apps/cloud/src/auth/idempotency-sdk.test.ts.

const signer: RequestSigner = {
  ...secretKeySigner('Ed25519', new Uint8Array(32).fill(7), nobleBackend),
  keyid: 'member:key',
};

type Step = 'network' | Response;

function scripted(steps: Step[]) {
  const seen: Headers[] = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    seen.push(new Headers(init?.headers));
    const step = steps.shift() ?? new Response('{"ok":true}', { status: 201 });
    if (step === 'network') throw new TypeError('fetch failed');
    return step;
  };
  return { seen, client: new CloudClient({ baseUrl: 'http://cloud.test', fetch }) };
}

function problem(status: number, code: string): Response {
  return new Response(JSON.stringify({ type: 'x', title: code, status, code, detail: code }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

describe('CloudClient retries and Idempotency-Key', () => {
  it('sends a POST again after network failures under the same key, signed afresh each time', async () => {
    const { seen, client } = scripted(['network', 'network']);
    expect(await client.send('POST', '/api/v1/things', { a: 1 }, signer)).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    const keys = seen.map((h) => h.get('idempotency-key'));
    expect(keys[0]).toMatch(/^"[0-9a-f-]{32,36}"$/);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(seen.map((h) => h.get('signature-input'))).size).toBe(3);
  });

  it('gives each operation its own key', async () => {
    const { seen, client } = scripted([]);
    await client.send('POST', '/api/v1/things', { a: 1 }, signer);
    await client.send('POST', '/api/v1/things', { a: 1 }, signer);
    expect(seen[0]?.get('idempotency-key')).not.toBe(seen[1]?.get('idempotency-key'));
  });

  it('waits out 409 IdempotencyKeyInUse (its own earlier attempt) but never retries other HTTP errors', async () => {
    const busy = scripted(['network', problem(409, 'IdempotencyKeyInUse')]);
    expect(await busy.client.send('POST', '/api/v1/things', {}, signer)).toEqual({ ok: true });
    expect(busy.seen).toHaveLength(3);
    for (const [status, code] of [
      [500, 'Internal'],
      [503, 'Unavailable'],
      [409, 'Conflict'],
    ] as const) {
      const s = scripted([problem(status, code)]);
      const error = await s.client.send('POST', '/api/v1/things', {}, signer).catch((e: unknown) => e);
      expect(isApiError(error, code), code).toBe(true);
      expect(s.seen).toHaveLength(1);
    }
  });

  it('gives up after three retries with the network error, and sends no key and no retry for other methods', async () => {
    const down = scripted(['network', 'network', 'network', 'network', 'network']);
    await expect(down.client.send('POST', '/api/v1/things', {}, signer)).rejects.toThrow('fetch failed');
    expect(down.seen).toHaveLength(4);
    const del = scripted(['network']);
    await expect(del.client.send('DELETE', '/api/v1/things/1', undefined, signer)).rejects.toThrow(
      'fetch failed',
    );
    expect(del.seen).toHaveLength(1);
    expect(del.seen[0]?.get('idempotency-key')).toBeNull();
  });

  it('does not retry a call its own deadline ended, nor any call of a client set to 0 retries', async () => {
    for (const [failure, retries] of [
      [new DOMException('The operation timed out.', 'TimeoutError'), undefined],
      [new DOMException('The operation was aborted.', 'AbortError'), undefined],
      [new TypeError('fetch failed'), 0],
    ] as const) {
      let attempts = 0;
      const client = new CloudClient({
        baseUrl: 'http://cloud.test',
        ...(retries === undefined ? {} : { networkRetries: retries }),
        fetch: async () => {
          attempts++;
          throw failure;
        },
      });
      await expect(client.send('POST', '/api/v1/things', {}, signer)).rejects.toBe(failure);
      expect(attempts, failure.name).toBe(1);
    }
  });
});
