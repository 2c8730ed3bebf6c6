import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import {
  type BankEndorsement,
  type DirectoryOperation,
  fromBase64url,
  keyIdOf,
  keyPairFromSecret,
  objectId,
  scaChallenge,
  signObject,
  verifyObjectSignature,
} from '@tokenos/protocol';
import { type ApiError, CloudClient, isApiError } from '@tokenos/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  endorse,
  linkAccounts,
  linkedWorld,
  newUser,
  type TestBank,
  tokenIdOf,
  transferPayload,
  type User,
  type World,
} from '../../test/harness.ts';
import { expectRefusedUnchanged } from '../../test/refusals.ts';

let world: World;
let iron: TestBank;
let alice: User;
let shop: User;
let refs: Record<string, string>;

beforeAll(async () => {
  ({ world, iron, alice, refs } = await linkedWorld(['Current account', 'Sterling account']));
  shop = await newUser(world);
});

afterAll(() => iron?.close());

beforeEach(() => world.cloud.tellTheTruth());

function token(amount: string, opts: { accountRef?: string; currency?: string } = {}) {
  const payload = transferPayload(world, {
    payer: alice.member,
    payee: shop.member,
    bankId: iron.id,
    accountRef: opts.accountRef ?? refs['Current account']!,
    amount,
    ...(opts.currency ? { currency: opts.currency } : {}),
  });
  return { payload, tokenId: tokenIdOf(payload) };
}

/** The bank refuses with `code`, and nothing changed: no co-signature, no counter, no movement. */
function expectRefused(code: string, body: unknown): Promise<ApiError> {
  return expectRefusedUnchanged(iron.db, code, () => iron.call('/connector/v1/cosign', body), [
    'select * from sca_counters order by member_id',
  ]);
}

describe('co-signature: the bank verifies the payer endorsement itself', () => {
  it('co-signs an exempt low-value payment with its STANDARD key, once per token', async () => {
    const { payload, tokenId } = token('20.00');
    const endorsement = await endorse(world, alice, tokenId, { level: 'LOW', sca: 'exemption' });
    const cosig = await iron.call<BankEndorsement>('/connector/v1/cosign', { tokenId, payload, endorsement });
    expect(cosig).toMatchObject({
      type: 'BankEndorsement',
      tokenId,
      endorsement: objectId(endorsement),
      signer: { memberId: iron.id },
    });
    const bankState = await world.cloud.state(iron.id);
    const key = bankState.keys.find((k) => k.id === cosig.signer.keyId)!;
    expect(key.level).toBe('STANDARD');
    expect(await verifyObjectSignature(cosig, key.algorithm, fromBase64url(key.publicKey), nodeBackend)).toBe(
      true,
    );
    // A retry answers the same co-signature and charges the exemption counters once.
    expect(await iron.call('/connector/v1/cosign', { tokenId, payload, endorsement })).toEqual(cosig);
    expect(
      await iron.db.one('select amount_since_sca, count_since_sca from sca_counters where member_id = $1', [
        alice.member.id,
      ]),
    ).toEqual({ amount_since_sca: 2000n, count_since_sca: 1 });
  });

  it('co-signs a large payment with a passkey assertion the bank verifies itself', async () => {
    const { payload, tokenId } = token('250.00');
    const endorsement = await endorse(world, alice, tokenId);
    const cosig = await iron.call<BankEndorsement>('/connector/v1/cosign', { tokenId, payload, endorsement });
    expect(cosig.tokenId).toBe(tokenId);
    // The cloud lost the answer (it crashed, say) and asks again with the same endorsement: the
    // same co-signature, although the assertion's signature counter was already used.
    expect(await iron.call('/connector/v1/cosign', { tokenId, payload, endorsement })).toEqual(cosig);
    // A passkey resets the bank's own RTS Art. 16 counters.
    expect(
      await iron.db.one('select amount_since_sca, count_since_sca from sca_counters where member_id = $1', [
        alice.member.id,
      ]),
    ).toEqual({ amount_since_sca: 0n, count_since_sca: 0 });
  });

  it('refuses an endorsement signature that does not verify, whatever the cloud says', async () => {
    const { payload, tokenId } = token('20.00');
    const endorsement = await endorse(world, alice, tokenId, { level: 'LOW', sca: 'exemption' });
    const sig = fromBase64url(endorsement.signature);
    sig[5] = sig[5]! ^ 1;
    await expectRefused('InvalidSignature', {
      tokenId,
      payload,
      endorsement: { ...endorsement, signature: Buffer.from(sig).toString('base64url') },
    });
    // A valid signature over another token's id does not carry over.
    const other = token('20.00');
    await expectRefused('Malformed', {
      tokenId,
      payload,
      endorsement: await endorse(world, alice, other.tokenId, { level: 'LOW', sca: 'exemption' }),
    });
    // A changed amount changes the token id: the endorsement is for the old one.
    await expectRefused('Malformed', {
      tokenId,
      payload: {
        ...payload,
        transfer: { ...payload.transfer, amount: { value: '2000.00', currency: 'EUR' } },
      },
      endorsement,
    });
  });

  it('refuses a LOW key for a payment above the low-value limit, even if the log the cloud serves calls it fine', async () => {
    const { payload, tokenId } = token('250.00');
    await expectRefused('InsufficientKeyLevel', {
      tokenId,
      payload,
      endorsement: await endorse(world, alice, tokenId, { level: 'LOW' }),
    });
  });

  it('refuses an expired key as KeyExpired, not as a key of too low a level', async () => {
    const { payload, tokenId } = token('250.00');
    const shortLived = await alice.member.addKey('STANDARD', { expiresAt: world.clock.now + 60_000 });
    try {
      const endorsement = await endorse(world, alice, tokenId, { keyId: shortLived.id });
      world.clock.now += 60_000;
      try {
        const err = await expectRefused('KeyExpired', { tokenId, payload, endorsement });
        expect(err.field).toBe('endorsement.signer.keyId');
      } finally {
        world.clock.now -= 60_000;
      }
    } finally {
      await alice.member.removeKey(shortLived.id);
    }
  });

  it('refuses a tampered directory log: a key the member never added, or a LOW key relabelled STANDARD', async () => {
    const { payload, tokenId } = token('250.00');
    // The cloud inserts an attacker's key into alice's log (it cannot sign as her PRIVILEGED key).
    const secret = new Uint8Array(randomBytes(32));
    const pair = keyPairFromSecret('Ed25519', secret);
    const attackerKey = {
      id: keyIdOf('Ed25519', pair.publicKey),
      algorithm: 'Ed25519' as const,
      publicKey: Buffer.from(pair.publicKey).toString('base64url'),
      level: 'STANDARD' as const,
    };
    world.cloud.tamper = (id, log) => {
      if (id !== alice.member.id) return log;
      const last = log.at(-1)!;
      const forged = {
        ...last,
        seq: log.length,
        prev: objectId(last),
        createdAt: last.createdAt + 1,
        action: { kind: 'addKey', key: attackerKey },
      };
      return [...log, forged];
    };
    const forgedEndorsement = await signObject(
      {
        type: 'Endorsement' as const,
        version: 1 as const,
        tokenId,
        signer: { memberId: alice.member.id, keyId: attackerKey.id },
        createdAt: world.clock.now,
        sca: { method: 'passkey' as const, assertion: alice.passkey.assert(scaChallenge(tokenId)) },
      },
      { algorithm: 'Ed25519', sign: (m) => nodeBackend.sign('Ed25519', pair.secretKey, m) },
    );
    await expectRefused('InvalidSignature', { tokenId, payload, endorsement: forgedEndorsement });

    // The cloud relabels alice's LOW key as STANDARD in her first operation, to pass a big payment.
    const low = (await alice.member.keys()).find((k) => k.level === 'LOW')!;
    world.cloud.tamper = (id, log) => {
      if (id !== alice.member.id) return log;
      const [first, ...rest] = log as [DirectoryOperation, ...DirectoryOperation[]];
      if (first.action.kind !== 'create') return log;
      const keys = first.action.keys.map((k) => (k.id === low.id ? { ...k, level: 'STANDARD' as const } : k));
      return [{ ...first, action: { ...first.action, keys } }, ...rest];
    };
    const err = await expectRefused('InvalidSignature', {
      tokenId,
      payload,
      endorsement: await endorse(world, alice, tokenId, { level: 'LOW' }),
    });
    expect(err.message).toContain('log entry 0');
  });

  it('refuses a log the cloud truncated to hide a later operation the bank saw', async () => {
    const bob = await newUser(world);
    const { refs: bobRefs } = await linkAccounts(world, iron, bob, {
      username: 'bob',
      accounts: ['Current account'],
    });
    // The bank has now seen bob's head (finish verified his log); he removes his passkey.
    await bob.member.applyDirectoryAction({ kind: 'removePasskey', credentialId: bob.passkey.credentialId });
    const payload = transferPayload(world, {
      payer: bob.member,
      payee: shop.member,
      bankId: iron.id,
      accountRef: bobRefs['Current account']!,
      amount: '100.00',
    });
    const tokenId = tokenIdOf(payload);
    const endorsement = await endorse(world, bob, tokenId);
    // Refused on the true log: the passkey is gone.
    await expectRefused('ScaFailed', { tokenId, payload, endorsement });
    // The cloud serves the log without the removal: the bank notices it lost the head it saw.
    world.cloud.tamper = (id, log) => (id === bob.member.id ? log.slice(0, -1) : log);
    await expectRefused('StaleLog', { tokenId, payload, endorsement });
  });

  it('applies its own SCA policy: no exemption above EUR 30, none after five in a row, none for other currencies', async () => {
    const big = token('30.01');
    await expectRefused('ScaRequired', {
      ...big,
      endorsement: await endorse(world, alice, big.tokenId, { sca: 'exemption' }),
    });
    const gbp = token('1.00', { accountRef: refs['Sterling account']!, currency: 'GBP' });
    await expectRefused('ScaRequired', {
      ...gbp,
      endorsement: await endorse(world, alice, gbp.tokenId, { sca: 'exemption' }),
    });

    // Fresh counters after the passkey payment above; five exempt payments pass, the sixth does not.
    const reset = token('40.00');
    await iron.call('/connector/v1/cosign', {
      ...reset,
      endorsement: await endorse(world, alice, reset.tokenId),
    });
    for (let i = 0; i < 5; i++) {
      const t = token('1.00');
      await iron.call('/connector/v1/cosign', {
        ...t,
        endorsement: await endorse(world, alice, t.tokenId, { level: 'LOW', sca: 'exemption' }),
      });
    }
    const sixth = token('1.00');
    const err = await expectRefused('ScaRequired', {
      ...sixth,
      endorsement: await endorse(world, alice, sixth.tokenId, { level: 'LOW', sca: 'exemption' }),
    });
    expect(err.message).toContain('strong customer authentication');
  });

  it('refuses passkey assertions that do not approve this token by this payer', async () => {
    const { payload, tokenId } = token('100.00');
    const endorseWith = (assertion: ReturnType<User['passkey']['assert']>) =>
      endorse(world, alice, tokenId, { sca: { method: 'passkey', assertion } });
    // Made for another token (PSD2 RTS Art. 5, dynamic linking).
    await expectRefused('ScaFailed', {
      tokenId,
      payload,
      endorsement: await endorseWith(alice.passkey.assert(scaChallenge(token('100.00').tokenId))),
    });
    // Without user verification, from a foreign origin, in a cross-origin frame, for another RP.
    await expectRefused('ScaFailed', {
      tokenId,
      payload,
      endorsement: await endorseWith(alice.passkey.assert(scaChallenge(tokenId), { userVerified: false })),
    });
    await expectRefused('ScaFailed', {
      tokenId,
      payload,
      endorsement: await endorseWith(
        alice.passkey.assert(scaChallenge(tokenId), { origin: 'https://evil.example' }),
      ),
    });
    await expectRefused('ScaFailed', {
      tokenId,
      payload,
      endorsement: await endorseWith(alice.passkey.assert(scaChallenge(tokenId), { crossOrigin: true })),
    });
    await expectRefused('ScaFailed', {
      tokenId,
      payload,
      endorsement: await endorseWith(alice.passkey.assert(scaChallenge(tokenId), { rpId: 'evil.example' })),
    });
    // Bob's passkey is not in alice's directory.
    const bob = await newUser(world);
    await expectRefused('ScaFailed', {
      tokenId,
      payload,
      endorsement: await endorseWith(bob.passkey.assert(scaChallenge(tokenId))),
    });
    // A replayed signature counter (a cloned authenticator).
    await iron.call('/connector/v1/cosign', {
      tokenId,
      payload,
      endorsement: await endorseWith(alice.passkey.assert(scaChallenge(tokenId), { counter: 1000 })),
    });
    const again = token('100.00');
    await expectRefused('ScaFailed', {
      ...again,
      endorsement: await endorse(world, alice, again.tokenId, {
        sca: {
          method: 'passkey',
          assertion: alice.passkey.assert(scaChallenge(again.tokenId), { counter: 1000 }),
        },
      }),
    });
  });

  it('accepts a Secure Payment Confirmation assertion only when the browser showed this amount', async () => {
    const { payload, tokenId } = token('120.00');
    const shown = (total: { value: string; currency: 'EUR' }) => ({
      rpId: 'localhost',
      topOrigin: 'http://localhost:5173',
      payeeName: 'Demo Shop',
      payeeOrigin: 'https://shop.example',
      total,
      instrument: { displayName: 'Iron Bank, Current account', icon: 'http://localhost:5173/icon.png' },
    });
    const endorseWith = (assertion: ReturnType<User['passkey']['assert']>) =>
      endorse(world, alice, tokenId, { sca: { method: 'passkey', assertion } });
    const err = await expectRefused('ScaFailed', {
      tokenId,
      payload,
      endorsement: await endorseWith(
        alice.passkey.assert(scaChallenge(tokenId), { payment: shown({ value: '12.00', currency: 'EUR' }) }),
      ),
    });
    expect(err.field).toBe('endorsement.sca.assertion.clientDataJSON.payment.total');
    const cosig = await iron.call<BankEndorsement>('/connector/v1/cosign', {
      tokenId,
      payload,
      endorsement: await endorseWith(
        alice.passkey.assert(scaChallenge(tokenId), { payment: shown({ value: '120.00', currency: 'EUR' }) }),
      ),
    });
    expect(cosig.tokenId).toBe(tokenId);
  });

  it('co-signs only tokens drawn on an open account linked to the payer, in its currency', async () => {
    const bob = await newUser(world);
    // Alice's account reference in a token that bob endorses.
    const stolen = transferPayload(world, {
      payer: bob.member,
      payee: shop.member,
      bankId: iron.id,
      accountRef: refs['Current account']!,
      amount: '10.00',
    });
    await expectRefused('Forbidden', {
      tokenId: tokenIdOf(stolen),
      payload: stolen,
      endorsement: await endorse(world, bob, tokenIdOf(stolen)),
    });
    const euroFromPounds = token('10.00', { accountRef: refs['Sterling account']! });
    const err = await expectRefused('Forbidden', {
      ...euroFromPounds,
      endorsement: await endorse(world, alice, euroFromPounds.tokenId),
    });
    expect(err.message).toContain('AM03');
    const unknown = token('10.00', { accountRef: 'NoSuchAccountRef00000' });
    await expectRefused('Forbidden', {
      ...unknown,
      endorsement: await endorse(world, alice, unknown.tokenId),
    });
  });

  it('answers only the cloud, with its pinned key, each request once', async () => {
    const { payload, tokenId } = token('5.00');
    const body = {
      tokenId,
      payload,
      endorsement: await endorse(world, alice, tokenId, { level: 'LOW', sca: 'exemption' }),
    };
    const asMember = await new CloudClient({
      baseUrl: iron.origin,
      fetch: world.net.fetch,
      now: () => world.clock.now,
    })
      .send('POST', '/connector/v1/cosign', body, await alice.member.signerFor('PRIVILEGED'))
      .catch((e: unknown) => e);
    expect(isApiError(asMember, 'Forbidden')).toBe(true);
    const impostor = keyPairFromSecret('Ed25519', new Uint8Array(randomBytes(32)));
    const asImpostor = await new CloudClient({
      baseUrl: iron.origin,
      fetch: world.net.fetch,
      now: () => world.clock.now,
    })
      .send('POST', '/connector/v1/cosign', body, {
        algorithm: 'Ed25519',
        sign: (m) => nodeBackend.sign('Ed25519', impostor.secretKey, m),
        keyid: `cloud:${world.cloud.keyId}`,
      })
      .catch((e: unknown) => e);
    expect(isApiError(asImpostor, 'InvalidSignature')).toBe(true);
    const unsigned = await iron.app.request('/connector/v1/cosign', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toContain('application/problem+json');
    // A JSON API takes JSON only (issue 13 item 4): a form or text post is 415 before anything is read.
    for (const [path, type] of [
      ['/connector/v1/cosign', 'text/plain'],
      ['/connector/v1/transfers', 'application/x-www-form-urlencoded'],
      ['/interbank/v1/credits', 'text/plain;charset=UTF-8'],
    ] as const) {
      const res = await iron.app.request(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': type },
      });
      expect(res.status, path).toBe(415);
      expect(await res.json()).toMatchObject({ code: 'UnsupportedMediaType', field: 'content-type' });
    }
    // Replay: the same signed bytes twice.
    let captured: Request | undefined;
    await new CloudClient({
      baseUrl: iron.origin,
      fetch: async (input, init) => {
        captured = new Request(String(input), init);
        return world.net.fetch(captured.clone());
      },
      now: () => world.clock.now,
    }).send('POST', '/connector/v1/cosign', body, world.cloud.signer);
    const replay = await world.net.fetch(captured!);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('Replay');
  });
});
