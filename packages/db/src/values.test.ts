import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeParams,
  parseArray,
  parseBytea,
  parseTimestamp,
  serializeArray,
  typeHandlers,
} from './values.ts';

describe('parseTimestamp (DateStyle ISO output)', () => {
  it('applies the offset, with or without minutes and seconds', () => {
    expect(parseTimestamp('2024-01-02 03:04:05+00')).toEqual(new Date('2024-01-02T03:04:05Z'));
    expect(parseTimestamp('2024-01-02 03:04:05.678+05:30')).toEqual(new Date('2024-01-01T21:34:05.678Z'));
    expect(parseTimestamp('1900-01-01 00:00:00-00:19:32')).toEqual(new Date('1900-01-01T00:19:32Z'));
  });

  it('reads a timestamp without offset as UTC, whatever the process time zone', () => {
    expect(parseTimestamp('2024-07-01 12:00:00')).toEqual(new Date('2024-07-01T12:00:00Z'));
  });

  it('truncates microseconds to the milliseconds a Date holds', () => {
    expect(parseTimestamp('2024-01-02 03:04:05.678999+00').getTime()).toBe(
      Date.UTC(2024, 0, 2, 3, 4, 5, 678),
    );
    expect(parseTimestamp('2024-01-02 03:04:05.5+00').getUTCMilliseconds()).toBe(500);
  });

  it('handles years 0-99, beyond 9999 and BC, which Date.UTC and Date.parse get wrong', () => {
    expect(parseTimestamp('0050-03-04 00:00:00+00').getUTCFullYear()).toBe(50);
    expect(parseTimestamp('12345-01-01 00:00:00+00').getUTCFullYear()).toBe(12345);
    // ISO 8601 astronomical numbering: 1 BC is year 0, 44 BC is year -43.
    expect(parseTimestamp('0044-03-15 12:00:00+00 BC').getUTCFullYear()).toBe(-43);
  });

  it('maps infinity to the ends of the Date range and garbage to an invalid Date', () => {
    expect(parseTimestamp('infinity').getTime()).toBe(8.64e15);
    expect(parseTimestamp('-infinity').getTime()).toBe(-8.64e15);
    expect(Number.isNaN(parseTimestamp('tomorrow').getTime())).toBe(true);
  });

  it('round-trips any millisecond Date written the way PostgreSQL writes it', () => {
    const min = Date.UTC(1, 0, 1);
    const max = Date.UTC(9999, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offsetMin) => {
        // Render the instant in a zone `offsetMin` east of UTC, as the server would.
        const local = new Date(ms + offsetMin * 60_000).toISOString();
        const sign = offsetMin < 0 ? '-' : '+';
        const abs = Math.abs(offsetMin);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const text = `${local.slice(0, 10)} ${local.slice(11, 23)}${offset}`;
        expect(parseTimestamp(text).getTime()).toBe(ms);
      }),
    );
  });
});

describe('parseBytea', () => {
  it('reads hex output into a plain Uint8Array, not a Buffer', () => {
    const bytes = parseBytea('\\x00ff10');
    expect(bytes).toStrictEqual(new Uint8Array([0, 255, 16]));
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(parseBytea('\\x')).toStrictEqual(new Uint8Array());
  });

  it('refuses the escape output format rather than misreading it', () => {
    expect(() => parseBytea('abc\\000')).toThrow(TypeError);
    expect(() => parseBytea('\\x0')).toThrow(TypeError);
  });
});

describe('arrays', () => {
  const text = (t: string): string => t;

  it('reads NULL, quoted strings, escapes and nesting (PostgreSQL §8.15.6)', () => {
    expect(parseArray('{}', text)).toEqual([]);
    expect(parseArray('{a,NULL,"NULL","b,c","d\\"e","f\\\\g"," "}', text)).toEqual([
      'a',
      null,
      'NULL',
      'b,c',
      'd"e',
      'f\\g',
      ' ',
    ]);
    expect(parseArray('{{1,2},{3,NULL}}', Number)).toEqual([
      [1, 2],
      [3, null],
    ]);
    expect(parseArray('[0:1]={7,8}', Number)).toEqual([7, 8]);
  });

  it('refuses malformed literals', () => {
    for (const bad of ['', '{', '{a', '{"a}', '{a}x', 'a'])
      expect(() => parseArray(bad, text)).toThrow(TypeError);
  });

  it('serializes and parses back any array of strings with nulls', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string(), { nil: null })), (xs) => {
        expect(parseArray(serializeArray(xs, String), text)).toEqual(xs);
      }),
    );
  });

  it('serializes nested arrays and refuses a non-array', () => {
    expect(serializeArray([[1n, null], [2n]], String)).toBe('{{"1",NULL},{"2"}}');
    expect(() => serializeArray('abc', String)).toThrow(TypeError);
  });
});

describe('type handlers', () => {
  const handler = (oid: number) => {
    const h = typeHandlers.find((t) => t.oids.includes(oid));
    if (!h) throw new Error(`no handler for ${oid}`);
    return h;
  };

  it('covers each oid once', () => {
    const oids = typeHandlers.flatMap((h) => h.oids);
    expect(new Set(oids).size).toBe(oids.length);
  });

  it('int8 is always a bigint, numeric stays exact text, date stays a calendar date', () => {
    expect(handler(20).parse('5')).toBe(5n);
    expect(handler(20).parse('9223372036854775807')).toBe(9223372036854775807n);
    expect(handler(1700).parse('0.10000000000000000001')).toBe('0.10000000000000000001');
    expect(handler(1082).parse('2024-02-29')).toBe('2024-02-29');
  });

  it('takes a string for json as JSON text, anything else is stringified', () => {
    expect(handler(3802).serialize('{"a":1}')).toBe('{"a":1}');
    expect(handler(3802).serialize({ a: 1 })).toBe('{"a":1}');
    expect(handler(3802).serialize([1, 'x'])).toBe('[1,"x"]');
  });

  it('sends Dates as ISO 8601 and passes timestamp strings through untouched (keeps microseconds)', () => {
    expect(handler(1184).serialize(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(handler(1184).serialize('2024-01-01 00:00:00.123456+02')).toBe('2024-01-01 00:00:00.123456+02');
    expect(handler(1082).serialize(new Date('2024-03-04T23:00:00Z'))).toBe('2024-03-04');
  });

  it('refuses a bytea parameter that is not bytes', () => {
    expect(handler(17).serialize(new Uint8Array([1, 255]))).toBe('\\x01ff');
    expect(() => handler(17).serialize('01ff')).toThrow(TypeError);
  });
});

describe('normalizeParams', () => {
  it('sends undefined as NULL and leaves everything else alone', () => {
    const d = new Date();
    expect(normalizeParams([undefined, null, 0, '', d])).toEqual([null, null, 0, '', d]);
    expect(normalizeParams(undefined)).toEqual([]);
  });
});
