import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../canonical.ts';
import { ProtocolError } from '../errors.ts';
import { nobleBackend } from '../signature-noble.ts';
import { signObject } from '../signing.ts';
import { type FixedKey, fixedKey, keyRef, signedOperation } from '../testing/directory-fixtures.ts';
import { operationHash, verifyDirectoryLog } from './chain.ts';
import type { UnsignedClaimAttestation } from './custody.ts';
import { aliasCommitment, type KeyEntry } from './entries.ts';
import type { DirectoryAction, DirectoryOperation } from './operation.ts';

const key = fixedKey;

const merchant = key(1);
const authority = key(2);
const user = key(3);
const userStandard = key(4, 'STANDARD');
const stranger = key(5);
const merchantId = 'M'.repeat(43);
const ref = keyRef;
const alias = {
  type: 'EMAIL' as const,
  commitment: aliasCommitment({ type: 'EMAIL', value: 'ann@example.com' }, 'salt-of-sixteen-chars'),
};
const second = {
  type: 'PHONE' as const,
  commitment: aliasCommitment({ type: 'PHONE', value: '+447700900123' }, 'another-salt-here'),
};

function op(
  prev: DirectoryOperation | null,
  member: string | null,
  seq: number,
  createdAt: number,
  action: DirectoryAction,
  signer: FixedKey,
): Promise<DirectoryOperation> {
  return signedOperation({ prev, member, seq, createdAt, action, by: signer });
}

/** The merchant creates a member for `alias` in its custody; `signer` other than the merchant forges it. */
function create(claimBy = 100_000, signer = merchant): Promise<DirectoryOperation> {
  return op(
    null,
    null,
    0,
    1_000,
    {
      kind: 'createCustodial',
      custodian: { memberId: merchantId, key: ref(merchant.entry) },
      alias,
      claimAuthority: ref(authority.entry),
      claimBy,
    },
    signer,
  );
}

async function attestation(
  head: DirectoryOperation,
  memberId: string,
  over: Partial<UnsignedClaimAttestation> = {},
  by = authority,
) {
  return signObject(
    {
      type: 'ClaimAttestation' as const,
      version: 1 as const,
      member: memberId,
      prev: operationHash(head),
      alias,
      keyId: user.entry.id,
      authority: authority.entry.id,
      issuedAt: 3_000,
      expiresAt: 3_000 + 600_000,
      ...over,
    },
    by.signer,
  );
}

/**
 * The claim of member `id` whose log ends at `head`: by default the user's key, added and signing,
 * with the authority's attestation for it, at 4,000. `over` and `opts` change one thing to forge it.
 */
async function claimOf(
  head: DirectoryOperation,
  id: string,
  over: Partial<UnsignedClaimAttestation> = {},
  opts: { by?: typeof authority; signer?: typeof user; keys?: KeyEntry[]; at?: number } = {},
): Promise<DirectoryOperation> {
  return op(
    head,
    id,
    head.seq + 1,
    opts.at ?? 4_000,
    {
      kind: 'claim',
      keys: opts.keys ?? [user.entry],
      attestation: await attestation(head, id, over, opts.by ?? authority),
    },
    opts.signer ?? user,
  );
}

async function claimedLog(): Promise<DirectoryOperation[]> {
  const first = await create();
  const id = operationHash(first);
  const add = await op(first, id, 1, 2_000, { kind: 'addAlias', alias: second }, merchant);
  const claim = await claimOf(add, id, {}, { keys: [user.entry, userStandard.entry] });
  return [first, add, claim];
}

async function refusal(log: unknown[]): Promise<ProtocolError> {
  try {
    await verifyDirectoryLog(log, nobleBackend);
  } catch (e) {
    if (e instanceof ProtocolError) return e;
    throw e;
  }
  throw new Error('expected the log to be refused');
}

describe("members created on a user's behalf (custody) and the claim", () => {
  it('a custodial member has no keys, only the custodian and the alias the merchant gave', async () => {
    const first = await create();
    const state = await verifyDirectoryLog([first], nobleBackend);
    expect(state.memberId).toBe(operationHash(first));
    expect(state.keys).toEqual([]);
    expect(state.aliases).toEqual([alias]);
    expect(state.custody?.custodian.memberId).toBe(merchantId);
  });

  it('verifies created-by-merchant, a custodian change and the claim end to end', async () => {
    const state = await verifyDirectoryLog(await claimedLog(), nobleBackend);
    expect(state.seq).toBe(2);
    expect(state.custody).toBeUndefined();
    expect(state.keys.map((k) => k.id)).toEqual([user.entry.id, userStandard.entry.id]);
    expect(state.aliases).toEqual([alias, second]);
    expect(state.claimed).toEqual({ custodian: merchantId, at: 4_000 });
  });

  it('after the claim the custodian can no longer change the member', async () => {
    const log = await claimedLog();
    const removeSecond = (by: typeof user) =>
      op(
        log[2]!,
        operationHash(log[0]!),
        3,
        5_000,
        { kind: 'removeAlias', commitment: second.commitment },
        by,
      );
    expect((await refusal([...log, await removeSecond(merchant)])).code).toBe('UnknownKey');
    // The user's key does it.
    const own = await removeSecond(user);
    expect((await verifyDirectoryLog([...log, own], nobleBackend)).aliases).toEqual([alias]);
  });

  it('a second claim is refused', async () => {
    const log = await claimedLog();
    const id = operationHash(log[0]!);
    const again = await claimOf(
      log[2]!,
      id,
      { keyId: stranger.entry.id, issuedAt: 4_500 },
      { keys: [stranger.entry], signer: stranger, at: 5_000 },
    );
    expect((await refusal([...log, again])).code).toBe('Conflict');
  });

  it('a custodian adds no keys, and nobody else changes a member in custody', async () => {
    const first = await create();
    const id = operationHash(first);
    const addKey = await op(first, id, 1, 2_000, { kind: 'addKey', key: stranger.entry }, merchant);
    expect((await refusal([first, addKey])).code).toBe('Forbidden');
    const foreign = await op(first, id, 1, 2_000, { kind: 'addAlias', alias: second }, stranger);
    expect((await refusal([first, foreign])).code).toBe('UnknownKey');
    const last = await op(
      first,
      id,
      1,
      2_000,
      { kind: 'removeAlias', commitment: alias.commitment },
      merchant,
    );
    expect((await refusal([first, last])).code).toBe('Forbidden');
  });

  it('refuses forged claims', async () => {
    const first = await create();
    const id = operationHash(first);
    const claim = (over: Partial<UnsignedClaimAttestation>, opts: Parameters<typeof claimOf>[3] = {}) =>
      claimOf(first, id, over, opts);
    const cases: [string, DirectoryOperation, string][] = [
      ['attestation signed by someone else', await claim({}, { by: stranger }), 'InvalidSignature'],
      ['attestation signed by the custodian', await claim({}, { by: merchant }), 'InvalidSignature'],
      ['attestation for another key', await claim({ keyId: stranger.entry.id }), 'Forbidden'],
      ['attestation for another member', await claim({ member: 'X'.repeat(43) }), 'Forbidden'],
      ['attestation for an older head', await claim({ prev: 'P'.repeat(43) }), 'Forbidden'],
      ['attestation for an alias the member lacks', await claim({ alias: second }), 'Forbidden'],
      ['attestation naming another authority', await claim({ authority: stranger.entry.id }), 'Forbidden'],
      ['expired attestation', await claim({}, { at: 3_000 + 600_000 }), 'Expired'],
      ['over-long attestation', await claim({ expiresAt: 3_000 + 3_600_000 }), 'Forbidden'],
      [
        'signed by a STANDARD key',
        await claim(
          { keyId: userStandard.entry.id },
          { signer: userStandard, keys: [user.entry, userStandard.entry] },
        ),
        'InsufficientKeyLevel',
      ],
      [
        'signed by a key the claim does not add',
        await claim({ keyId: stranger.entry.id }, { signer: stranger }),
        'UnknownKey',
      ],
    ];
    for (const [what, forged, code] of cases) {
      const e = await refusal([first, forged]);
      expect({ what, code: e.code }).toEqual({ what, code });
    }
  });

  it('an unclaimed member dies at claimBy: no claim and no change after it', async () => {
    const first = await create(3_500);
    const id = operationHash(first);
    expect((await refusal([first, await claimOf(first, id)])).code).toBe('Expired');
  });

  it('refuses a createCustodial not signed by the custodian it names, or dead at birth', async () => {
    expect((await refusal([await create(100_000, stranger)])).code).toBe('UnknownKey');
    expect((await refusal([await create(1_000)])).code).toBe('Malformed');
  });

  it('a verifier that pins its claim authorities refuses a member naming another', async () => {
    const log = await claimedLog();
    // The pinned authority: the same key verifies; an ordinary member's log is not affected.
    const pinned = { claimAuthorities: [ref(stranger.entry), ref(authority.entry)] };
    expect((await verifyDirectoryLog(log, nobleBackend, pinned)).claimed?.custodian).toBe(merchantId);
    const ordinary = await op(null, null, 0, 1_000, { kind: 'create', keys: [user.entry] }, user);
    expect((await verifyDirectoryLog([ordinary], nobleBackend, { claimAuthorities: [] })).keys).toHaveLength(
      1,
    );

    // A merchant (or a lying cloud) that names and signs as its own authority is refused before
    // the claim is even looked at; so is a pinned id whose key differs, and an empty pin list.
    for (const claimAuthorities of [
      [ref(stranger.entry)],
      [{ ...ref(authority.entry), publicKey: stranger.entry.publicKey }],
      [],
    ]) {
      let refused: unknown;
      try {
        await verifyDirectoryLog(log, nobleBackend, { claimAuthorities });
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(ProtocolError);
      expect(refused).toMatchObject({ code: 'Forbidden', field: '0.action.claimAuthority' });
    }
  });

  it('refuses every changed custodial log with a ProtocolError, and nothing else', async () => {
    const log = await claimedLog();
    const texts = log.map((o) => canonicalize(o));
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(2),
        fc.nat(),
        fc.constantFrom('0', 'A', '"', '}', '1', '-', 'z'),
        async (i, at, char) => {
          const text = texts[i]!;
          const j = at % text.length;
          let changed: unknown;
          try {
            changed = JSON.parse(text.slice(0, j) + char + text.slice(j + 1));
          } catch {
            return;
          }
          const candidate = log.map((o, k) => (k === i ? changed : o));
          const same = canonicalize(candidate) === canonicalize(log);
          try {
            await verifyDirectoryLog(candidate, nobleBackend);
            expect(same).toBe(true);
          } catch (e) {
            if (!(e instanceof ProtocolError)) throw e;
            expect(same).toBe(false);
            refused++;
          }
        },
      ),
      { numRuns: 150, seed: 7 },
    );
    expect(refused).toBeGreaterThan(0);
  });
});
