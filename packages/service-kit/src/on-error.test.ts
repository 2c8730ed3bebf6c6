import { errorTitle, ProtocolError } from '@tokenos/protocol';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { onError } from './on-error.ts';
import { problemFor, problemResponse } from './problem.ts';

class DatabaseDown extends Error {}

function appThrowing(err: Error, logged: unknown[] = []): Hono {
  const app = new Hono();
  app.onError(
    onError({
      unavailable: (e) => (e instanceof DatabaseDown ? `${e.message}; retry shortly` : undefined),
      log: (_m, e) => logged.push(e),
    }),
  );
  app.notFound((c) => problemResponse(c, problemFor('NotFound', `no route ${c.req.method} ${c.req.path}`)));
  app.get('/', () => {
    throw err;
  });
  return app;
}

async function answer(
  res: Response,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  return {
    status: res.status,
    headers: {
      'content-type': res.headers.get('content-type') ?? '',
      'cache-control': res.headers.get('cache-control') ?? '',
      'retry-after': res.headers.get('retry-after') ?? '',
    },
    body: await res.json(),
  };
}

const problemHeaders = {
  'content-type': 'application/problem+json',
  'cache-control': 'no-store',
  'retry-after': '',
};

describe('onError', () => {
  it('answers a protocol error with its status, title, field and reasons', async () => {
    const reasons = [{ code: 'Expired', field: 'expiresAt', message: 'past' }] as const;
    const err = new ProtocolError('Replay', 'nonce n was already used by k', {
      field: 'signature-input',
      reasons,
    });
    expect(await answer(await appThrowing(err).request('/'))).toEqual({
      status: 401,
      headers: problemHeaders,
      body: {
        type: 'https://tokenos.dev/problems/Replay',
        title: 'Replayed request',
        status: 401,
        detail: 'nonce n was already used by k',
        code: 'Replay',
        field: 'signature-input',
        reasons,
      },
    });
  });

  it("sends a protocol error's expected and actual when they are small and plain, never bytes", async () => {
    const sent = new ProtocolError('Malformed', 'key: expected 32 bytes, got 31', {
      field: 'key',
      expected: 32,
      actual: 31,
    });
    expect(await (await appThrowing(sent).request('/')).json()).toMatchObject({ expected: 32, actual: 31 });
    const head = new ProtocolError('StaleLog', 'log ends before seq 4', {
      expected: { seq: 4, hash: 'h4' },
      actual: { seq: 2 },
    });
    expect(await (await appThrowing(head).request('/')).json()).toMatchObject({
      expected: { seq: 4, hash: 'h4' },
      actual: { seq: 2 },
    });
    const secret = new ProtocolError('InvalidSignature', 'bad key', {
      expected: new Uint8Array(32),
      actual: { key: { d: 'private' } },
    });
    const body = await (await appThrowing(secret).request('/')).json();
    expect(body).not.toHaveProperty('expected');
    expect(body).not.toHaveProperty('actual');
  });

  it.each([
    [413, 'PayloadTooLarge'],
    [404, 'NotFound'],
    [429, 'TooManyRequests'],
    [405, 'HttpError'],
  ] as const)('answers an HTTPException %i as %s', async (status, code) => {
    const res = await appThrowing(new HTTPException(status, { message: 'said by hono' })).request('/');
    expect(await answer(res)).toEqual({
      status,
      headers: problemHeaders,
      body: {
        type: `https://tokenos.dev/problems/${code}`,
        title: errorTitle[code],
        status,
        code,
        detail: 'said by hono',
      },
    });
  });

  it('names an HTTPException without a message by its code', async () => {
    const res = await appThrowing(new HTTPException(413)).request('/');
    expect(await res.json()).toMatchObject({ title: 'Request body too large', detail: 'PayloadTooLarge' });
  });

  it('answers an unavailable dependency 503 with Retry-After and the detail it was given', async () => {
    const res = await appThrowing(new DatabaseDown('the database is unavailable')).request('/');
    expect(await answer(res)).toEqual({
      status: 503,
      headers: { ...problemHeaders, 'retry-after': '1' },
      body: {
        type: 'https://tokenos.dev/problems/Unavailable',
        title: 'Service unavailable',
        status: 503,
        code: 'Unavailable',
        detail: 'the database is unavailable; retry shortly',
      },
    });
  });

  it('answers anything else 500 with no detail, and logs the cause', async () => {
    const logged: unknown[] = [];
    const err = new Error('secret internals');
    const res = await appThrowing(err, logged).request('/');
    expect(await answer(res)).toEqual({
      status: 500,
      headers: problemHeaders,
      body: {
        type: 'https://tokenos.dev/problems/Internal',
        title: 'Internal error',
        status: 500,
        code: 'Internal',
      },
    });
    expect(logged).toEqual([err]);
  });

  it('answers an unknown route through problemFor', async () => {
    const res = await appThrowing(new Error('unused')).request('/nowhere', { method: 'POST' });
    expect(await answer(res)).toEqual({
      status: 404,
      headers: problemHeaders,
      body: {
        type: 'https://tokenos.dev/problems/NotFound',
        title: 'Not found',
        status: 404,
        detail: 'no route POST /nowhere',
        code: 'NotFound',
      },
    });
  });
});
