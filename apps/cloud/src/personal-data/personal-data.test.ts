import {
  type PostalAddress,
  scaBundleChallenge,
  scaChallenge,
  tokenId as tokenIdOf,
} from '@tokenos/protocol';
import {
  accessTokenPayload,
  addAddress,
  answerTokenRequest,
  cancelToken,
  createToken,
  createTokenRequest,
  deleteAddress,
  endorsementFor,
  endorseToken,
  getPersonalData,
  getTokenRequest,
  type Member,
  passkeyAssertionFromJSON,
  readAccounts,
  readGrantedAddress,
  readGrantedAddresses,
  readGrantedProfile,
  redeemToken,
  registerPasskey,
  replaceAccessToken,
  saveProfile,
  transferTokenPayload,
  updateAddress,
  verifyTokenRequestResult,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, rowCounts, testConfig } from '../../test/harness.ts';
import { makeWorld, type World } from '../../test/world.ts';

const cloud = perFileCloud();

const home: PostalAddress = {
  label: 'Home',
  recipient: 'Alice Liddell',
  lines: ['Rabbit Hole Lane 7'],
  city: 'Oxford',
  postalCode: 'OX1 1AA',
  country: 'GB',
};
const office: PostalAddress = {
  recipient: 'Alice Liddell',
  lines: ['Looking Glass House', 'Floor 3'],
  city: 'Daresbury',
  postalCode: 'WA4 4AB',
  country: 'GB',
};

interface Passkey {
  auth: SoftAuthenticator;
  credentialId: string;
}

async function withPasskey(member: Member): Promise<Passkey> {
  const auth = new SoftAuthenticator(testConfig.walletOrigins[0]!);
  const { passkey } = await registerPasskey(member, (options) => auth.create(options));
  return { auth, credentialId: passkey.credentialId };
}

async function passkeySca(pk: Passkey, challenge: Uint8Array, tokenIds?: string[]) {
  const assertion = passkeyAssertionFromJSON(await pk.auth.get({ credentialId: pk.credentialId, challenge }));
  return { method: 'passkey' as const, assertion, ...(tokenIds ? { tokenIds } : {}) };
}

type Resources = Parameters<typeof accessTokenPayload>[1]['resources'];

/** Alice endorses one of her tokens with her STANDARD key and this SCA evidence. */
async function endorse(w: World, tokenId: string, sca: Parameters<typeof endorsementFor>[3]) {
  return endorseToken(w.alice, tokenId, await endorsementFor(w.alice, tokenId, 'STANDARD', sca));
}

/** Alice grants the shop `resources`, endorsed with STANDARD + passkey as every grant is. */
async function grant(w: World, pk: Passkey, resources: Resources) {
  const created = await createToken(w.alice, accessTokenPayload(w.alice, { grantee: w.shop.id, resources }));
  return endorse(w, created.id, await passkeySca(pk, scaChallenge(created.id)));
}

async function lastUsed(tokenId: string): Promise<Date | null> {
  const row = await cloud.db.one<{ last_used_at: Date | null }>(
    'select last_used_at from tokens where token_id = $1',
    [tokenId],
  );
  return row.last_used_at;
}

describe('personal data: profile and address book', () => {
  it('the member writes and reads back its own data; the database holds no plaintext', async () => {
    const w = await makeWorld(cloud);
    await saveProfile(w.alice, {
      name: 'Alice Liddell',
      email: 'alice@wonderland.example',
      phone: '+441865000111',
    });
    const a = await addAddress(w.alice, home);
    const b = await addAddress(w.alice, office);
    expect(a.id).not.toBe(b.id);
    expect(await getPersonalData(w.alice)).toEqual({
      profile: { name: 'Alice Liddell', email: 'alice@wonderland.example', phone: '+441865000111' },
      addresses: [
        { id: a.id, ...home },
        { id: b.id, ...office },
      ],
    });
    // Nobody else reads it through the member routes: a signed read returns the caller's own.
    expect(await getPersonalData(w.shop)).toEqual({ profile: {}, addresses: [] });

    // A dump of every text and bytea column of the table, as text and as hex-decoded bytes.
    const columns = await cloud.db.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_name = 'personal_data' and table_schema = current_schema() and data_type in ('text', 'bytea')`,
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual([
      'ciphertext',
      'item_id',
      'iv',
      'key_id',
      'kind',
      'member_id',
    ]);
    const rows = await cloud.db.query<Record<string, string | Uint8Array | null>>(
      `select ${columns.map((c) => c.column_name).join(', ')} from personal_data where member_id = $1`,
      [w.alice.id],
    );
    expect(rows).toHaveLength(3);
    const dump = rows
      .flatMap((r) => Object.values(r))
      .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)))
      .join('\n');
    for (const secret of ['Alice', 'wonderland', '441865000111', 'Rabbit', 'Oxford', 'OX1', 'Looking Glass'])
      expect(dump).not.toContain(secret);
  });

  it('refuses bad input and low keys with problem+json naming the field, and changes nothing', async () => {
    const w = await makeWorld(cloud);
    const a = await addAddress(w.alice, home);
    const before = await rowCounts(cloud.db, ['personal_data']);
    const bad = async (call: Promise<unknown>) =>
      call.then(
        () => {
          throw new Error('expected a failure');
        },
        (e: { code: string; status: number; field?: string }) => ({
          code: e.code,
          status: e.status,
          field: e.field,
        }),
      );
    expect(await bad(addAddress(w.alice, { ...home, country: 'Germany' }))).toMatchObject({
      code: 'Malformed',
      status: 400,
      field: 'country',
    });
    // Two letters are not enough: "GE" is Georgia, "XX" no country; a postal code must be the country's.
    expect(await bad(addAddress(w.alice, { ...home, country: 'XX' }))).toMatchObject({
      code: 'Malformed',
      status: 400,
      field: 'country',
    });
    expect(await bad(addAddress(w.alice, { ...home, country: 'DE', postalCode: 'OX1 1AA' }))).toMatchObject({
      code: 'Malformed',
      status: 400,
      field: 'postalCode',
    });
    expect(await bad(updateAddress(w.alice, a.id, { ...home, postalCode: '1234567' }))).toMatchObject({
      code: 'Malformed',
      status: 400,
      field: 'postalCode',
    });
    expect(await bad(addAddress(w.alice, { ...home, lines: [] }))).toMatchObject({
      code: 'Malformed',
      status: 400,
    });
    expect(await bad(saveProfile(w.alice, { email: 'not-an-email' }))).toMatchObject({
      code: 'Malformed',
      field: 'email',
    });
    expect(await bad(saveProfile(w.alice, { phone: '0176 1234' }))).toMatchObject({ field: 'phone' });
    expect(
      await bad(
        w.alice.client.send(
          'PUT',
          '/api/v1/personal-data/profile',
          { nickname: 'x' },
          await w.alice.signerFor('STANDARD'),
        ),
      ),
    ).toMatchObject({ code: 'Malformed', status: 400 });
    expect(await bad(updateAddress(w.alice, 'A'.repeat(22), office))).toMatchObject({
      code: 'NotFound',
      status: 404,
      field: 'addressId',
    });
    expect(await bad(deleteAddress(w.alice, 'not an id'))).toMatchObject({
      code: 'Malformed',
      field: 'addressId',
    });
    // Another member cannot touch Alice's address: to the shop it does not exist.
    expect(await bad(updateAddress(w.shop, a.id, office))).toMatchObject({ code: 'NotFound' });
    expect(await bad(deleteAddress(w.shop, a.id))).toMatchObject({ code: 'NotFound' });
    // Writes need a STANDARD key (RFC 9421 signed with LOW: refused).
    expect(
      await bad(
        w.alice.client.send(
          'POST',
          '/api/v1/personal-data/addresses',
          office,
          await w.alice.signerFor('LOW'),
        ),
      ),
    ).toMatchObject({ code: 'InsufficientKeyLevel', status: 403 });
    // Unsigned: refused.
    const unsigned = await cloud.app.request('/api/v1/personal-data', {
      headers: { accept: 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toContain('application/problem+json');
    expect(await rowCounts(cloud.db, ['personal_data'])).toEqual(before);
    expect((await getPersonalData(w.alice)).addresses).toEqual([{ id: a.id, ...home }]);
  });
});

describe('personal data through access tokens', () => {
  it('a grantee reads exactly the address it was granted, as it is now, and nothing else', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w.alice);
    await saveProfile(w.alice, { name: 'Alice Liddell', email: 'alice@wonderland.example' });
    const a = await addAddress(w.alice, home);
    const b = await addAddress(w.alice, office);
    const token = await grant(w, pk, [{ type: 'address', addressId: a.id }]);
    expect(token.status).toBe('valid');
    expect(await lastUsed(token.id)).toBeNull();

    const { label: _label, ...shared } = home;
    expect(await readGrantedAddress(w.shop, token.id, a.id)).toEqual({ id: a.id, ...shared });
    expect(await readGrantedAddresses(w.shop, token.id)).toEqual({
      addresses: [{ id: a.id, ...shared }],
      deleted: [],
    });
    expect((await lastUsed(token.id))?.getTime()).toBe(cloud.clock.now);

    // Not the other address, not the profile, not any account; nobody but the grantee.
    expect(await failureCode(readGrantedAddress(w.shop, token.id, b.id))).toBe('NotFound');
    expect(await failureCode(readGrantedProfile(w.shop, token.id))).toBe('NotFound');
    expect(await failureCode(readAccounts(w.shop, token.id))).toBe('NotFound');
    expect(await failureCode(readGrantedAddress(w.alice, token.id, a.id))).toBe('NotFound');
    const stranger = (await makeWorld(cloud)).shop;
    expect(await failureCode(readGrantedAddress(stranger, token.id, a.id))).toBe('NotFound');

    // The grantee sees the current version after an edit, and a clear NotFound once it is deleted.
    await updateAddress(w.alice, a.id, { ...home, lines: ['Rabbit Hole Lane 8'] });
    expect((await readGrantedAddress(w.shop, token.id, a.id)).lines).toEqual(['Rabbit Hole Lane 8']);
    await deleteAddress(w.alice, a.id);
    const err = await readGrantedAddress(w.shop, token.id, a.id).catch((e: Error & { code: string }) => e);
    expect(err).toMatchObject({ code: 'NotFound', message: expect.stringContaining('deleted') });
    expect(await readGrantedAddresses(w.shop, token.id)).toEqual({ addresses: [], deleted: [a.id] });
  });

  it('a profile grant shows only the chosen fields', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w.alice);
    await saveProfile(w.alice, {
      name: 'Alice Liddell',
      email: 'alice@wonderland.example',
      phone: '+441865000111',
    });
    const token = await grant(w, pk, [{ type: 'profile', fields: ['email', 'phone'] }]);
    expect(await readGrantedProfile(w.shop, token.id)).toEqual({
      fields: ['email', 'phone'],
      profile: { email: 'alice@wonderland.example', phone: '+441865000111' },
    });
    expect(await failureCode(readGrantedAddresses(w.shop, token.id))).toBe('NotFound');
  });

  it('a revoked address grant fails on the next read; one grant per pair, replaced atomically', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w.alice);
    const a = await addAddress(w.alice, home);
    const b = await addAddress(w.alice, office);
    const first = await grant(w, pk, [{ type: 'address', addressId: a.id }]);
    await readGrantedAddress(w.shop, first.id, a.id);

    // A second grant to the same grantee is refused; a replacement swaps them in one step.
    expect(await failureCode(grant(w, pk, [{ type: 'address', addressId: b.id }]))).toBe('Conflict');
    const payload = accessTokenPayload(w.alice, {
      grantee: w.shop.id,
      resources: [
        { type: 'address', addressId: b.id },
        { type: 'profile', fields: ['name'] },
      ],
    });
    const second = await replaceAccessToken(
      w.alice,
      first.id,
      payload,
      await passkeySca(pk, scaChallenge(tokenIdOf(payload))),
    );
    expect(await failureCode(readGrantedAddress(w.shop, first.id, a.id))).toBe('Cancelled');
    expect((await readGrantedAddress(w.shop, second.id, b.id)).city).toBe('Daresbury');
    expect(await failureCode(readGrantedAddress(w.shop, second.id, a.id))).toBe('NotFound');

    await cancelToken(w.alice, second.id);
    expect(await failureCode(readGrantedAddress(w.shop, second.id, b.id))).toBe('Cancelled');
    expect(await failureCode(readGrantedProfile(w.shop, second.id))).toBe('Cancelled');
  });

  it('refuses malformed address and profile resources in a grant', async () => {
    const w = await makeWorld(cloud);
    const before = await rowCounts(cloud.db, ['tokens']);
    const send = async (resources: unknown) => {
      const payload = { ...accessTokenPayload(w.alice, { grantee: w.shop.id, resources: [] }), resources };
      return failureCode(
        w.alice.client.send('POST', '/api/v1/tokens', payload, await w.alice.signerFor('LOW')),
      );
    };
    expect(await send([{ type: 'address', addressId: 'x' }])).toBe('Malformed');
    expect(await send([{ type: 'profile', fields: [] }])).toBe('Malformed');
    expect(await send([{ type: 'profile', fields: ['email', 'email'] }])).toBe('Malformed');
    expect(await send([{ type: 'profile', fields: ['password'] }])).toBe('Malformed');
    const id = 'B'.repeat(22);
    expect(
      await send([
        { type: 'address', addressId: id },
        { type: 'address', addressId: id },
      ]),
    ).toBe('Malformed');
    expect(await rowCounts(cloud.db, ['tokens'])).toEqual(before);
  });
});

describe('checkout that shares a shipping address', () => {
  const shopOrigin = 'http://localhost:5174';

  async function shippingRequest(w: World, shippingAddress: 'required' | 'optional') {
    return createTokenRequest(w.shop, {
      body: {
        kind: 'transfer',
        amount: { value: '45.00', currency: 'EUR' },
        description: 'Teapot',
        refId: `order-${shippingAddress}-${cloud.clock.now}-${Math.random()}`,
        shippingAddress,
      },
      requester: { name: 'Demo Shop', domain: 'localhost:5174' },
      returnOrigin: shopOrigin,
    });
  }

  /** Alice's payment token for the shop's request, made from what the request asks, as the wallet does. */
  async function paymentFor(w: World, requestId: string) {
    const { request } = await getTokenRequest(w.alice.client, requestId);
    if (request.body.kind !== 'transfer') throw new Error('not a payment');
    return createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        payee: w.shop.id,
        amount: request.body.amount,
        description: request.body.description,
        refId: request.body.refId,
        source: w.aliceAccount,
        requestId,
      }),
    );
  }

  /** What the wallet does: both tokens, one passkey assertion over both ids, two endorsements. */
  async function payAndShare(w: World, pk: Passkey, requestId: string, addressId: string) {
    const transfer = await paymentFor(w, requestId);
    const access = await createToken(
      w.alice,
      accessTokenPayload(w.alice, {
        grantee: w.shop.id,
        resources: [{ type: 'address', addressId }],
        expiresInMs: 30 * 24 * 3600_000,
        requestId,
      }),
    );
    const ids = [transfer.id, access.id].sort();
    const sca = await passkeySca(pk, scaBundleChallenge(ids), ids);
    return { transfer, access, sca };
  }

  /** Alice, with a passkey and her home address, pays for a shop's request that asks for an address, and shares it. */
  async function payingWithAddress(shippingAddress: 'required' | 'optional') {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w.alice);
    const a = await addAddress(w.alice, home);
    const req = await shippingRequest(w, shippingAddress);
    return { w, a, req, ...(await payAndShare(w, pk, req.id, a.id)) };
  }

  it('one passkey assertion endorses the payment and the address grant; the shop reads the address', async () => {
    const { w, a, req, transfer, access, sca } = await payingWithAddress('required');

    const paid = await endorse(w, transfer.id, sca);
    expect(paid.status).toBe('valid');
    expect(paid.sca).toBe('passkey');
    expect((await endorse(w, access.id, sca)).status).toBe('valid');

    // Without the address, a request that requires one is not answered.
    expect(await failureCode(answerTokenRequest(w.alice, req.id, { tokenId: transfer.id }))).toBe('Conflict');
    const result = await answerTokenRequest(w.alice, req.id, {
      tokenId: transfer.id,
      accessTokenId: access.id,
    });
    const verified = await verifyTokenRequestResult(cloud.client, result, {
      requestId: req.id,
      csrfToken: req.csrfToken,
    });
    expect(verified).toMatchObject({ outcome: 'approved', tokenId: transfer.id, accessTokenId: access.id });

    const transferDone = await redeemToken(w.shop, transfer.id, {
      amount: { value: '45.00', currency: 'EUR' },
      refId: 'order-1',
      destination: w.shopAccount,
    });
    expect(transferDone.status).toBe('ACSC');
    expect((await readGrantedAddresses(w.shop, access.id)).addresses).toEqual([
      {
        id: a.id,
        recipient: home.recipient,
        lines: home.lines,
        city: home.city,
        postalCode: home.postalCode,
        country: 'GB',
      },
    ]);
  });

  it('the bundle assertion approves only the tokens it names, each once', async () => {
    const { w, a, transfer, access, sca } = await payingWithAddress('optional');
    await endorse(w, transfer.id, sca);

    // A third token cannot ride on the assertion: its id is not in the bundle (schema) ...
    const other = await createToken(
      w.alice,
      accessTokenPayload(w.alice, {
        grantee: (await makeWorld(cloud)).shop.id,
        resources: [{ type: 'address', addressId: a.id }],
      }),
    );
    expect(await failureCode(endorse(w, other.id, sca))).toBe('Malformed');
    // ... nor by claiming a bundle with it that the assertion did not sign.
    const forged = { ...sca, tokenIds: [transfer.id, other.id].sort() };
    expect(await failureCode(endorse(w, other.id, forged))).toBe('ScaFailed');
    // The transfer cannot be endorsed twice with it.
    expect(await failureCode(endorse(w, transfer.id, sca))).toBe('Conflict');
    // The address grant still can: it is in the bundle.
    expect((await endorse(w, access.id, sca)).status).toBe('valid');
  });

  it('a shopper who declines to share the address still pays when the shop allows it', async () => {
    const w = await makeWorld(cloud);
    const pk = await withPasskey(w.alice);
    const req = await shippingRequest(w, 'optional');
    const transfer = await paymentFor(w, req.id);
    await endorse(w, transfer.id, await passkeySca(pk, scaChallenge(transfer.id)));
    // An address grant for another request does not answer this one.
    const a = await addAddress(w.alice, home);
    const stray = await grant(w, pk, [{ type: 'address', addressId: a.id }]);
    expect(
      await failureCode(
        answerTokenRequest(w.alice, req.id, { tokenId: transfer.id, accessTokenId: stray.id }),
      ),
    ).toBe('Conflict');
    const result = await answerTokenRequest(w.alice, req.id, { tokenId: transfer.id, accessTokenId: null });
    expect(result).toMatchObject({ outcome: 'approved', tokenId: transfer.id, accessTokenId: null });
  });
});
