import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletServer } from '../server/app.ts';
import { deadUrl, type Listening, listen, makeDist } from './helpers.ts';

let dist: ReturnType<typeof makeDist>;
let bank: Listening;
const seen: { path: string; headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  dist = makeDist();
  // A stand-in bank on a real port that records what reaches it.
  const app = new Hono();
  app.all('*', async (c) => {
    seen.push({
      path: new URL(c.req.url).pathname + new URL(c.req.url).search,
      headers: Object.fromEntries(c.req.raw.headers),
      body: await c.req.text(),
    });
    return c.json({ status: 'active' });
  });
  bank = await listen(app);
});
afterAll(async () => {
  await bank.close();
  dist.remove();
});

async function wallet() {
  return createWalletServer({
    cloudUrl: await deadUrl(new Hono()),
    distDir: dist.dir,
    banks: [
      { id: 'iron-bank', name: 'Iron Bank', url: bank.url },
      { id: 'gold-bank', name: 'Gold Bank', url: await deadUrl(new Hono()) },
    ],
  });
}

describe('banks', () => {
  it('publishes the banks to offer at /config.json', async () => {
    const res = await (await wallet()).request('/config.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const body = (await res.json()) as { banks: { id: string; name: string }[] };
    expect(body.banks.map((b) => b.id)).toEqual(['iron-bank', 'gold-bank']);
  });

  it('relays /banks/<id>/... to that bank with the path the wallet signed and the signature untouched', async () => {
    seen.length = 0;
    const headers = {
      'content-type': 'application/json',
      'content-digest': 'sha-256=:abc:',
      'signature-input': 'sig1=("@method" "@path" "@query" "content-digest");created=1;keyid="m:k"',
      signature: 'sig1=:c2ln:',
      cookie: 'session=other-app',
    };
    const res = await (await wallet()).request('/banks/iron-bank/connector/v1/links/finish?x=1', {
      method: 'POST',
      headers,
      body: '{"link":{}}',
    });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe('/connector/v1/links/finish?x=1');
    expect(seen[0]?.body).toBe('{"link":{}}');
    for (const name of ['content-digest', 'signature-input', 'signature'] as const)
      expect(seen[0]?.headers[name]).toBe(headers[name]);
    expect(seen[0]?.headers.cookie).toBeUndefined();
  });

  it('answers 503 BankUnavailable naming the bank when it is down, and 404 for a bank it does not offer', async () => {
    const app = await wallet();
    const down = await app.request('/banks/gold-bank/connector/v1/links/finish', {
      method: 'POST',
      body: '{}',
    });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      code: 'BankUnavailable',
      detail: 'Gold Bank cannot be reached right now.',
    });
    const unknown = await app.request('/banks/evil/connector/v1/links/finish', {
      method: 'POST',
      body: '{}',
    });
    expect(unknown.status).toBe(404);
  });
});
