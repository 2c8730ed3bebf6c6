import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalize } from './canonical.ts';

const vectors = new URL('../vectors/rfc8785/', import.meta.url);
const names = readdirSync(new URL('input/', vectors)).filter((n) => n.endsWith('.json'));

describe('RFC 8785 reference vectors', () => {
  it('has the six published input files', () => {
    expect(names.sort()).toEqual([
      'arrays.json',
      'french.json',
      'structures.json',
      'unicode.json',
      'values.json',
      'weird.json',
    ]);
  });

  for (const name of names) {
    it(`${name} canonicalizes to exactly the bytes of output/${name}`, () => {
      const input: unknown = JSON.parse(readFileSync(new URL(`input/${name}`, vectors), 'utf8'));
      const expected = new Uint8Array(readFileSync(new URL(`output/${name}`, vectors)));
      expect(canonicalBytes(input)).toEqual(expected);
    });
  }
});

/** Same value, every object's keys inserted in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe('canonicalize properties (fast-check)', () => {
  it('is idempotent: canonicalizing the parsed canonical form gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalize(value);
        expect(canonicalize(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order in which keys were inserted (RFC 8785 §3.2.3)', () => {
    const objects = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 2 });
    fc.assert(
      fc.property(objects, (value) => {
        expect(canonicalize(reverseKeys(value))).toBe(canonicalize(value));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the value: the canonical text parses back to what JSON.stringify describes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalize(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('canonicalize refusals', () => {
  it('throws Malformed for NaN and Infinity (RFC 8785 §3.2.2.3) and for values with no JSON form', () => {
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      { amount: Number.NEGATIVE_INFINITY },
      undefined,
      10n,
    ]) {
      expect(() => canonicalize(value)).toThrow(
        expect.objectContaining({ name: 'ProtocolError', code: 'Malformed' }),
      );
    }
  });
});
