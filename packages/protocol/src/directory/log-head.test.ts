import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { fixedKey, signedOperation } from '../testing/directory-fixtures.ts';
import { operationHash } from './chain.ts';
import { assertExtendsHead, extendsHead, type LogHead, logHead } from './log-head.ts';
import type { DirectoryAction, DirectoryOperation } from './operation.ts';

// A head only moves forward: a verifier that saw a member's log up to some operation accepts later
// logs only if they still hold that operation at its seq. Two branches of one member's log share
// their first `forkAt` operations and differ from then on.

const owner = fixedKey(1);
const forkAt = 3;
const length = 7;
let trunk: DirectoryOperation[];
let branch: DirectoryOperation[];

/** `n` operations after `from`: the owner adds then removes a key of its own, over and over. */
async function grow(from: DirectoryOperation[], n: number, keyByte: number): Promise<DirectoryOperation[]> {
  const log = [...from];
  for (let i = 0; i < n; i++) {
    const prev = log.at(-1) ?? null;
    // Odd positions add key `keyByte + position`, even ones remove the key added just before.
    const at = log.length;
    const action: DirectoryAction =
      prev === null
        ? { kind: 'create', keys: [owner.entry] }
        : at % 2 === 1
          ? { kind: 'addKey', key: fixedKey(keyByte + at, 'LOW').entry }
          : { kind: 'removeKey', keyId: fixedKey(keyByte + at - 1, 'LOW').entry.id };
    log.push(await signedOperation({ prev, action, by: owner, createdAt: 1_000 * (log.length + 1) }));
  }
  return log;
}

beforeAll(async () => {
  trunk = await grow([], length, 20);
  branch = await grow(trunk.slice(0, forkAt), length - forkAt, 60);
});

const headOf = (log: DirectoryOperation[], n: number): LogHead => logHead(log.slice(0, n));

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof ProtocolError) return e.code;
    throw e;
  }
}

describe('assertExtendsHead', () => {
  it('names the last operation as the head', () => {
    expect(logHead(trunk)).toEqual({ seq: length - 1, hash: operationHash(trunk.at(-1)!) });
    expect(branch[forkAt]!.prev).toBe(operationHash(trunk[forkAt - 1]!));
    expect(operationHash(branch[forkAt]!)).not.toBe(operationHash(trunk[forkAt]!));
  });

  it('accepts any log when nothing was seen, and the same log again', () => {
    expect(assertExtendsHead(trunk.slice(0, 2), undefined)).toEqual(headOf(trunk, 2));
    expect(assertExtendsHead(trunk, logHead(trunk))).toEqual(logHead(trunk));
  });

  it('refuses a log cut before the head it saw as StaleLog, stating both ends', () => {
    const err = (() => {
      try {
        return assertExtendsHead(trunk.slice(0, 4), logHead(trunk));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code: 'StaleLog', field: 'operations' });
    expect((err as Error).message).toContain('ends at seq 3, before the head seq 6');
  });

  it('refuses another operation at the seen seq as Forked, whatever the length', () => {
    expect(codeOf(() => assertExtendsHead(branch, headOf(trunk, forkAt + 1)))).toBe('Forked');
    expect(codeOf(() => assertExtendsHead(branch, logHead(trunk)))).toBe('Forked');
    expect(extendsHead(branch, logHead(trunk))).toBe(false);
    // The shared part is no fork.
    expect(extendsHead(branch, headOf(trunk, forkAt))).toBe(true);
  });

  it('refuses a log whose operations do not end at their own seq', () => {
    expect(codeOf(() => assertExtendsHead(trunk.slice(1, 3), undefined))).toBe('BrokenChain');
  });

  it('property: a prefix of the seen log is refused, an extension accepted with its own head', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: length }),
        fc.integer({ min: 1, max: length }),
        (seen, served) => {
          const known = headOf(trunk, seen);
          const code = codeOf(() => assertExtendsHead(trunk.slice(0, served), known));
          if (served >= seen) {
            expect(code).toBeUndefined();
            expect(assertExtendsHead(trunk.slice(0, served), known)).toEqual(headOf(trunk, served));
          } else expect(code).toBe('StaleLog');
        },
      ),
    );
  });

  it('property: a verifier that only moves its head forward never goes back nor changes branch', () => {
    const serving = fc.array(
      fc.record({ fromBranch: fc.boolean(), n: fc.integer({ min: 1, max: length }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(serving, (served) => {
        let known: LogHead | undefined;
        let branchSeen: 'trunk' | 'branch' | undefined;
        for (const s of served) {
          const log = (s.fromBranch ? branch : trunk).slice(0, s.n);
          const code = codeOf(() => assertExtendsHead(log, known));
          if (code !== undefined) {
            expect(['StaleLog', 'Forked']).toContain(code);
            continue;
          }
          const next = logHead(log);
          expect(next.seq).toBeGreaterThanOrEqual(known?.seq ?? -1);
          // Past the fork point the verifier stays on the branch it saw first.
          if (s.n > forkAt) {
            const which = s.fromBranch ? 'branch' : 'trunk';
            expect(branchSeen ?? which).toBe(which);
            branchSeen = which;
          }
          known = next;
        }
      }),
    );
  });
});
