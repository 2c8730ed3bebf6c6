import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../canonical.ts';
import { ProtocolError } from '../errors.ts';
import type { SignatureBackend } from '../signature.ts';
import { nobleBackend } from '../signature-noble.ts';
import {
  claimedCustodialLog,
  type FixedKey,
  fixedKey,
  keyRef,
  signedOperation,
} from '../testing/directory-fixtures.ts';
import { operationHash, type VerifyLogOptions, verifyDirectoryLog } from './chain.ts';
import type { DirectoryAction, DirectoryOperation } from './operation.ts';
import { VerifiedLogMemo } from './verified-logs.ts';

const key = fixedKey;
type Key = FixedKey;

const privileged = key(1);
const standard = key(2, 'STANDARD');
const extra = key(3, 'LOW');
const stranger = key(4);
const merchant = key(5);
const authority = key(6);
const ref = keyRef;

function op(
  prev: DirectoryOperation | null,
  seq: number,
  createdAt: number,
  action: DirectoryAction,
  by: Key,
  member?: string | null,
): Promise<DirectoryOperation> {
  return signedOperation({ prev, seq, createdAt, action, by, ...(member !== undefined ? { member } : {}) });
}

/** create, addKey, removeKey: three signatures to check. */
async function ordinaryLog(): Promise<DirectoryOperation[]> {
  const create = await op(
    null,
    0,
    1_000,
    { kind: 'create', keys: [privileged.entry, standard.entry] },
    privileged,
  );
  const add = await op(create, 1, 2_000, { kind: 'addKey', key: extra.entry }, privileged);
  const remove = await op(add, 2, 3_000, { kind: 'removeKey', keyId: standard.entry.id }, privileged);
  return [create, add, remove];
}

/** A member created in the merchant's custody and claimed: the claim carries the authority's attestation. */
function claimedLog(): Promise<DirectoryOperation[]> {
  return claimedCustodialLog({ custodian: merchant, authority, user: privileged });
}

/** nobleBackend, counting the signatures it is asked to verify. */
function counting(): SignatureBackend & { verified: number } {
  const backend = {
    ...nobleBackend,
    name: 'counting',
    verified: 0,
    verify: (...args: Parameters<SignatureBackend['verify']>) => {
      backend.verified++;
      return nobleBackend.verify(...args);
    },
  };
  return backend;
}

/** The answer as a comparable value: the state, or the error's code, field and message. */
async function outcome(log: readonly unknown[], backend: SignatureBackend, options: VerifyLogOptions = {}) {
  try {
    return { state: await verifyDirectoryLog(log, backend, options) };
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    return { code: e.code, field: e.field, message: e.message };
  }
}

describe('VerifiedLogMemo: replaying a log verified before', () => {
  it('skips the signatures of a log seen before, and checks only what was appended since', async () => {
    const log = await ordinaryLog();
    const memo = new VerifiedLogMemo();
    const backend = counting();
    const full = await verifyDirectoryLog(log.slice(0, 2), backend, { memo });
    expect(backend.verified).toBe(2);
    backend.verified = 0;
    expect(await verifyDirectoryLog(log.slice(0, 2), backend, { memo })).toEqual(full);
    expect(backend.verified).toBe(0);
    const longer = await verifyDirectoryLog(log, backend, { memo });
    expect(backend.verified).toBe(1);
    expect(longer).toEqual(await verifyDirectoryLog(log, nobleBackend));
  });

  it('verifies a log that leaves the remembered one from where it leaves, and refuses a bad signature there', async () => {
    const log = await ordinaryLog();
    const memo = new VerifiedLogMemo();
    await verifyDirectoryLog(log, nobleBackend, { memo });
    const backend = counting();

    // Operation 1 with another operation's (valid) signature: it hashes differently, so it is checked.
    const [create, add, remove] = log as [DirectoryOperation, DirectoryOperation, DirectoryOperation];
    const swapped = [create, { ...add, signature: remove.signature }, remove];
    const refused = await outcome(swapped, backend, { memo });
    expect(refused).toMatchObject({ code: 'InvalidSignature', field: '1.signature' });
    expect(refused).toEqual(await outcome(swapped, nobleBackend));
    expect(backend.verified).toBe(1);

    // A fork signed properly: operation 0 is the remembered one, 1 and 2 are verified again.
    backend.verified = 0;
    const add2 = await op(create, 1, 2_500, { kind: 'addKey', key: extra.entry }, privileged);
    const fork = [
      create,
      add2,
      await op(add2, 2, 3_000, { kind: 'removeKey', keyId: extra.entry.id }, privileged),
    ];
    expect((await verifyDirectoryLog(fork, backend, { memo })).head).toBe(operationHash(fork[2]!));
    expect(backend.verified).toBe(2);
    // The fork is now what is remembered; the first log is checked again from operation 1.
    backend.verified = 0;
    await verifyDirectoryLog(log, backend, { memo });
    expect(backend.verified).toBe(2);
    // A fork from the very first operation: nothing is skipped.
    backend.verified = 0;
    const other = await op(null, 0, 1_000, { kind: 'create', keys: [stranger.entry] }, stranger);
    await verifyDirectoryLog([other], backend, { memo });
    expect(backend.verified).toBe(1);
  });

  it('remembers only logs that passed every check', async () => {
    const log = await ordinaryLog();
    const memo = new VerifiedLogMemo();
    const backend = counting();
    const [create, add, remove] = log as [DirectoryOperation, DirectoryOperation, DirectoryOperation];
    await outcome([create, { ...add, signature: remove.signature }], backend, { memo });
    await outcome(log, backend, { memo, memberId: 'X'.repeat(43) });
    await outcome(log, backend, { memo, knownHead: { seq: 2, hash: 'Y'.repeat(43) } });
    expect(memo.size).toBe(0);
    backend.verified = 0;
    await verifyDirectoryLog(log, backend, { memo });
    expect(backend.verified).toBe(3);
    // The known head and the member id are checked on every replay, remembered log or not.
    expect(await outcome(log, backend, { memo, knownHead: { seq: 2, hash: 'Y'.repeat(43) } })).toMatchObject({
      code: 'Forked',
    });
    expect(await outcome(log, backend, { memo, memberId: 'X'.repeat(43) })).toMatchObject({
      code: 'BrokenChain',
    });
  });

  it('checks the pinned claim authorities on every replay: a log remembered without the pin does not pass a pinned check', async () => {
    const log = await claimedLog();
    const memo = new VerifiedLogMemo();
    const backend = counting();
    await verifyDirectoryLog(log, backend, { memo });
    // The claim: the operation's signature and the authority's attestation.
    expect(backend.verified).toBe(3);
    backend.verified = 0;
    expect(await outcome(log, backend, { memo, claimAuthorities: [ref(stranger.entry)] })).toMatchObject({
      code: 'Forbidden',
      field: '0.action.claimAuthority',
    });
    expect(
      (await verifyDirectoryLog(log, backend, { memo, claimAuthorities: [ref(authority.entry)] })).claimed,
    ).toBeDefined();
    expect(backend.verified).toBe(0);
  });

  it('forgets the least recently used member first', async () => {
    const memo = new VerifiedLogMemo(1);
    const backend = counting();
    const a = await ordinaryLog();
    const b = [await op(null, 0, 1_000, { kind: 'create', keys: [stranger.entry] }, stranger)];
    await verifyDirectoryLog(a, backend, { memo });
    await verifyDirectoryLog(b, backend, { memo });
    backend.verified = 0;
    await verifyDirectoryLog(a, backend, { memo });
    expect(backend.verified).toBe(3);
    expect(memo.size).toBe(1);
    expect(() => new VerifiedLogMemo(-1)).toThrow(RangeError);
  });

  it('answers as a full replay does for any changed log, whatever the memo remembers', async () => {
    const log = await ordinaryLog();
    const claimed = await claimedLog();
    const memo = new VerifiedLogMemo();
    await verifyDirectoryLog(log, nobleBackend, { memo });
    await verifyDirectoryLog(claimed, nobleBackend, { memo });
    const mutation = fc.record({
      which: fc.constantFrom('ordinary', 'claimed'),
      op: fc.nat(2),
      at: fc.nat(),
      char: fc.constantFrom('0', 'A', '"', '}', '1', '-', 'z'),
      drop: fc.boolean(),
      pin: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const base = m.which === 'ordinary' ? log : claimed;
        const changed: unknown[] = base.map((o) => structuredClone(o));
        const i = m.op % base.length;
        if (m.drop) changed.splice(i, 1);
        else {
          const text = canonicalize(base[i]);
          const at = m.at % text.length;
          try {
            changed[i] = JSON.parse(text.slice(0, at) + m.char + text.slice(at + 1));
          } catch {
            return; // not JSON: the HTTP layer refuses it before the verifier
          }
        }
        const options = m.pin ? { claimAuthorities: [ref(authority.entry)] } : {};
        // One memo for every case: whatever a changed log that passed left in it, the answers agree.
        expect(await outcome(changed, nobleBackend, { ...options, memo })).toEqual(
          await outcome(changed, nobleBackend, options),
        );
      }),
      { numRuns: 100, seed: 7 },
    );
    expect(memo.size).toBe(2);
  });
});
