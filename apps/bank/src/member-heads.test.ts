import type { Db } from '@tokenos/db';
import { type DirectoryAction, type DirectoryOperation, logHead, operationHash } from '@tokenos/protocol';
import { fixedKey, signedOperation } from '@tokenos/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBankDb } from '../test/bank-db.ts';
import { knownHead, rememberHead } from './member-heads.ts';

// The head a bank holds for a member moves only forward, also when requests race: two forks of the
// same length read at once, one wins and the other is refused, never both remembered in turn.

const owner = fixedKey(31);
let db: Db;
let trunk: DirectoryOperation[];
let fork: DirectoryOperation[];
let memberId: string;

async function next(log: DirectoryOperation[], action: DirectoryAction): Promise<DirectoryOperation[]> {
  const prev = log.at(-1)!;
  return [...log, await signedOperation({ prev, action, by: owner, createdAt: prev.createdAt + 1_000 })];
}

beforeAll(async () => {
  db = await openBankDb('bank-member-heads');
  const create = await signedOperation({
    prev: null,
    action: { kind: 'create', keys: [owner.entry] },
    by: owner,
    createdAt: 1_000,
  });
  memberId = operationHash(create);
  const added = await next([create], { kind: 'addKey', key: fixedKey(32, 'LOW').entry });
  trunk = await next(added, { kind: 'removeKey', keyId: fixedKey(32, 'LOW').entry.id });
  fork = await next(added, { kind: 'addKey', key: fixedKey(33, 'LOW').entry });
});

afterAll(() => db.close());

async function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'held',
    (e: { code?: string }) => e.code ?? String(e),
  );
}

describe('rememberHead', () => {
  it('lets exactly one of two racing forks win, and the head never leaves it', async () => {
    await rememberHead(db, memberId, trunk.slice(0, 2), 'cloud');
    const results = await Promise.all([
      outcome(rememberHead(db, memberId, trunk, 'cloud')),
      outcome(rememberHead(db, memberId, fork, 'cloud')),
    ]);
    expect([...results].sort()).toEqual(['Forked', 'held']);
    const winner = results[0] === 'held' ? trunk : fork;
    expect(await knownHead(db, memberId)).toEqual(logHead(winner));
    // A shorter log and the loser, later, are refused too; the winner again is fine.
    expect(await outcome(rememberHead(db, memberId, trunk.slice(0, 2), 'cloud'))).toBe('StaleLog');
    expect(await outcome(rememberHead(db, memberId, winner === trunk ? fork : trunk, 'member'))).toBe(
      'Forked',
    );
    expect(await rememberHead(db, memberId, winner, 'member')).toEqual(logHead(winner));
    const refused = await db.query<{ code: string; source: string }>(
      'select code, source from refused_logs where member_id = $1 order by refusal_id',
      [memberId],
    );
    expect(refused).toEqual([
      { code: 'Forked', source: 'cloud' },
      { code: 'StaleLog', source: 'cloud' },
      { code: 'Forked', source: 'member' },
    ]);
  });

  it('moves forward from a shorter log read at the same time as a longer one', async () => {
    const other = fixedKey(34);
    const create = await signedOperation({
      prev: null,
      action: { kind: 'create', keys: [other.entry] },
      by: other,
      createdAt: 1_000,
    });
    const id = operationHash(create);
    const long = [create];
    for (let i = 0; i < 3; i++)
      long.push(
        await signedOperation({
          prev: long.at(-1)!,
          action: { kind: 'addKey', key: fixedKey(40 + i, 'LOW').entry },
          by: other,
          createdAt: 2_000 + i,
        }),
      );
    const results = await Promise.all(
      [1, 4, 2, 3].map((n) => outcome(rememberHead(db, id, long.slice(0, n), 'cloud'))),
    );
    // Whichever order they land in, the newest head stays and nothing older replaces it.
    expect(results).toContain('held');
    expect(await knownHead(db, id)).toEqual(logHead(long));
  });
});
