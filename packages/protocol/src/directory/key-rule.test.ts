import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KeyLevel } from '../common.ts';
import { ProtocolError } from '../errors.ts';
import { nobleBackend } from '../signature-noble.ts';
import { verifyDirectoryLog } from './chain.ts';
import { assertMemberKey, assertSignedByMemberKey, isKeyUsable } from './key-rule.ts';

// Our own vectors (STYLE.md, "Tests"): written by key-rule-vectors/generate.mjs with node:crypto
// and logs laid out by hand, replayed here through the protocol's own chain rule and key rule.
const dir = new URL('./key-rule-vectors/', import.meta.url);
const load = (kind: 'valid' | 'invalid') =>
  readdirSync(new URL(`${kind}/`, dir))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      vector: JSON.parse(readFileSync(new URL(`${kind}/${name}`, dir), 'utf8')) as Vector,
    }));

interface Vector {
  description: string;
  log: unknown[];
  signed: { signer: { memberId: string; keyId: string }; signature: string };
  required: KeyLevel;
  now: number;
  expected?: { keyId: string; level: KeyLevel };
  error?: { code: string; field: string };
}

async function check(v: Vector) {
  const member = await verifyDirectoryLog(v.log, nobleBackend);
  return {
    member,
    run: () =>
      assertSignedByMemberKey({
        member,
        signer: v.signed.signer,
        required: v.required,
        now: v.now,
        field: 'signer.keyId',
        signed: v.signed,
        backend: nobleBackend,
        signatureField: 'signature',
      }),
  };
}

describe('key rule vectors', () => {
  const valid = load('valid');
  const invalid = load('invalid');

  it('has the cases the rule must tell apart', () => {
    expect(valid.length).toBeGreaterThanOrEqual(6);
    const codes = new Set(invalid.map((v) => v.vector.error?.code));
    expect([...codes].sort()).toEqual([
      'InsufficientKeyLevel',
      'InvalidSignature',
      'KeyExpired',
      'UnknownKey',
    ]);
  });

  it.each(valid)('valid/$name', async ({ vector }) => {
    const { member, run } = await check(vector);
    const key = await run();
    expect({ keyId: key.id, level: key.level }).toEqual(vector.expected);
    expect(isKeyUsable(key, vector.required, vector.now)).toBe(true);
    expect(member.keys.some((k) => k.id === key.id)).toBe(true);
  });

  it.each(invalid)('invalid/$name', async ({ vector }) => {
    const { member, run } = await check(vector);
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProtocolError);
    expect({ code: (error as ProtocolError).code, field: (error as ProtocolError).field }).toEqual(
      vector.error,
    );
    // The boolean variant agrees with the rule wherever a key is found.
    const key = member.keys.find((k) => k.id === vector.signed.signer.keyId);
    if (key && vector.error?.code !== 'InvalidSignature' && vector.signed.signer.memberId === member.memberId)
      expect(isKeyUsable(key, vector.required, vector.now)).toBe(false);
  });
});

describe('assertMemberKey', () => {
  const member = {
    memberId: 'M'.repeat(43),
    keys: [
      {
        id: 'k'.repeat(22),
        algorithm: 'Ed25519' as const,
        publicKey: 'AA',
        level: 'LOW' as const,
        expiresAt: 10,
      },
    ],
  };

  it('states the expected and the actual value, and names the caller’s field', () => {
    const refusal = (required: KeyLevel, now: number) => {
      try {
        assertMemberKey({
          member,
          signer: { memberId: member.memberId, keyId: 'k'.repeat(22) },
          required,
          now,
          field: 'x.y',
        });
      } catch (e) {
        return e as ProtocolError;
      }
      throw new Error('accepted');
    };
    const level = refusal('STANDARD', 5);
    expect([level.code, level.field]).toEqual(['InsufficientKeyLevel', 'x.y']);
    expect(level.message).toContain('expected a STANDARD key or higher');
    expect(level.message).toContain('at LOW');
    const expired = refusal('LOW', 10);
    expect([expired.code, expired.field]).toEqual(['KeyExpired', 'x.y']);
    expect(expired.message).toContain('expected a key valid at 1970-01-01T00:00:00.010Z');
    expect(expired.message).toContain('expired at 1970-01-01T00:00:00.010Z');
  });
});
