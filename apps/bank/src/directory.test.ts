import type { Db } from '@tokenos/db';
import { openTestDb } from '@tokenos/db/testing';
import {
  aliasCommitment,
  base64url,
  type DirectoryAction,
  type DirectoryOperation,
  type KeyEntry,
  keyIdOf,
  keyPairFromSecret,
  type MessageSigner,
  nobleBackend,
  operationHash,
  ProtocolError,
  secretKeySigner,
  signObject,
} from '@tokenos/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankCloudClient } from './directory.ts';
import { migrateBank } from './migrations.ts';

// The bank replays every directory log it reads (directory.ts). A member created in custody names
// the key that may attest its claim; the bank accepts only the cloud keys it pinned at start, so a
// merchant that named (and signed as) an authority of its own cannot hand the member to a key it
// chose, whatever the cloud serves.

type Signer = { entry: KeyEntry; signer: MessageSigner; publicKey: Uint8Array };
function key(byte: number): Signer {
  const pair = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(byte));
  return {
    entry: {
      id: keyIdOf('Ed25519', pair.publicKey),
      algorithm: 'Ed25519',
      publicKey: base64url(pair.publicKey),
      level: 'PRIVILEGED',
    },
    signer: secretKeySigner('Ed25519', pair.secretKey, nobleBackend),
    publicKey: pair.publicKey,
  };
}
const merchant = key(11);
const cloudKey = key(12);
const merchantsOwnAuthority = key(13);
const user = key(14);
const ref = ({ id, algorithm, publicKey }: KeyEntry) => ({ id, algorithm, publicKey });
const alias = {
  type: 'EMAIL' as const,
  commitment: aliasCommitment({ type: 'EMAIL', value: 'ann@example.com' }, 'salt-of-sixteen-chars'),
};

function op(
  prev: DirectoryOperation | null,
  member: string | null,
  action: DirectoryAction,
  by: Signer,
  createdAt: number,
): Promise<DirectoryOperation> {
  return signObject(
    {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member,
      prev: prev && operationHash(prev),
      seq: prev ? prev.seq + 1 : 0,
      createdAt,
      keyId: by.entry.id,
      action,
    },
    by.signer,
  );
}

/** Created in the merchant's custody naming `authority`, then claimed by `user` with its attestation. */
async function claimedLog(authority: Signer): Promise<DirectoryOperation[]> {
  const first = await op(
    null,
    null,
    {
      kind: 'createCustodial',
      custodian: { memberId: 'M'.repeat(43), key: ref(merchant.entry) },
      alias,
      claimAuthority: ref(authority.entry),
      claimBy: 100_000,
    },
    merchant,
    1_000,
  );
  const id = operationHash(first);
  const attestation = await signObject(
    {
      type: 'ClaimAttestation' as const,
      version: 1 as const,
      member: id,
      prev: id,
      alias,
      keyId: user.entry.id,
      authority: authority.entry.id,
      issuedAt: 3_000,
      expiresAt: 3_000 + 600_000,
    },
    authority.signer,
  );
  return [first, await op(first, id, { kind: 'claim', keys: [user.entry], attestation }, user, 4_000)];
}

describe("the bank's directory client and members created in custody", () => {
  let client: BankCloudClient;
  let db: Db;
  const served = new Map<string, DirectoryOperation[]>();

  beforeAll(async () => {
    db = await openTestDb('bank-directory');
    await migrateBank(db);
    const fetch: typeof globalThis.fetch = async (input) => {
      const id = /members\/([^/]+)\/log$/.exec(new URL(String(input)).pathname)?.[1] ?? '';
      const operations = served.get(id);
      return operations
        ? Response.json({ operations })
        : Response.json({ type: 'about:blank', title: 'NotFound', status: 404 }, { status: 404 });
    };
    client = new BankCloudClient({ baseUrl: 'http://cloud.test', fetch, now: () => 5_000 }, db);
    client.pinClaimAuthorities([
      { keyId: cloudKey.entry.id, algorithm: 'Ed25519', publicKey: cloudKey.publicKey },
    ]);
  });

  afterAll(() => db.close());

  async function read(log: DirectoryOperation[]): Promise<unknown> {
    const id = operationHash(log[0]!);
    served.set(id, log);
    try {
      return await client.get(`/api/v1/members/${id}/log`);
    } catch (e) {
      return e;
    }
  }

  it('accepts a member claimed under the pinned cloud key', async () => {
    const log = await claimedLog(cloudKey);
    expect(await read(log)).toEqual({ operations: log });
  });

  it('refuses one whose creator named an authority of its own, though every signature verifies', async () => {
    const refused = await read(await claimedLog(merchantsOwnAuthority));
    expect(refused).toBeInstanceOf(ProtocolError);
    expect(refused).toMatchObject({ code: 'Forbidden', field: '0.action.claimAuthority' });
  });
});
