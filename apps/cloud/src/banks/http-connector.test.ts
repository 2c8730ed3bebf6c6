import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import {
  type BankEndorsement,
  base64url,
  inspectSignedRequest,
  isProtocolError,
  keyIdOf,
  keyPairFromSecret,
  type ProtocolError,
  secretKeySigner,
  setSignatureBackend,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BankConnector, BankUnavailableError, type CosignRequest } from './connector.ts';
import { HttpBankConnector } from './http-connector.ts';
import { BankRegistry } from './registry.ts';

const secret = new Uint8Array(randomBytes(32));
const pair = keyPairFromSecret('Ed25519', secret);
const cloudKey = {
  keyId: keyIdOf('Ed25519', pair.publicKey),
  signer: secretKeySigner('Ed25519', pair.secretKey, nodeBackend),
};
const bankId = base64url(new Uint8Array(randomBytes(32)));
const down = new Set<string>();

/** A bank that checks the cloud's RFC 9421 signature itself and answers what the test needs. */
function fakeBank(id: string, name: string) {
  const app = new Hono();
  const seen: { keyid: string; verified: boolean }[] = [];
  app.get('/.well-known/tokenos-bank', (c) =>
    c.json({ memberId: id, name, bankCode: name.slice(0, 4).toUpperCase() }),
  );
  app.post('/connector/v1/:op', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    const url = new URL(c.req.url);
    const inspected = inspectSignedRequest(
      { method: 'POST', path: url.pathname, query: url.search, body, headers: c.req.raw.headers },
      Date.now(),
    );
    const verified = await nodeBackend.verify(
      'Ed25519',
      pair.publicKey,
      inspected.base,
      inspected.signature,
      { lowS: true },
    );
    seen.push({ keyid: inspected.params.keyid, verified });
    const request = JSON.parse(new TextDecoder().decode(body)) as { tokenId: string; refId?: string };
    switch (request.refId ?? c.req.param('op')) {
      case 'cosign':
        return c.json({
          type: 'BankEndorsement',
          version: 1,
          tokenId: request.tokenId,
          endorsement: request.tokenId,
          signer: { memberId: id, keyId: cloudKey.keyId },
          createdAt: 1,
          signature: 'AAAA',
        });
      case 'funds':
        return c.json({ status: 'RJCT', reason: 'AM04', detail: 'insufficient funds' });
      case 'refused':
        return c.json(
          {
            type: 'https://tokenos.dev/problems/ScaRequired',
            title: 'x',
            status: 403,
            code: 'ScaRequired',
            detail: 'passkey needed',
            field: 'endorsement.sca',
            expected: 'passkey',
            actual: 'exemption',
            reasons: [
              { code: 'custom', field: 'endorsement.sca', message: 'no passkey' },
              { code: 'BankOwnRule', message: 'a rule the cloud does not know' },
            ],
          },
          403,
        );
      case 'odd':
        return c.json({ code: 'SomethingNew', detail: 'a code the cloud does not know' }, 418);
      case 'busy':
        return c.json({ code: 'Unavailable', detail: 'retry' }, 503);
      case 'slow':
        await new Promise((r) => setTimeout(r, 3_000));
        return c.json({ status: 'ACSC', bankReference: 'late' });
      case 'garbled':
        return c.json({ status: 'DONE' });
      default:
        return c.json({ status: 'ACSC', bankReference: 'IRON-1' });
    }
  });
  return { app, seen };
}

const iron = fakeBank(bankId, 'Iron Bank');
const goldId = base64url(new Uint8Array(randomBytes(32)));
const gold = fakeBank(goldId, 'Gold Bank');
const apps: Record<string, Hono> = { 'http://iron.test': iron.app, 'http://gold.test': gold.app };
const fetchVia: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const app = apps[url.origin];
  if (!app || down.has(url.origin)) throw new TypeError('fetch failed');
  // As a real fetch does, give up when the signal aborts (AbortSignal.timeout).
  const signal = init?.signal;
  const aborted = new Promise<never>((_, reject) =>
    signal?.addEventListener('abort', () => reject(signal.reason)),
  );
  return Promise.race([app.request(url.href, init), aborted]);
};

beforeAll(() => {
  setSignatureBackend(nodeBackend);
});

// Timeouts generous enough for a loaded machine; only `impatient` is meant to give up (on 'slow').
const connector = new HttpBankConnector({
  bankId,
  baseUrl: 'http://iron.test',
  cloudKey,
  fetch: fetchVia,
  timeoutMs: 10_000,
});
const impatient = new HttpBankConnector({
  bankId,
  baseUrl: 'http://iron.test',
  cloudKey,
  fetch: fetchVia,
  timeoutMs: 200,
});
const tokenId = base64url(new Uint8Array(randomBytes(32)));
const execute = (refId: string, via: BankConnector = connector) =>
  via.execute({
    transferId: 't1',
    tokenId,
    refId,
    payload: {} as never,
    endorsement: {} as never,
    bankEndorsement: {} as never,
    amount: { value: '1.00', currency: 'EUR' },
    destination: { bankId, accountRef: 'abcdefgh' },
  });

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('HttpBankConnector', () => {
  it('signs every call with the cloud key under keyid cloud:<keyId> and parses the answer', async () => {
    const cosig: BankEndorsement = await connector.cosign({
      tokenId,
      payload: {},
      endorsement: {},
    } as unknown as CosignRequest);
    expect(cosig.tokenId).toBe(tokenId);
    expect(await execute('ok')).toEqual({ status: 'ACSC', bankReference: 'IRON-1' });
    expect(await execute('funds')).toEqual({ status: 'RJCT', reason: 'AM04', detail: 'insufficient funds' });
    expect(iron.seen.length).toBeGreaterThanOrEqual(3);
    for (const s of iron.seen) expect(s).toEqual({ keyid: `cloud:${cloudKey.keyId}`, verified: true });
  });

  it('turns a problem+json refusal into a ProtocolError with the bank’s code', async () => {
    const e = (await failure(execute('refused'))) as ProtocolError;
    expect(isProtocolError(e)).toBe(true);
    expect(e.code).toBe('ScaRequired');
    expect(e.field).toBe('endorsement.sca');
    expect(e.message).toContain('passkey needed');
    // Read by the one problem+json parser: expected/actual kept, a reason code not ours left out.
    expect(e).toMatchObject({ expected: 'passkey', actual: 'exemption' });
    expect(e.reasons).toEqual([{ code: 'custom', field: 'endorsement.sca', message: 'no passkey' }]);
    const odd = (await failure(execute('odd'))) as ProtocolError;
    expect(odd.code).toBe('Forbidden');
    expect(odd.message).toContain('SomethingNew');
    expect(((await failure(execute('garbled'))) as ProtocolError).code).toBe('Malformed');
  });

  it('reports a bank that is down, busy or too slow as unavailable, never as a result', async () => {
    expect(await failure(execute('busy'))).toBeInstanceOf(BankUnavailableError);
    expect(await failure(execute('slow', impatient))).toBeInstanceOf(BankUnavailableError);
    down.add('http://iron.test');
    try {
      expect(await failure(execute('ok'))).toBeInstanceOf(BankUnavailableError);
    } finally {
      down.delete('http://iron.test');
    }
  });
});

describe('BankRegistry', () => {
  it('maps each bank’s member id to its URL from /.well-known/tokenos-bank, resolving late starters on demand', async () => {
    const clock = { now: Date.now() };
    const registry = new BankRegistry({
      urls: ['http://iron.test', 'http://gold.test'],
      cloudKey,
      fetch: fetchVia,
      now: () => clock.now,
      timeoutMs: 10_000,
    });
    down.add('http://gold.test');
    try {
      await registry.refresh();
      expect(registry.banks().map((b) => b.name)).toEqual(['Iron Bank']);
      expect(registry.connectorFor(bankId)).toBeInstanceOf(HttpBankConnector);
      // Gold has not answered yet: a call naming it is "unavailable", not "unknown bank".
      const deferred = registry.connectorFor(goldId);
      expect(deferred).toBeDefined();
      expect(await failure(execute('ok', deferred!))).toBeInstanceOf(BankUnavailableError);
    } finally {
      down.delete('http://gold.test');
    }
    // Gold is up: the same kind of call resolves it first and goes through.
    expect(await execute('ok', registry.connectorFor(goldId)!)).toEqual({
      status: 'ACSC',
      bankReference: 'IRON-1',
    });
    expect(gold.seen.at(-1)).toEqual({ keyid: `cloud:${cloudKey.keyId}`, verified: true });
    expect(registry.connectorFor(goldId)).toBeInstanceOf(HttpBankConnector);
    // Everything resolved and fresh: an unknown member is no bank.
    expect(registry.connectorFor(tokenId)).toBeUndefined();
    // Later, an unknown member is looked up again (a bank may have re-registered).
    clock.now += 60_000;
    const again = registry.connectorFor(tokenId);
    expect(again).toBeDefined();
    expect(((await failure(again!.cosign({} as never))) as ProtocolError).code).toBe('NotFound');
  });
});
