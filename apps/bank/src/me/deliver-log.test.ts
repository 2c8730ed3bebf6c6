import {
  type BankEndorsement,
  type DirectoryOperation,
  type Endorsement,
  logHead,
  type MessageSigner,
  operationHash,
  signObject,
  signRequest,
} from '@tokenos/protocol';
import { apiErrorFromResponse, CloudClient, deliverDirectoryLog, signNextOperation } from '@tokenos/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { balance } from '../../test/bank-db.ts';
import {
  linkedUser,
  linkedWorld,
  newUser,
  type TestBank,
  tokenIdOf,
  transferPayload,
  type User,
  type World,
} from '../../test/harness.ts';
import { transferRequest } from '../../test/payments.ts';
import { expectApiError, expectRefusedUnchanged } from '../../test/refusals.ts';

// Seed 000: banks "do not need to trust cloud providers". A wallet delivers each key change to its
// banks itself (POST /me/log); from then on a cloud that serves the log cut before the change, or
// a fork of it, is refused, the refusal recorded, and no money moves.

let world: World;
let iron: TestBank;
let alice: User;
let shop: User;
let aliceRef: string;
let shopRef: string;

beforeAll(async () => {
  let refs: Record<string, string>;
  ({ world, iron, alice, refs } = await linkedWorld(['Current account']));
  aliceRef = refs['Current account']!;
  ({ user: shop, ref: shopRef } = await linkedUser(world, iron, {
    username: 'shop',
    account: 'Merchant account',
  }));
});

afterAll(() => iron?.close());

beforeEach(() => world.cloud.tellTheTruth());

/** The SDK's client of the bank, as a wallet has it (through a relay, here the test network). */
function bankClient(): CloudClient {
  return new CloudClient({ baseUrl: iron.origin, fetch: world.net.fetch, now: () => world.clock.now });
}

function deliver(user: User) {
  return deliverDirectoryLog({ member: user.member, bank: bankClient() });
}

async function heldHead(memberId: string) {
  return iron.db.maybeOne<{ seq: number; head: string }>(
    'select seq, head from member_heads where member_id = $1',
    [memberId],
  );
}

function refusals(memberId: string) {
  return iron.db.query<Record<string, unknown>>(
    'select source, code, known_seq, known_head, served_seq, served_head from refused_logs where member_id = $1 order by refusal_id',
    [memberId],
  );
}

const heads = 'select member_id, seq, head, updated_at from member_heads order by member_id';

/** POST /me/log signed by `signer` as `keyid`, the body as given. */
async function post(keyid: string, signer: MessageSigner, body: unknown): Promise<unknown> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const headers = await signRequest(
    { method: 'POST', path: '/me/log', query: '', body: bytes },
    { ...signer, keyid },
    {
      now: world.clock.now,
      nonce: crypto.randomUUID().replaceAll('-', ''),
    },
  );
  const res = await world.net.fetch(`${iron.origin}/me/log`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: bytes,
  });
  if (!res.ok) throw await apiErrorFromResponse(res);
  return res.json();
}

/** An endorsement of `tokenId` by `user` with the key `keyId`, signed by `signer` (a thief's copy, say). */
function endorseWith(
  user: User,
  keyId: string,
  signer: MessageSigner,
  tokenId: string,
): Promise<Endorsement> {
  return signObject(
    {
      type: 'Endorsement' as const,
      version: 1 as const,
      tokenId,
      signer: { memberId: user.member.id, keyId },
      createdAt: world.clock.now,
      sca: { method: 'exemption' as const, exemption: 'LowValue' as const },
    },
    signer,
  );
}

describe('POST /me/log: a member delivers its directory log to its bank', () => {
  it('moves the head the bank holds to the delivered one, and answers it with the time', async () => {
    const user = await newUser(world);
    await user.member.addKey('LOW');
    const receipt = await deliver(user);
    const { operations } = await world.cloud
      .client(world.net)
      .get<{ operations: DirectoryOperation[] }>(`/api/v1/members/${user.member.id}/log`);
    expect(receipt).toEqual({
      memberId: user.member.id,
      head: logHead(operations),
      confirmedAt: world.clock.now,
    });
    expect(await heldHead(user.member.id)).toEqual({ seq: receipt.head.seq, head: receipt.head.hash });
    // The same log again: the same head, nothing refused.
    expect((await deliver(user)).head).toEqual(receipt.head);
    expect(await refusals(user.member.id)).toEqual([]);
  });

  it('refuses a request signed by a key other than the one it names, and changes nothing', async () => {
    const user = await newUser(world);
    await deliver(user);
    await user.member.addKey('LOW');
    const { operations } = await user.member.client.get<{ operations: unknown[] }>(
      `/api/v1/members/${user.member.id}/log`,
    );
    const named = await user.member.signerFor('LOW');
    const other = await shop.member.signerFor('LOW');
    const before = await iron.db.query(heads);
    await expectApiError('InvalidSignature', post(`${user.member.id}:${named.keyId}`, other, { operations }));
    // A key id that is no key of the member in the log delivered.
    await expectApiError('UnknownKey', post(`${user.member.id}:${other.keyId}`, other, { operations }));
    expect(await iron.db.query(heads)).toEqual(before);
  });

  it('refuses a log that does not extend the head it holds (shorter, or forked), records it, and keeps the head', async () => {
    const user = await newUser(world);
    await user.member.addKey('LOW');
    const { operations } = await user.member.client.get<{ operations: DirectoryOperation[] }>(
      `/api/v1/members/${user.member.id}/log`,
    );
    const held = (await deliver(user)).head;
    const signer = await user.member.signerFor('LOW');
    const keyid = `${user.member.id}:${signer.keyId}`;
    const before = await iron.db.query(heads);
    await expectApiError('StaleLog', post(keyid, signer, { operations: operations.slice(0, -1) }));
    // Another operation at the seq the bank holds, validly signed by the member's PRIVILEGED key.
    const privileged = await user.member.signerFor('PRIVILEGED');
    const stateBefore = await world.cloud.state(user.member.id);
    const forkState = { ...stateBefore, head: operationHash(operations.at(-2)!), seq: held.seq - 1 };
    const fork = await signNextOperation(
      forkState,
      {
        keyId: privileged.keyId,
        action: { kind: 'removePasskey', credentialId: user.passkey.credentialId },
        now: world.clock.now,
      },
      privileged,
    );
    await expectApiError('Forked', post(keyid, signer, { operations: [...operations.slice(0, -1), fork] }));
    expect(await iron.db.query(heads)).toEqual(before);
    expect(await refusals(user.member.id)).toEqual([
      {
        source: 'member',
        code: 'StaleLog',
        known_seq: held.seq,
        known_head: held.hash,
        served_seq: held.seq - 1,
        served_head: operationHash(operations.at(-2)!),
      },
      {
        source: 'member',
        code: 'Forked',
        known_seq: held.seq,
        known_head: held.hash,
        served_seq: held.seq,
        served_head: operationHash(fork),
      },
    ]);
  });

  it('refuses an extension whose new operation does not verify, and keeps the head', async () => {
    const user = await newUser(world);
    const held = (await deliver(user)).head;
    await user.member.addKey('LOW');
    const { operations } = await user.member.client.get<{ operations: DirectoryOperation[] }>(
      `/api/v1/members/${user.member.id}/log`,
    );
    const last = operations.at(-1)!;
    const forged = { ...last, signature: operations.at(-2)!.signature };
    const signer = await user.member.signerFor('LOW');
    const before = await iron.db.query(heads);
    await expectApiError(
      'InvalidSignature',
      post(`${user.member.id}:${signer.keyId}`, signer, { operations: [...operations.slice(0, -1), forged] }),
    );
    expect(await iron.db.query(heads)).toEqual(before);
    expect(await heldHead(user.member.id)).toEqual({ seq: held.seq, head: held.hash });
  });
});

describe('a lying cloud cannot hide a key removal the member delivered', () => {
  it('refuses co-signature and transfer with the removed key, whatever log the cloud serves, and nothing moves', async () => {
    // A thief copies alice's new STANDARD key, and gets a small payment co-signed while it is valid.
    const stolen = await alice.member.addKey('STANDARD');
    const thief = await alice.member.keyStore.signer(alice.member.id, stolen.id);
    const token = (amount: string) => {
      const payload = transferPayload(world, {
        payer: alice.member,
        payee: shop.member,
        bankId: iron.id,
        accountRef: aliceRef,
        amount,
      });
      return { payload, tokenId: tokenIdOf(payload) };
    };
    const early = token('9.00');
    const earlyEndorsement = await endorseWith(alice, stolen.id, thief, early.tokenId);
    const bankEndorsement = await iron.call<BankEndorsement>('/connector/v1/cosign', {
      ...early,
      endorsement: earlyEndorsement,
    });

    // Alice removes the key and her wallet tells the bank itself.
    await alice.member.removeKey(stolen.id);
    const receipt = await deliver(alice);
    const { operations } = await alice.member.client.get<{ operations: DirectoryOperation[] }>(
      `/api/v1/members/${alice.member.id}/log`,
    );
    expect(operations.at(-1)!.action).toEqual({ kind: 'removeKey', keyId: stolen.id });
    const beforeRemoval = logHead(operations.slice(0, -1));

    // The cloud serves the log cut just before the removal.
    world.cloud.tamper = (id, log) => (id === alice.member.id ? log.slice(0, -1) : log);
    const late = token('8.00');
    const cosign = { ...late, endorsement: await endorseWith(alice, stolen.id, thief, late.tokenId) };
    const unchanged = [heads, 'select * from sca_counters order by member_id'];
    const balances = [
      await balance(iron.db, 'alice', 'Current account'),
      await balance(iron.db, 'shop', 'Merchant account'),
    ];
    await expectRefusedUnchanged(
      iron.db,
      'StaleLog',
      () => iron.call('/connector/v1/cosign', cosign),
      unchanged,
    );
    await expectRefusedUnchanged(
      iron.db,
      'StaleLog',
      () =>
        iron.call(
          '/connector/v1/transfers',
          transferRequest(
            { ...early, endorsement: earlyEndorsement, bankEndorsement },
            { refId: 'stolen-key', destination: { bankId: iron.id, accountRef: shopRef } },
          ),
        ),
      unchanged,
    );

    // Or a fork: another operation where the removal was (signed with a PRIVILEGED key the thief also took).
    const privileged = await alice.member.signerFor('PRIVILEGED');
    const fork = await signNextOperation(
      { ...(await world.cloud.state(alice.member.id)), head: beforeRemoval.hash, seq: beforeRemoval.seq },
      {
        keyId: privileged.keyId,
        action: { kind: 'removePasskey', credentialId: alice.passkey.credentialId },
        now: world.clock.now,
      },
      privileged,
    );
    world.cloud.tamper = (id, log) => (id === alice.member.id ? [...log.slice(0, -1), fork] : log);
    await expectRefusedUnchanged(
      iron.db,
      'Forked',
      () => iron.call('/connector/v1/cosign', cosign),
      unchanged,
    );

    // Told the truth, the bank refuses the removed key as it is: unknown.
    world.cloud.tellTheTruth();
    await expectRefusedUnchanged(
      iron.db,
      'UnknownKey',
      () => iron.call('/connector/v1/cosign', cosign),
      unchanged,
    );
    expect([
      await balance(iron.db, 'alice', 'Current account'),
      await balance(iron.db, 'shop', 'Merchant account'),
    ]).toEqual(balances);

    const known = { known_seq: receipt.head.seq, known_head: receipt.head.hash };
    expect(await refusals(alice.member.id)).toEqual([
      {
        source: 'cloud',
        code: 'StaleLog',
        ...known,
        served_seq: beforeRemoval.seq,
        served_head: beforeRemoval.hash,
      },
      {
        source: 'cloud',
        code: 'StaleLog',
        ...known,
        served_seq: beforeRemoval.seq,
        served_head: beforeRemoval.hash,
      },
      {
        source: 'cloud',
        code: 'Forked',
        ...known,
        served_seq: receipt.head.seq,
        served_head: operationHash(fork),
      },
    ]);
  });
});
