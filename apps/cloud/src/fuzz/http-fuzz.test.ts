import { base64url, signRequest } from '@tokenos/protocol';
import {
  createToken,
  endorsementFor,
  endorseToken,
  type RequestSigner,
  transferTokenPayload,
} from '@tokenos/sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts, startTestCloud, type TestCloud } from '../../test/harness.ts';
import { makeWorld, type World } from '../../test/world.ts';

/**
 * Hostile input against the HTTP API (issue 8): mutated signed requests, bit flips in signatures
 * and bodies, wrong types, deep nesting, invalid UTF-8, unknown fields, re-signed garbage from an
 * authenticated member. Never a 5xx; never a change to any table (request nonces excepted: a
 * correctly signed request's nonce is spent by design, whatever its body; and "last used" of a
 * key, which an accepted repeat call notes like any accepted signed call).
 */

let cloud: TestCloud;
let w: World;
let tokenId: string;
let tables: string[];

beforeAll(async () => {
  cloud = await startTestCloud();
  w = await makeWorld(cloud);
  const payload = transferTokenPayload(w.alice, {
    payee: w.shop.id,
    amount: { value: '5.00', currency: 'EUR' },
    description: 'fuzz',
    refId: 'fuzz',
    source: w.aliceAccount,
  });
  const created = await createToken(w.alice, payload);
  await endorseToken(
    w.alice,
    created.id,
    await endorsementFor(w.alice, created.id, 'LOW', { method: 'exemption', exemption: 'LowValue' }),
  );
  tokenId = created.id;
  const rows = await cloud.db.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('request_nonces', 'schema_migrations', 'device_keys')",
  );
  tables = rows.map((r) => r.table_name).sort();
}, 120_000);
afterAll(async () => {
  await cloud.close();
});

const paths = () => [
  '/api/v1/members',
  `/api/v1/members/${w.alice.id}/operations`,
  `/api/v1/members/${w.alice.id}/passkeys/registration-options`,
  '/api/v1/aliases/verifications',
  '/api/v1/tokens',
  `/api/v1/tokens/${tokenId}/endorse`,
  `/api/v1/tokens/${tokenId}/cancel`,
  `/api/v1/tokens/${tokenId}/replace`,
  `/api/v1/tokens/${tokenId}/redeem`,
  `/api/v1/tokens/${tokenId}/cosign`,
  '/api/v1/token-requests',
  `/api/v1/token-requests/${'A'.repeat(43)}/result`,
];

/** Nested JSON text built as a string: 20,000 levels, deeper than any recursive walker survives. */
function deep(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
}

const bodyArb = fc.oneof(
  fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    new TextEncoder().encode(deep(20_000)),
    new TextEncoder().encode(`{"type":"DirectoryOperation","action":${deep(20_000)}}`),
    new TextEncoder().encode(`{"x":"${'A'.repeat(70_000)}"}`),
    Uint8Array.of(0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d),
    new TextEncoder().encode('{"type":"TransferToken","version":1,"__proto__":{"admin":true}}'),
    new TextEncoder().encode('{"type":"Endorsement","version":1,"tokenId":1e400}'),
  ),
);

async function signedFetch(
  path: string,
  body: Uint8Array,
  signer: RequestSigner,
  mutate: (h: Record<string, string>) => void,
): Promise<Response> {
  const headers = await signRequest({ method: 'POST', path, query: '', body }, signer, {
    now: cloud.clock.now,
    nonce: base64url(crypto.getRandomValues(new Uint8Array(16))),
  });
  const all: Record<string, string> = { ...headers, 'content-type': 'application/json' };
  mutate(all);
  return cloud.app.request(`http://cloud.test${path}`, {
    method: 'POST',
    headers: all,
    body: body as Uint8Array<ArrayBuffer>,
  });
}

describe('HTTP API under hostile input', () => {
  it('answers every mutated request with a 4xx problem and changes nothing', async () => {
    const before = await rowCounts(cloud.db, tables);
    const ledgerBefore = await w.bank.ledgerTotal();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 11 }),
        bodyArb,
        fc.constantFrom('none', 'flip-signature', 'drop-digest', 'garbage-input', 'stale', 'other-member'),
        fc.constantFrom<'LOW' | 'STANDARD' | 'PRIVILEGED'>('LOW', 'STANDARD', 'PRIVILEGED'),
        async (pathIndex, body, attack, level) => {
          const path = paths()[pathIndex]!;
          const signer = await (attack === 'other-member' ? w.shop : w.alice).signerFor(level);
          const res = await signedFetch(path, body, signer, (h) => {
            if (attack === 'flip-signature')
              h.signature = h.signature!.replace(/:(.)/, (_, c: string) => `:${c === 'A' ? 'B' : 'A'}`);
            if (attack === 'drop-digest') delete h['content-digest'];
            if (attack === 'garbage-input')
              h['signature-input'] = `sig1=("@method");created=${'9'.repeat(40)}`;
            if (attack === 'stale')
              h['signature-input'] = h['signature-input']!.replace(/created=\d+/, 'created=1');
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          // A 2xx is possible only where a call changes nothing (a repeated co-signature request);
          // the row counts after the run prove nothing was written.
          expect(res.status, `${attack} ${path}`).toBeLessThan(500);
          if (res.status >= 400)
            expect(res.headers.get('content-type')).toContain('application/problem+json');
        },
      ),
      { numRuns: 250, seed: 20261122 },
    );
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
    expect(await w.bank.ledgerTotal()).toBe(ledgerBefore);
    // The run exercised both the authentication layer and the handlers behind it.
    expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 401)).toBe(true);
  });

  it('answers unsigned garbage, huge headers and unknown routes without a 5xx', async () => {
    const cases: [string, RequestInit][] = [
      ['/api/v1/tokens', { method: 'POST', body: '{' }],
      [
        '/api/v1/tokens',
        { method: 'POST', headers: { 'signature-input': 'x'.repeat(20_000), signature: 'y' } },
      ],
      ['/api/v1/tokens/%ZZ', { method: 'GET' }],
      [`/api/v1/members/${'A'.repeat(5000)}/log`, { method: 'GET' }],
      ['/api/v1/aliases/resolve?type=EMAIL&value=%00', { method: 'GET' }],
      ['/api/v1/nope', { method: 'DELETE' }],
    ];
    const before = await rowCounts(cloud.db, tables);
    for (const [path, init] of cases) {
      const res = await cloud.app.request(`http://cloud.test${path}`, init);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });
});
