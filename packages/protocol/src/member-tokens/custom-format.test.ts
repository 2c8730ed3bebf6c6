import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import {
  CUSTOM_TOKEN_BYTES,
  customTokenLayout,
  encodeCustomMemberToken,
  type MemberTokenMacKey,
  openCustomMemberToken,
  parseCustomMemberToken,
} from './custom-format.ts';
import {
  assertFlagsAgree,
  type MemberTokenFlags,
  memberTokenEntityTypes,
  memberTokenLimits,
} from './flags.ts';
import { memberTokenFlagsOf, memberTokenLimitationsSchema } from './limitations.ts';

// Our own vectors (ARCHITECTURE.md, "Conventions"): written by vectors/generate.mjs with node:crypto and byte
// offsets laid out by hand, replayed here through the protocol's own code.
const dir = new URL('./vectors/', import.meta.url);
const load = (kind: 'valid' | 'invalid') =>
  readdirSync(new URL(`${kind}/`, dir))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      vector: JSON.parse(readFileSync(new URL(`${kind}/${name}`, dir), 'utf8')) as Vector,
    }));

interface VectorKey {
  keyId: string;
  secret: string;
  status: 'active' | 'retired';
}
interface Vector {
  description: string;
  oin: string;
  keys: VectorKey[];
  token: string;
  expected?: { oin: string; flagsHex: string; flags: MemberTokenFlags; tokenId: string; keyId: string };
  stored?: {
    entityType: MemberTokenFlags['entityType'];
    entitlementCount: number;
    loyalty: boolean;
    limitations: unknown;
  };
  error?: { code: string; field: string };
}

const keysOf = (v: Vector): MemberTokenMacKey[] =>
  v.keys.map((k) => ({ keyId: fromHex(k.keyId), secret: fromHex(k.secret), status: k.status }));

function openAndCheck(v: Vector): void {
  const token = openCustomMemberToken(v.token, { oin: v.oin, keys: keysOf(v) });
  if (v.stored) {
    const limitations = memberTokenLimitationsSchema.parse(v.stored.limitations);
    assertFlagsAgree(token.flags, memberTokenFlagsOf({ ...v.stored, limitations }));
  }
}

describe('custom member-token vectors (seed 001, "Option 2")', () => {
  const valid = load('valid');
  const invalid = load('invalid');

  it('has every case the format needs', () => {
    const names = [...valid, ...invalid].map((v) => v.name.replace(/\.json$/, ''));
    for (const limit of memberTokenLimits) expect(names).toContain(`limit-${limit}-only`);
    for (const name of [
      'entitlements-only',
      'loyalty-only',
      'consumer-no-flags',
      'entity-merchant',
      'entity-sub-merchant',
      'tampered-oin',
      'tampered-flags',
      'tampered-token-id',
      'tampered-key-id',
      'tampered-hash',
      'wrong-key-id',
      'retired-key',
      'flags-disagree-missing-limit',
    ])
      expect(names).toContain(name);
  });

  for (const { name, vector } of valid) {
    it(`valid/${name}: ${vector.description}`, () => {
      const expected = vector.expected!;
      expect(vector.token).toHaveLength(CUSTOM_TOKEN_BYTES * 2);
      const token = openCustomMemberToken(vector.token, { oin: vector.oin, keys: keysOf(vector) });
      expect(token.oin).toBe(expected.oin);
      expect(token.flags).toEqual(expected.flags);
      expect(hex(token.tokenId)).toBe(expected.tokenId);
      expect(hex(token.keyId)).toBe(expected.keyId);
      expect(vector.token.slice(16, 20)).toBe(expected.flagsHex);
      // And back: our encoder writes the very same bytes.
      const key = vector.keys.find((k) => k.keyId === expected.keyId)!;
      expect(
        encodeCustomMemberToken(
          {
            oin: expected.oin,
            flags: expected.flags,
            tokenId: fromHex(expected.tokenId),
            keyId: fromHex(key.keyId),
          },
          fromHex(key.secret),
        ),
      ).toBe(vector.token);
    });
  }

  for (const { name, vector } of invalid) {
    it(`invalid/${name}: ${vector.description} -> ${vector.error!.code}`, () => {
      let caught: unknown;
      try {
        openAndCheck(vector);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ProtocolError);
      expect(caught).toMatchObject({ code: vector.error!.code, field: vector.error!.field });
    });
  }

  it('the flag-disagreement vectors are genuine tokens: without the stored comparison they open', () => {
    for (const { vector } of invalid.filter((v) => v.name.startsWith('flags-disagree')))
      expect(() =>
        openCustomMemberToken(vector.token, { oin: vector.oin, keys: keysOf(vector) }),
      ).not.toThrow();
  });
});

const flagsArbitrary: fc.Arbitrary<MemberTokenFlags> = fc
  .record({
    entityType: fc.constantFrom(...memberTokenEntityTypes),
    entitlements: fc.boolean(),
    loyalty: fc.boolean(),
    limits: fc.record(
      Object.fromEntries(memberTokenLimits.map((l) => [l, fc.boolean()])) as Record<
        (typeof memberTokenLimits)[number],
        fc.Arbitrary<boolean>
      >,
    ),
  })
  .map((f) => (f.entityType === 'consumer' ? f : { ...f, limits: { ...f.limits, merchant: true } }));

const key: MemberTokenMacKey = {
  keyId: new Uint8Array(16).fill(7),
  secret: new Uint8Array(32).fill(9),
  status: 'active',
};

describe('custom format properties', () => {
  it('round-trips every field', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        flagsArbitrary,
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (oin, flags, tokenId) => {
          const text = encodeCustomMemberToken(
            { oin: oin.toString(), flags, tokenId, keyId: key.keyId },
            key.secret,
          );
          expect(text).toMatch(/^[0-9a-f]{116}$/);
          const parsed = openCustomMemberToken(text, { oin: oin.toString(), keys: [key] });
          expect(parsed).toMatchObject({ oin: oin.toString(), flags, tokenId, keyId: key.keyId });
        },
      ),
    );
  });

  it('flipping any bit of any of the 58 bytes is refused', () => {
    fc.assert(
      fc.property(
        flagsArbitrary,
        fc.integer({ min: 0, max: CUSTOM_TOKEN_BYTES - 1 }),
        fc.integer({ min: 0, max: 7 }),
        (flags, index, bit) => {
          const bytes = fromHex(
            encodeCustomMemberToken(
              { oin: '666666', flags, tokenId: new Uint8Array(16), keyId: key.keyId },
              key.secret,
            ),
          );
          bytes[index] = bytes[index]! ^ (1 << bit);
          expect(() => openCustomMemberToken(hex(bytes), { oin: '666666', keys: [key] })).toThrow(
            ProtocolError,
          );
        },
      ),
    );
  });

  it('upper-case hex is the same token; the structure is read without any key', () => {
    const text = encodeCustomMemberToken(
      {
        oin: '42',
        flags: { entityType: 'consumer', entitlements: false, loyalty: true, limits: noLimits },
        tokenId: new Uint8Array(16),
        keyId: key.keyId,
      },
      key.secret,
    );
    expect(openCustomMemberToken(text.toUpperCase(), { oin: '42', keys: [key] }).flags.loyalty).toBe(true);
    expect(parseCustomMemberToken(text).hash).toHaveLength(customTokenLayout.hash.length);
  });

  it('refuses misuse: a short HMAC key, a token id that is not 16 bytes', () => {
    const flags = { entityType: 'consumer' as const, entitlements: false, loyalty: false, limits: noLimits };
    expect(() =>
      encodeCustomMemberToken(
        { oin: '1', flags, tokenId: new Uint8Array(16), keyId: key.keyId },
        new Uint8Array(16),
      ),
    ).toThrow(/at least 32 bytes/);
    expect(() =>
      encodeCustomMemberToken({ oin: '1', flags, tokenId: new Uint8Array(15), keyId: key.keyId }, key.secret),
    ).toThrow(/tokenId: expected 16 bytes/);
  });
});

const noLimits = Object.fromEntries(memberTokenLimits.map((l) => [l, false])) as MemberTokenFlags['limits'];
