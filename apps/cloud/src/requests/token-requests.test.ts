import { scaChallenge, tokenId as tokenIdOf } from '@tokenos/protocol';
import {
  ApiError,
  accessTokenPayload,
  answerTokenRequest,
  cancelToken,
  createToken,
  createTokenRequest,
  endorsementFor,
  endorseToken,
  fetchTokenRequestResult,
  getToken,
  getTokenRequest,
  listDeclinedTokenRequests,
  listTokens,
  type Member,
  passkeyAssertionFromJSON,
  readBalance,
  readTransactions,
  redeemToken,
  registerPasskey,
  replaceAccessToken,
  transferTokenPayload,
  verifyTokenRequestResult,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, rowCounts, testConfig } from '../../test/harness.ts';
import { makeWorld, type World } from '../../test/world.ts';

const cloud = perFileCloud();

const eur = (value: string) => ({ value, currency: 'EUR' as const });
const shopOrigin = 'http://localhost:5174';

async function withPasskey(w: World): Promise<{ auth: SoftAuthenticator; credentialId: string }> {
  const auth = new SoftAuthenticator(testConfig.walletOrigins[0]!);
  const { passkey } = await registerPasskey(w.alice, (options) => auth.create(options));
  return { auth, credentialId: passkey.credentialId };
}

async function passkeySca(
  auth: SoftAuthenticator,
  credentialId: string,
  tokenId: string,
  o: { userVerified?: boolean } = {},
) {
  const json = await auth.get({ credentialId, challenge: scaChallenge(tokenId) }, o);
  return { method: 'passkey' as const, assertion: passkeyAssertionFromJSON(json) };
}

async function payRequest(w: World, amount: string) {
  return createTokenRequest(w.shop, {
    body: {
      kind: 'transfer',
      amount: eur(amount),
      description: 'Order 42',
      refId: `order-${amount}-${Date.now()}`,
    },
    requester: { name: 'Demo Shop', domain: 'localhost:5174' },
    returnOrigin: shopOrigin,
  });
}

async function answerWithPayment(
  w: World,
  requestId: string,
  sca: 'exemption' | { auth: SoftAuthenticator; credentialId: string },
) {
  const { request } = await getTokenRequest(w.alice.client, requestId);
  if (request.body.kind !== 'transfer') throw new Error('not a payment');
  const payload = transferTokenPayload(w.alice, {
    payee: request.signer.memberId,
    amount: request.body.amount,
    description: request.body.description,
    refId: request.body.refId,
    source: w.aliceAccount,
    requestId,
  });
  const created = await createToken(w.alice, payload);
  const endorsement =
    sca === 'exemption'
      ? await endorsementFor(w.alice, created.id, 'LOW', { method: 'exemption', exemption: 'LowValue' })
      : await endorsementFor(
          w.alice,
          created.id,
          'STANDARD',
          await passkeySca(sca.auth, sca.credentialId, created.id),
        );
  const token = await endorseToken(w.alice, created.id, endorsement);
  return { token, result: await answerTokenRequest(w.alice, requestId, { tokenId: token.id }) };
}

async function refusal(call: Promise<unknown>): Promise<{ status: number; code: string; field?: string }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, code: e.code, field: e.field };
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('where a token request may send the user back (issue 13 item 6)', () => {
  const body = { kind: 'transfer' as const, amount: eur('1.00'), description: 'Order 1', refId: 'order-1' };

  it('is refused, naming the field, when the return is off the requester’s domain, and nothing is stored', async () => {
    const w = await makeWorld(cloud);
    const before = await rowCounts(cloud.db, ['token_requests']);
    const requester = { name: 'Demo Shop', domain: 'shop.example' };
    const cases: [Partial<Parameters<typeof createTokenRequest>[1]>, string][] = [
      [{ returnOrigin: 'https://evil.example' }, 'returnOrigin'],
      [{ returnOrigin: 'https://evil.example', redirectUrl: 'https://evil.example/pay' }, 'returnOrigin'],
      // A subdomain is someone else as far as the verified alias says.
      [{ returnOrigin: 'https://pay.shop.example' }, 'returnOrigin'],
      [{ returnOrigin: 'https://shop.example:8443' }, 'returnOrigin'],
      // Plain http only for a local name in development.
      [{ returnOrigin: 'http://shop.example' }, 'returnOrigin'],
    ];
    for (const [target, field] of cases) {
      const problem = await refusal(
        createTokenRequest(w.shop, { body, requester, returnOrigin: 'https://shop.example', ...target }),
      );
      expect(problem, JSON.stringify(target)).toEqual({ status: 403, code: 'Forbidden', field });
    }
    expect(await rowCounts(cloud.db, ['token_requests'])).toEqual(before);
  });

  // A lone surrogate cannot even be signed (RFC 8785 refuses it): fuzz/hostile-text.test.ts sends it raw.
  it('a NUL or a bidi control in the description is a 400 naming it, not a 500 (issue 13 item 4)', async () => {
    const w = await makeWorld(cloud);
    const before = await rowCounts(cloud.db, ['token_requests']);
    for (const description of ['Order\u00001', 'Pay \u202Eeman']) {
      const problem = await refusal(
        createTokenRequest(w.shop, {
          body: { ...body, description },
          requester: { name: 'Demo Shop', domain: 'shop.example' },
          returnOrigin: 'https://shop.example',
        }),
      );
      expect(problem, JSON.stringify(description)).toEqual({
        status: 400,
        code: 'Malformed',
        field: 'body.description',
      });
    }
    expect(await rowCounts(cloud.db, ['token_requests'])).toEqual(before);
  });

  it('is accepted on the requester’s own host, and on a local name over http in development', async () => {
    const w = await makeWorld(cloud);
    const ok = await createTokenRequest(w.shop, {
      body,
      requester: { name: 'Demo Shop', domain: 'Shop.Example' },
      returnOrigin: 'https://shop.example',
      redirectUrl: 'https://shop.example/cart?order=1',
    });
    expect(ok.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await createTokenRequest(w.shop, {
      body,
      requester: { name: 'Demo Shop', domain: 'localhost:5174' },
      returnOrigin: shopOrigin,
    });
  });
});

describe('token requests', () => {
  it('a payment request is answered by the user’s token, and the shop verifies the signed result before redeeming', async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w, '12.50');
    const seen = await getTokenRequest(w.alice.client, req.id);
    expect(seen).toMatchObject({ status: 'pending', domainVerified: false });
    const { token, result } = await answerWithPayment(w, req.id, 'exemption');
    // The browser carries only this; the backend checks signature, request and CSRF state.
    const fromPolling = await fetchTokenRequestResult(cloud.client, req.id);
    expect(fromPolling).toEqual(result);
    const verified = await verifyTokenRequestResult(cloud.client, fromPolling, {
      requestId: req.id,
      csrfToken: req.csrfToken,
    });
    expect(verified.tokenId).toBe(token.id);
    const transfer = await redeemToken(w.shop, token.id, {
      amount: eur('12.50'),
      refId: 'pay-1',
      destination: w.shopAccount,
    });
    expect(transfer.status).toBe('ACSC');
  });

  it('the shop refuses a forged, tampered or replayed result', async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w, '3.00');
    const { result } = await answerWithPayment(w, req.id, 'exemption');
    const other = await payRequest(w, '3.00');
    // Another session's CSRF token: refused.
    expect(
      await failureCode(
        verifyTokenRequestResult(cloud.client, result, { requestId: req.id, csrfToken: other.csrfToken }),
      ),
    ).toBe('Forbidden');
    // Replayed for another request: refused.
    expect(
      await failureCode(
        verifyTokenRequestResult(cloud.client, result, { requestId: other.id, csrfToken: req.csrfToken }),
      ),
    ).toBe('Forbidden');
    // Another token id swapped in: the cloud's signature no longer holds.
    const swapped = { ...result, tokenId: 'A'.repeat(43) };
    expect(
      await failureCode(
        verifyTokenRequestResult(cloud.client, swapped, { requestId: req.id, csrfToken: req.csrfToken }),
      ),
    ).toBe('InvalidSignature');
    expect(
      await failureCode(
        verifyTokenRequestResult(
          cloud.client,
          { ...result, extra: 1 },
          { requestId: req.id, csrfToken: req.csrfToken },
        ),
      ),
    ).toBe('Malformed');
  });

  it('a token that does not match the request (another amount) does not answer it; a request is answered once', async () => {
    const w = await makeWorld(cloud);
    const req = await payRequest(w, '8.00');
    const payload = transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: eur('0.80'),
      description: 'Order 42',
      refId: req.request.body.kind === 'transfer' ? req.request.body.refId : '',
      source: w.aliceAccount,
      requestId: req.id,
    });
    const created = await createToken(w.alice, payload);
    await endorseToken(
      w.alice,
      created.id,
      await endorsementFor(w.alice, created.id, 'LOW', { method: 'exemption', exemption: 'LowValue' }),
    );
    expect(await failureCode(answerTokenRequest(w.alice, req.id, { tokenId: created.id }))).toBe('Conflict');
    const declined = await answerTokenRequest(w.alice, req.id, { declined: true });
    expect(declined).toMatchObject({ outcome: 'declined', tokenId: null });
    expect(await failureCode(answerWithPayment(w, req.id, 'exemption'))).toBe('Conflict');
  });

  it('the member lists the requests they declined, newest first; nobody else sees them (issue 14)', async () => {
    const w = await makeWorld(cloud);
    const first = await payRequest(w, '12.50');
    const paid = await payRequest(w, '3.00');
    const second = await payRequest(w, '7.00');
    expect(await listDeclinedTokenRequests(w.alice)).toEqual([]);
    await answerTokenRequest(w.alice, first.id, { declined: true });
    await answerWithPayment(w, paid.id, 'exemption');
    await answerTokenRequest(w.alice, second.id, { declined: true });

    const declined = await listDeclinedTokenRequests(w.alice);
    expect(declined.map((d) => d.id)).toEqual([second.id, first.id]);
    expect(declined[1]).toMatchObject({
      outcome: 'declined',
      request: { requester: { name: 'Demo Shop' }, body: { kind: 'transfer', amount: eur('12.50') } },
    });
    expect(declined[1]!.answeredAt).toBeLessThanOrEqual(declined[0]!.answeredAt);
    expect(await listDeclinedTokenRequests(w.alice, { limit: 1 })).toHaveLength(1);
    // The shop that asked is not the member who declined: its list is its own, and empty.
    expect(await listDeclinedTokenRequests(w.shop)).toEqual([]);
    // Only declined answers are listed; anything else is a 400 naming the field.
    const bad = w.alice.client.send(
      'GET',
      '/api/v1/token-requests?outcome=approved',
      undefined,
      await w.alice.signerFor('LOW'),
    );
    expect(await failureCode(bad)).toBe('Malformed');
    const tooMany = w.alice.client.send(
      'GET',
      '/api/v1/token-requests?outcome=declined&limit=1000',
      undefined,
      await w.alice.signerFor('LOW'),
    );
    expect(await failureCode(tooMany)).toBe('Malformed');
  });

  it('a large payment needs the passkey; an assertion made for one token never endorses another', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w);
    const req = await payRequest(w, '224.00');
    const { token } = await answerWithPayment(w, req.id, pk);
    expect(token).toMatchObject({ status: 'valid', sca: 'passkey' });

    const a = await createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        payee: w.shop.id,
        amount: eur('300.00'),
        description: 'a',
        refId: 'a',
        source: w.aliceAccount,
      }),
    );
    const b = await createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        payee: w.shop.id,
        amount: eur('300.00'),
        description: 'b',
        refId: 'b',
        source: w.aliceAccount,
      }),
    );
    const forA = await passkeySca(pk.auth, pk.credentialId, a.id);
    const before = await rowCounts(cloud.db, ['tokens', 'sca_counters']);
    expect(
      await failureCode(endorseToken(w.alice, b.id, await endorsementFor(w.alice, b.id, 'STANDARD', forA))),
    ).toBe('ScaFailed');
    // A passkey that did not verify the user (UV off) endorses nothing either.
    const noUv = await passkeySca(pk.auth, pk.credentialId, b.id, { userVerified: false });
    expect(
      await failureCode(endorseToken(w.alice, b.id, await endorsementFor(w.alice, b.id, 'STANDARD', noUv))),
    ).toBe('ScaFailed');
    expect(await rowCounts(cloud.db, ['tokens', 'sca_counters'])).toEqual(before);
    expect((await getToken(w.alice, b.id)).endorsement).toBeNull();
  });
});

describe('access grants', () => {
  async function grant(
    w: World,
    grantee: Member,
    pk: { auth: SoftAuthenticator; credentialId: string },
    scopes: ('balances' | 'transactions')[],
  ) {
    const payload = accessTokenPayload(w.alice, {
      grantee: grantee.id,
      resources: [{ type: 'account', account: w.aliceAccount, scopes }],
    });
    const created = await createToken(w.alice, payload);
    return endorseToken(
      w.alice,
      created.id,
      await endorsementFor(
        w.alice,
        created.id,
        'STANDARD',
        await passkeySca(pk.auth, pk.credentialId, created.id),
      ),
    );
  }

  it('the grantee reads within the grant; revoke fails the next read at once; replace keeps one grant', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w);
    const aisp = w.shop;
    const token = await grant(w, aisp, pk, ['balances']);
    expect(token).toMatchObject({ status: 'valid', sca: 'passkey' });

    const balance = await readBalance(aisp, token.id, w.aliceAccount.accountRef);
    expect(balance.booked).toEqual(eur('1000.00'));
    expect(await failureCode(readTransactions(aisp, token.id, w.aliceAccount.accountRef))).toBe('Forbidden');
    expect((await getToken(w.alice, token.id)).lastUsedAt).not.toBeNull();

    // A second grant to the same app is refused; replacing is the way.
    expect(await failureCode(grant(w, aisp, pk, ['transactions']))).toBe('Conflict');
    const narrower = accessTokenPayload(w.alice, {
      grantee: aisp.id,
      resources: [{ type: 'account', account: w.aliceAccount, scopes: ['transactions'] }],
    });
    const replaced = await replaceAccessToken(
      w.alice,
      token.id,
      narrower,
      await passkeySca(pk.auth, pk.credentialId, tokenIdOf(narrower)),
    );
    expect(replaced).toMatchObject({ status: 'valid', replaces: token.id });
    expect((await getToken(w.alice, token.id)).status).toBe('replaced');
    expect(await failureCode(readBalance(aisp, token.id, w.aliceAccount.accountRef))).toBe('Cancelled');
    const page = await readTransactions(aisp, replaced.id, w.aliceAccount.accountRef);
    expect(page.transactions.length).toBeGreaterThan(0);

    await cancelToken(w.alice, replaced.id);
    expect(await failureCode(readTransactions(aisp, replaced.id, w.aliceAccount.accountRef))).toBe(
      'Cancelled',
    );
  });

  it('an app that asked for profile fields gets those the user shares in the grant, never others', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w);
    const ask = () =>
      createTokenRequest(w.shop, {
        body: { kind: 'access', scopes: ['balances'], days: 30, profile: ['name', 'email'] },
        requester: { name: 'Tally', domain: 'localhost:5174' },
        returnOrigin: shopOrigin,
      });
    const answerWith = async (requestId: string, fields: ('name' | 'email' | 'phone')[]) => {
      const created = await createToken(
        w.alice,
        accessTokenPayload(w.alice, {
          grantee: w.shop.id,
          requestId,
          resources: [
            { type: 'account', account: w.aliceAccount, scopes: ['balances'] },
            { type: 'profile', fields },
          ],
        }),
      );
      await endorseToken(
        w.alice,
        created.id,
        await endorsementFor(
          w.alice,
          created.id,
          'STANDARD',
          await passkeySca(pk.auth, pk.credentialId, created.id),
        ),
      );
      return answerTokenRequest(w.alice, requestId, { tokenId: created.id });
    };
    // A field the app did not ask for: the answer is refused (and the grant stays the user's to revoke).
    const first = await ask();
    expect(await failureCode(answerWith(first.id, ['name', 'phone']))).toBe('Conflict');
    const live = (await listTokens(w.alice, { role: 'payer', kind: 'access' })).find(
      (t) => t.status === 'valid',
    );
    if (live) await cancelToken(w.alice, live.id);
    // Fewer than asked: fine.
    const second = await ask();
    expect((await answerWith(second.id, ['name'])).outcome).toBe('approved');
  });

  it('only the grantee reads', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w);
    const token = await grant(w, w.shop, pk, ['balances']);
    expect(await failureCode(readBalance(w.alice, token.id, w.aliceAccount.accountRef))).toMatch(
      /NotFound|Forbidden/,
    );
  });
});
