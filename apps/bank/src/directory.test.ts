import type { Db } from '@tokenos/db';
import { openTestDb } from '@tokenos/db/testing';
import { type DirectoryOperation, operationHash, ProtocolError } from '@tokenos/protocol';
import { claimedCustodialLog, type FixedKey, fixedKey } from '@tokenos/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankCloudClient } from './directory.ts';
import { migrateBank } from './migrations.ts';

// The bank replays every directory log it reads (directory.ts). A member created in custody names
// the key that may attest its claim; the bank accepts only the cloud keys it pinned at start, so a
// merchant that named (and signed as) an authority of its own cannot hand the member to a key it
// chose, whatever the cloud serves.

const merchant = fixedKey(11);
const cloudKey = fixedKey(12);
const merchantsOwnAuthority = fixedKey(13);
const user = fixedKey(14);

/** Created in the merchant's custody naming `authority`, then claimed by `user` with its attestation. */
function claimedLog(authority: FixedKey): Promise<DirectoryOperation[]> {
  return claimedCustodialLog({ custodian: merchant, authority, user });
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
