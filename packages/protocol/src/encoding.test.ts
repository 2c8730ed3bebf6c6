import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, concatBytes, equalBytes, fromBase64url, fromHex, hex, utf8 } from './encoding.ts';

describe('base64url (RFC 4648 §5, no padding)', () => {
  // RFC 4648 §10 test vectors, with the padding removed (§3.2 allows omitting it when the
  // length is known, as it is for base64url in JOSE and here).
  const rfc4648: [string, string][] = [
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ];
  for (const [text, encoded] of rfc4648) {
    it(`RFC 4648 §10: BASE64("${text}") = "${encoded}"`, () => {
      expect(base64url(utf8(text))).toBe(encoded);
      expect(fromBase64url(encoded)).toEqual(utf8(text));
    });
  }

  it('uses - and _ for 62 and 63 (the URL-safe alphabet of §5)', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64url('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('round-trips any bytes, with only alphabet characters and no padding (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(text).toHaveLength(Math.ceil((bytes.length * 4) / 3));
        expect(fromBase64url(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects padding, the standard alphabet, whitespace and non-ASCII characters', () => {
    for (const bad of ['Zg==', 'Zm8=', '+/8', 'Zm9v/A', 'Zm 9', 'Zm9\n', 'Zé']) {
      expect(() => fromBase64url(bad, 'sig')).toThrow(/^sig: character .* is not base64url$/);
    }
  });

  it('rejects impossible lengths (4k+1 characters) and non-zero trailing bits (RFC 4648 §3.5)', () => {
    expect(() => fromBase64url('Zm9vY')).toThrow(/length 5 is impossible/);
    // "Zg" is the canonical encoding of "f"; "Zh" decodes to the same byte with a stray low bit.
    expect(() => fromBase64url('Zh')).toThrow(/non-zero trailing bits/);
    expect(() => fromBase64url('Zm9')).toThrow(/non-zero trailing bits/);
    expect(fromBase64url('Zm8')).toEqual(utf8('fo'));
  });

  it('throws a ProtocolError naming the field', () => {
    expect(() => fromBase64url('Zg==', 'payload.signature')).toThrow(
      expect.objectContaining({ code: 'Malformed', field: 'payload.signature' }),
    );
  });
});

describe('hex', () => {
  it('round-trips any bytes in lower case and reads upper case (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = hex(bytes);
        expect(text).toMatch(/^[0-9a-f]*$/);
        expect(fromHex(text)).toEqual(bytes);
        expect(fromHex(text.toUpperCase())).toEqual(bytes);
      }),
    );
  });

  it('rejects odd lengths and non-hex characters', () => {
    for (const bad of ['a', 'abc', '0g', '0x00', ' 00']) {
      expect(() => fromHex(bad, 'key')).toThrow(/^key: not an even-length hex string$/);
    }
  });
});

describe('concatBytes and equalBytes', () => {
  it('concatenates in order and compares by content (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        const joined = concatBytes(a, b);
        expect(Array.from(joined)).toEqual([...a, ...b]);
        expect(equalBytes(joined, Uint8Array.from(joined))).toBe(true);
        if (joined.length > 0) {
          const changed = joined.slice();
          changed[changed.length - 1] = changed[changed.length - 1]! ^ 1;
          expect(equalBytes(joined, changed)).toBe(false);
        }
        expect(equalBytes(a, concatBytes(a, new Uint8Array([0])))).toBe(false);
      }),
    );
  });
});
