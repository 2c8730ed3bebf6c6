import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../canonical.ts';
import { base64url } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { keyPairFromSecret } from '../key-pair.ts';
import { nobleBackend } from '../signature-noble.ts';
import { secretKeySigner, signObject } from '../signing.ts';
import { operationHash, verifyDirectoryLog } from './chain.ts';
import { keyIdOf } from './entries.ts';
import type { DirectoryOperation } from './operation.ts';

/**
 * Hostile input for the directory-log verifier (issue 8): whatever a cloud serves, the verifier
 * either returns the state of an intact log or throws a ProtocolError; never another exception,
 * never a state for a log that was changed.
 */

function key(byte: number, level: 'LOW' | 'STANDARD' | 'PRIVILEGED') {
  const pair = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(byte));
  return {
    entry: {
      id: keyIdOf('Ed25519', pair.publicKey),
      algorithm: 'Ed25519' as const,
      publicKey: base64url(pair.publicKey),
      level,
    },
    signer: secretKeySigner('Ed25519', pair.secretKey, nobleBackend),
  };
}

async function validLog(): Promise<DirectoryOperation[]> {
  const privileged = key(1, 'PRIVILEGED');
  const standard = key(2, 'STANDARD');
  const extra = key(3, 'LOW');
  const create = await signObject(
    {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member: null,
      prev: null,
      seq: 0,
      createdAt: 1_000,
      keyId: privileged.entry.id,
      action: { kind: 'create' as const, keys: [privileged.entry, standard.entry] },
    },
    privileged.signer,
  );
  const memberId = operationHash(create);
  const add = await signObject(
    {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member: memberId,
      prev: memberId,
      seq: 1,
      createdAt: 2_000,
      keyId: privileged.entry.id,
      action: { kind: 'addKey' as const, key: extra.entry },
    },
    privileged.signer,
  );
  const remove = await signObject(
    {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member: memberId,
      prev: operationHash(add),
      seq: 2,
      createdAt: 3_000,
      keyId: privileged.entry.id,
      action: { kind: 'removeKey' as const, keyId: standard.entry.id },
    },
    privileged.signer,
  );
  return [create, add, remove];
}

/** Replaces one character of a JSON text; the result may or may not parse. */
function mutateText(text: string, at: number, char: string): string {
  const i = at % text.length;
  return text.slice(0, i) + char + text.slice(i + 1);
}

describe('directory-log verifier under hostile input', () => {
  it('accepts the intact log', async () => {
    const state = await verifyDirectoryLog(await validLog(), nobleBackend);
    expect(state.seq).toBe(2);
  });

  it('refuses every changed log with a ProtocolError, and nothing else', async () => {
    const log = await validLog();
    const texts = log.map((op) => canonicalize(op));
    const mutation = fc.oneof(
      // One character of one operation replaced.
      fc.record({
        kind: fc.constant('char' as const),
        op: fc.nat(2),
        at: fc.nat(),
        char: fc.constantFrom('0', 'A', '"', '}', '1', '-', ' ', 'z'),
      }),
      // Operations dropped, duplicated, swapped.
      fc.record({ kind: fc.constant('drop' as const), op: fc.nat(2) }),
      fc.record({ kind: fc.constant('dup' as const), op: fc.nat(2) }),
      fc.record({ kind: fc.constant('swap' as const), a: fc.nat(2), b: fc.nat(2) }),
      // One operation replaced by arbitrary JSON.
      fc.record({ kind: fc.constant('json' as const), op: fc.nat(2), value: fc.jsonValue() }),
      // One field of one operation replaced by arbitrary JSON.
      fc.record({
        kind: fc.constant('field' as const),
        op: fc.nat(2),
        field: fc.constantFrom(
          'member',
          'prev',
          'seq',
          'createdAt',
          'keyId',
          'action',
          'signature',
          'type',
          'version',
          'extra',
        ),
        value: fc.jsonValue(),
      }),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const changed: unknown[] = log.map((op) => structuredClone(op));
        if (m.kind === 'char') {
          const text = mutateText(texts[m.op]!, m.at, m.char);
          try {
            changed[m.op] = JSON.parse(text);
          } catch {
            return; // not JSON: a cloud's HTTP layer would refuse it before the verifier
          }
        } else if (m.kind === 'drop') changed.splice(m.op, 1);
        else if (m.kind === 'dup') changed.splice(m.op, 0, changed[m.op]);
        else if (m.kind === 'swap') [changed[m.a], changed[m.b]] = [changed[m.b], changed[m.a]];
        else if (m.kind === 'json') changed[m.op] = m.value;
        else (changed[m.op] as Record<string, unknown>)[m.field] = m.value;
        const same = canonicalize(changed) === canonicalize(log);
        // Dropping the last operation leaves a valid, shorter log: a fork only a known head reveals.
        const truncatedTail = m.kind === 'drop' && m.op === log.length - 1;
        try {
          const state = await verifyDirectoryLog(
            changed,
            nobleBackend,
            truncatedTail ? { knownHead: { seq: 2, hash: operationHash(log[2]!) } } : {},
          );
          accepted++;
          expect(same).toBe(true);
          expect(state.head).toBe(operationHash(log[2]!));
        } catch (e) {
          if (!(e instanceof ProtocolError)) throw e;
          expect(same).toBe(false);
        }
      }),
      { numRuns: 400, seed: 42 },
    );
    expect(accepted).toBeLessThan(400);
  });
});
