import { createToken, endorsementFor, type Member, transferTokenPayload } from '@tokenos/sdk';
import { idempotencyWindowMs, idempotentReplayedHeader, purgeIdempotencyKeys } from '@tokenos/service-kit';
import { describe, expect, it } from 'vitest';
import { perFileCloud, rowCounts, type TestCloud } from '../../test/harness.ts';
import { buildSigned, problemOf, type RawSigned, send } from '../../test/raw-request.ts';
import { makeWorld, type World } from '../../test/world.ts';
import { createCloudApp } from '../app.ts';
import type { BankConnector } from '../banks/connector.ts';

const cloud = perFileCloud();

function withKey(req: RawSigned, key: string): RawSigned {
  return { ...req, headers: { ...req.headers, 'idempotency-key': key } };
}

/** A second instance of the cloud on the same database, as another process would run it. */
async function secondApp(c: TestCloud): Promise<ReturnType<typeof createCloudApp>> {
  return createCloudApp({ ...c.deps, db: await c.db.openSibling() });
}

async function sendTo(app: ReturnType<typeof createCloudApp>, req: RawSigned): Promise<Response> {
  return app.request(`http://cloud.test${req.path}`, {
    method: req.method,
    headers: req.headers,
    body: req.body,
  });
}

/**
 * The world's bank behind a connector that counts co-signatures (the effect of an endorsement) and,
 * while `hold` is set, keeps each one waiting until it is released: the first request stays running.
 */
function countingBank(w: World) {
  const inner = w.bank;
  const state = { cosigns: 0, waiting: 0, hold: undefined as Promise<void> | undefined };
  const connector: BankConnector = {
    bankId: inner.bankId,
    cosign: async (r) => {
      state.cosigns++;
      if (state.hold) {
        state.waiting++;
        await state.hold;
      }
      return inner.cosign(r);
    },
    execute: (r) => inner.execute(r),
    readAccounts: (r) => inner.readAccounts(r),
    readBalance: (r) => inner.readBalance(r),
    readTransactions: (r) => inner.readTransactions(r),
  };
  cloud.banks.set(inner.bankId, connector);
  return state;
}

async function newTransferToken(w: World, description = 'idempotency'): Promise<string> {
  const token = await createToken(
    w.alice,
    transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: { value: '10.00', currency: 'EUR' },
      description,
      refId: `idem-${Math.random()}`,
      source: w.aliceAccount,
    }),
  );
  return token.id;
}

async function endorseRequest(w: World, tokenId: string): Promise<RawSigned> {
  const endorsement = await endorsementFor(w.alice, tokenId, 'LOW', {
    method: 'exemption',
    exemption: 'LowValue',
  });
  return buildSigned(
    cloud,
    'POST',
    `/api/v1/tokens/${tokenId}/endorse`,
    endorsement,
    await w.alice.signerFor('LOW'),
  );
}

/** POST /api/v1/tokens for a transfer token `member` pays to the other party of the world. */
async function createRequest(member: Member, w: World, description: string): Promise<RawSigned> {
  const fromShop = member === w.shop;
  const payload = transferTokenPayload(member, {
    payee: fromShop ? w.alice.id : w.shop.id,
    amount: { value: '5.00', currency: 'EUR' },
    description,
    refId: `idem-${description}`,
    source: fromShop ? w.shopAccount : w.aliceAccount,
  });
  return buildSigned(cloud, 'POST', '/api/v1/tokens', payload, await member.signerFor('LOW'));
}

describe('Idempotency-Key (draft-ietf-httpapi-idempotency-key-header)', () => {
  it('answers a byte-identical retry of a signed POST with the first answer, where it was refused as a replay', async () => {
    const w = await makeWorld(cloud);
    const bank = countingBank(w);
    const tokenId = await newTransferToken(w);
    const req = withKey(await endorseRequest(w, tokenId), 'endorse-1');

    const first = await send(cloud, req);
    expect(first.status).toBe(200);
    expect(first.headers.get(idempotentReplayedHeader)).toBeNull();
    const again = await send(cloud, req);
    expect(again.status).toBe(200);
    expect(again.headers.get(idempotentReplayedHeader)).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await again.text()).toBe(await first.text());
    expect(bank.cosigns).toBe(1);

    // Without a key the same retry is still a replay, refused.
    const unkeyed = await endorseRequest(w, await newTransferToken(w, 'unkeyed'));
    expect((await send(cloud, unkeyed)).status).toBe(200);
    expect(await problemOf(await send(cloud, unkeyed))).toMatchObject({ status: 401, code: 'Replay' });
  });

  it('answers a re-signed retry (new nonce, same body) with the first answer and co-signs once', async () => {
    const w = await makeWorld(cloud);
    const bank = countingBank(w);
    const tokenId = await newTransferToken(w);
    const original = withKey(await endorseRequest(w, tokenId), 'endorse-2');
    const first = await send(cloud, original);
    expect(first.status).toBe(200);
    const resigned = withKey(
      await buildSigned(cloud, 'POST', original.path, undefined, await w.alice.signerFor('LOW'), {
        rawBody: original.body,
      }),
      'endorse-2',
    );
    expect(resigned.headers['signature-input']).not.toBe(original.headers['signature-input']);
    const again = await send(cloud, resigned);
    expect(again.status).toBe(200);
    expect(again.headers.get(idempotentReplayedHeader)).toBe('true');
    expect(await again.text()).toBe(await first.text());
    expect(bank.cosigns).toBe(1);
    // Without the key, the same re-signed retry runs and is refused: the token is endorsed already.
    const unkeyed = await buildSigned(
      cloud,
      'POST',
      original.path,
      undefined,
      await w.alice.signerFor('LOW'),
      {
        rawBody: original.body,
      },
    );
    expect(await problemOf(await send(cloud, unkeyed))).toMatchObject({ status: 409, code: 'Conflict' });
  });

  it('gives the first answer to a re-signed request with the same body', async () => {
    const w = await makeWorld(cloud);
    const before = await rowCounts(cloud.db, ['tokens']);
    const original = withKey(await createRequest(w.alice, w, 'resign'), 'create-1');
    const first = await send(cloud, original);
    expect(first.status).toBe(201);
    const resigned = withKey(
      await buildSigned(cloud, 'POST', original.path, undefined, await w.alice.signerFor('LOW'), {
        rawBody: original.body,
      }),
      'create-1',
    );
    expect(resigned.headers['signature-input']).not.toBe(original.headers['signature-input']);
    const again = await send(cloud, resigned);
    expect(again.status).toBe(201);
    expect(again.headers.get(idempotentReplayedHeader)).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await rowCounts(cloud.db, ['tokens'])).toEqual({ tokens: (before.tokens ?? 0n) + 1n });
  });

  it('refuses the same key with another body with 422 and changes nothing', async () => {
    const w = await makeWorld(cloud);
    expect((await send(cloud, withKey(await createRequest(w.alice, w, 'body-a'), 'create-2'))).status).toBe(
      201,
    );
    const before = await rowCounts(cloud.db, ['tokens', 'idempotency_keys']);
    const other = withKey(await createRequest(w.alice, w, 'body-b'), 'create-2');
    expect(await problemOf(await send(cloud, other))).toMatchObject({
      status: 422,
      code: 'IdempotencyKeyReused',
      field: 'Idempotency-Key',
    });
    expect(await rowCounts(cloud.db, ['tokens', 'idempotency_keys'])).toEqual(before);
    // The same body without the key would have made a token: the refusal is the key's doing.
    expect((await send(cloud, await createRequest(w.alice, w, 'body-b'))).status).toBe(201);
  });

  it('scopes keys by the signing member: another member runs under the same key', async () => {
    const w = await makeWorld(cloud);
    expect((await send(cloud, withKey(await createRequest(w.alice, w, 'scope-a'), 'shared'))).status).toBe(
      201,
    );
    const shop = await send(cloud, withKey(await createRequest(w.shop, w, 'scope-b'), 'shared'));
    expect(shop.status).toBe(201);
    expect(shop.headers.get(idempotentReplayedHeader)).toBeNull();
  });

  it('refuses a malformed key with 400 naming the header, and accepts the quoted form', async () => {
    const w = await makeWorld(cloud);
    for (const bad of ['x'.repeat(256), 'two words', '"unterminated', '""', 'caf\u00e9', '"a\\b"']) {
      const res = await send(cloud, withKey(await createRequest(w.alice, w, 'bad-key'), bad));
      expect(await problemOf(res), bad).toMatchObject({
        status: 400,
        code: 'Malformed',
        field: 'Idempotency-Key',
      });
    }
    const ok = await send(cloud, withKey(await createRequest(w.alice, w, 'quoted'), '"an \\"sf\\" string"'));
    expect(ok.status).toBe(201);
    expect(
      (await send(cloud, withKey(await createRequest(w.alice, w, 'long'), 'k'.repeat(255)))).status,
    ).toBe(201);
  });

  it('answers 409 on a second instance while the first is still running, then the first answer', async () => {
    const w = await makeWorld(cloud);
    const bank = countingBank(w);
    const other = await secondApp(cloud);
    const tokenId = await newTransferToken(w);
    let release!: () => void;
    bank.hold = new Promise((resolve) => {
      release = resolve;
    });
    const req = withKey(await endorseRequest(w, tokenId), 'endorse-concurrent');
    const first = send(cloud, req);
    await expect.poll(() => bank.waiting).toBe(1);

    // Byte-identical, and re-signed: both wait for the first.
    const resigned = withKey(
      await buildSigned(cloud, 'POST', req.path, undefined, await w.alice.signerFor('LOW'), {
        rawBody: req.body,
      }),
      'endorse-concurrent',
    );
    for (const retry of [req, resigned]) {
      const res = await sendTo(other, retry);
      expect(await problemOf(res)).toMatchObject({
        status: 409,
        code: 'IdempotencyKeyInUse',
        field: 'Idempotency-Key',
      });
    }
    release();
    bank.hold = undefined;
    const answered = await first;
    expect(answered.status).toBe(200);
    const replay = await sendTo(other, resigned);
    expect(replay.status).toBe(200);
    expect(replay.headers.get(idempotentReplayedHeader)).toBe('true');
    expect(await replay.text()).toBe(await answered.text());
    expect(bank.cosigns).toBe(1);
  });

  it('runs a key once when eight retries race across two instances', async () => {
    const w = await makeWorld(cloud);
    const other = await secondApp(cloud);
    const before = await rowCounts(cloud.db, ['tokens']);
    const original = withKey(await createRequest(w.alice, w, 'race'), 'create-race');
    const signer = await w.alice.signerFor('LOW');
    const answers = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const req = withKey(
          await buildSigned(cloud, 'POST', original.path, undefined, signer, { rawBody: original.body }),
          'create-race',
        );
        const res = i % 2 ? await sendTo(other, req) : await send(cloud, req);
        return { status: res.status, replayed: res.headers.get(idempotentReplayedHeader) === 'true' };
      }),
    );
    expect(answers.filter((a) => a.status === 201 && !a.replayed)).toHaveLength(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await rowCounts(cloud.db, ['tokens'])).toEqual({ tokens: (before.tokens ?? 0n) + 1n });
  });

  it('forgets a key after 24 hours on the cloud clock, and the purge removes it', async () => {
    const w = await makeWorld(cloud);
    expect((await send(cloud, withKey(await createRequest(w.alice, w, 'expiry-a'), 'create-3'))).status).toBe(
      201,
    );
    const start = cloud.clock.now;
    try {
      cloud.clock.now = start + idempotencyWindowMs - 1000;
      expect(
        (await send(cloud, withKey(await createRequest(w.alice, w, 'expiry-b'), 'create-3'))).status,
      ).toBe(422);
      expect(await purgeIdempotencyKeys(cloud.db, cloud.clock.now)).toBe(0);
      cloud.clock.now = start + idempotencyWindowMs + 1000;
      const late = await send(cloud, withKey(await createRequest(w.alice, w, 'expiry-c'), 'create-3'));
      expect(late.status).toBe(201);
      expect(late.headers.get(idempotentReplayedHeader)).toBeNull();
      cloud.clock.now = start + 2 * idempotencyWindowMs + 2000;
      expect(await purgeIdempotencyKeys(cloud.db, cloud.clock.now)).toBeGreaterThanOrEqual(1);
      expect(
        await cloud.db.maybeOne("select 1 from idempotency_keys where key = 'create-3'"),
      ).toBeUndefined();
    } finally {
      cloud.clock.now = start;
    }
  });
});
