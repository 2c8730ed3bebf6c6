import {
  answerTokenRequest,
  createToken,
  createTokenRequest,
  endorsementFor,
  endorseToken,
  getTokenRequest,
  transferTokenPayload,
} from '@tokenos/sdk';
import { correction, generate } from 'lean-qr';
import { describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { makeWorld, type World } from '../../test/world.ts';
import { phoneApprovalUrl } from './routes.ts';

// "A desktop checkout approved on the phone" (issue 15 item 4): the desktop widget long-polls the
// cloud for the signed result and shows a QR code the cloud draws.

const cloud = perFileCloud();
const base = 'http://cloud.test/api/v1/token-requests';

async function payRequest(w: World) {
  return createTokenRequest(w.shop, {
    body: {
      kind: 'transfer',
      amount: { value: '4.20', currency: 'EUR' },
      description: 'Order 7',
      refId: `order-${crypto.randomUUID()}`,
    },
    requester: { name: 'Demo Shop', domain: 'localhost:5174' },
    returnOrigin: 'http://localhost:5174',
  });
}

async function approve(w: World, requestId: string) {
  const { request } = await getTokenRequest(w.alice.client, requestId);
  if (request.body.kind !== 'transfer') throw new Error('not a payment');
  const created = await createToken(
    w.alice,
    transferTokenPayload(w.alice, {
      payee: request.signer.memberId,
      amount: request.body.amount,
      description: request.body.description,
      refId: request.body.refId,
      source: w.aliceAccount,
      requestId,
    }),
  );
  const endorsement = await endorsementFor(w.alice, created.id, 'LOW', {
    method: 'exemption',
    exemption: 'LowValue',
  });
  const token = await endorseToken(w.alice, created.id, endorsement);
  return answerTokenRequest(w.alice, requestId, { tokenId: token.id });
}

describe('GET /token-requests/{id}/result?wait= (long polling)', () => {
  it('answers as soon as the request is approved, with the signed result and the public CORS header', async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w);
    const started = Date.now();
    const held = Promise.resolve(cloud.app.request(`${base}/${req.id}/result?wait=20`));
    let answeredAt = 0;
    void held.then(() => {
      answeredAt = Date.now();
    });
    // Still held while nobody has answered.
    await expect.poll(() => answeredAt, { timeout: 300 }).toBe(0);
    const result = await approve(w, req.id);
    const approvedAt = Date.now();
    const res = await held;
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual(result);
    expect(answeredAt - approvedAt).toBeLessThan(1000);
    expect(answeredAt - started).toBeLessThan(20_000);
  });

  it('answers at once when the request was answered before', async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w);
    const result = await approve(w, req.id);
    const res = await cloud.app.request(`${base}/${req.id}/result?wait=25`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(result);
  });

  it('times out empty (204) when nobody answers within the wait', async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w);
    const started = Date.now();
    const res = await cloud.app.request(`${base}/${req.id}/result?wait=1`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // Without wait, as before: 404 while there is no answer.
    expect((await cloud.app.request(`${base}/${req.id}/result`)).status).toBe(404);
  });

  it('an unknown request id is a 404 at once; a bad wait is a 400 naming it', async () => {
    const unknown = 'A'.repeat(43);
    const res = await cloud.app.request(`${base}/${unknown}/result?wait=25`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NotFound', field: 'requestId' });
    for (const wait of ['26', '-1', 'soon', '1.5']) {
      const bad = await cloud.app.request(`${base}/${unknown}/result?wait=${wait}`);
      expect(bad.status, wait).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'Malformed', field: 'wait' });
    }
  });
});

describe('GET /token-requests/{id}/qr', () => {
  const nonce = 'n'.repeat(43);

  it("draws the wallet's approval link for the request and the desktop's nonce as an SVG", async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w);
    const res = await cloud.app.request(`${base}/${req.id}/qr?nonce=${nonce}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const svg = await res.text();
    const url = phoneApprovalUrl('http://localhost:5173', req.id, nonce);
    expect(url).toBe(`http://localhost:5173/approve?request=${req.id}&nonce=${nonce}&handoff=1`);
    // Every dark module lean-qr gives for that link (level M), and no other: the image encodes exactly it.
    const bitmap = generate(url, { minCorrectionLevel: correction.M });
    const size = bitmap.size + 8;
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    let dark = 0;
    for (let y = 0; y < bitmap.size; y++)
      for (let x = 0; x < bitmap.size; x++)
        if (bitmap.get(x, y)) {
          dark++;
          expect(svg.includes(`M${x + 4} ${y + 4}h1v1h-1z`)).toBe(true);
        }
    expect(svg.split('h1v1h-1z').length - 1).toBe(dark);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('refuses an unknown request (404), a missing or bad nonce and a foreign wallet (400 naming them)', async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w);
    expect((await cloud.app.request(`${base}/${'B'.repeat(43)}/qr?nonce=${nonce}`)).status).toBe(404);
    for (const [query, field] of [
      ['', 'nonce'],
      ['nonce=short', 'nonce'],
      [`nonce=${nonce}&wallet=https://evil.example`, 'wallet'],
    ] as const) {
      const res = await cloud.app.request(`${base}/${req.id}/qr?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ field });
    }
  });
});
