// The one place where values cross between JavaScript and SQL. Both engines get exactly these
// parsers and serializers (installed on the PGlite instance, given to postgres.js as `types`),
// both serialize a parameter by the type the server describes for it, and every session runs with
// the settings below, so a row reads as the same JS values on either engine. Without this, int8 is
// a number-or-bigint in PGlite and a string in postgres.js, bytea is a Uint8Array in one and a
// Buffer in the other, a string given for a jsonb parameter is JSON text in one and a JSON string
// literal in the other, and a NULL inside an array is null in one and 'NULL' in the other.

/** Type OIDs from PostgreSQL's pg_type.dat (fixed for built-in types across versions). */
export const Oid = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

/** Session settings the parsers rely on: ISO dates, hex bytea, UTC (no server-local time zone). */
export const sessionSettings: Readonly<Record<string, string>> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  bytea_output: 'hex',
};

export interface TypeHandler {
  oids: readonly number[];
  parse: (text: string) => unknown;
  serialize: (value: unknown) => string;
}

// JS Date covers ±8.64e15 ms; PostgreSQL's infinity maps to those ends so comparisons still order.
const MAX_DATE_MS = 8.64e15;

// DateStyle ISO output: `2024-01-02 03:04:05.678901+05:30`, years may exceed 4 digits, ` BC` suffix.
const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?( BC)?$/;

/**
 * A timestamp's text as a Date. Without an offset (`timestamp` columns) the time is read as UTC, so
 * the answer does not depend on the process's time zone. Microseconds are truncated to the
 * milliseconds a Date holds.
 */
export function parseTimestamp(text: string): Date {
  if (text === 'infinity') return new Date(MAX_DATE_MS);
  if (text === '-infinity') return new Date(-MAX_DATE_MS);
  const m = TIMESTAMP.exec(text);
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m;
  // ISO 8601 astronomical years: 1 BC is year 0.
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Number((frac ?? '').padEnd(3, '0').slice(0, 3)));
  const offsetSeconds = sign
    ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0))
    : 0;
  return new Date(date.getTime() - offsetSeconds * 1000);
}

const HEX = /^\\x((?:[0-9a-fA-F]{2})*)$/;

/** bytea hex output (`\x0102ff`) as a plain Uint8Array (not a Node Buffer, which compares unequal). */
export function parseBytea(text: string): Uint8Array {
  const m = HEX.exec(text);
  if (!m) throw new TypeError(`bytea is not in hex output format: ${text.slice(0, 20)}`);
  const hex = m[1] ?? '';
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function serializeBytea(value: unknown): string {
  if (!(value instanceof Uint8Array))
    throw new TypeError(`bytea parameter must be a Uint8Array, got ${typeof value}`);
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

/**
 * A string is taken as JSON text already (the common `JSON.stringify(x)` idiom); anything else is
 * stringified. To store a JSON string value, pass JSON.stringify('value').
 */
function serializeJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A Date is sent as ISO 8601; a string is passed through for the server to parse exactly (µs kept). */
function serializeTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function serializeDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function serializeBool(value: unknown): string {
  if (value === true) return 't';
  if (value === false) return 'f';
  return String(value);
}

function serializeText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

const toNumber = (t: string): number => Number(t);
const asText = (t: string): string => t;

interface ElementType {
  oid: number;
  /** The oid of the type's array (pg_type.typarray). */
  arrayOid: number;
  parse: (text: string) => unknown;
  serialize: (value: unknown) => string;
}

// Every built-in type the services use, with its array type. Types not listed (enums, domains,
// interval, inet ...) keep each engine's default, which for scalars is the text as sent, but
// arrays of them should be cast to text[] in SQL: postgres.js's own array parser reads a NULL
// element as the string 'NULL'.
const elementTypes: readonly ElementType[] = [
  { oid: Oid.bool, arrayOid: 1000, parse: (t) => t === 't', serialize: serializeBool },
  // int8 is always a bigint, even when small, so code never sees number-or-bigint by magnitude.
  { oid: Oid.int8, arrayOid: 1016, parse: (t) => BigInt(t), serialize: String },
  { oid: Oid.int2, arrayOid: 1005, parse: toNumber, serialize: String },
  { oid: Oid.int4, arrayOid: 1007, parse: toNumber, serialize: String },
  { oid: Oid.oid, arrayOid: 1028, parse: toNumber, serialize: String },
  { oid: Oid.float4, arrayOid: 1021, parse: toNumber, serialize: String },
  { oid: Oid.float8, arrayOid: 1022, parse: toNumber, serialize: String },
  // numeric may have a fraction, so it cannot be a bigint, and a float would round: exact decimal text.
  { oid: Oid.numeric, arrayOid: 1231, parse: asText, serialize: String },
  { oid: Oid.text, arrayOid: 1009, parse: asText, serialize: serializeText },
  { oid: Oid.varchar, arrayOid: 1015, parse: asText, serialize: serializeText },
  { oid: Oid.bpchar, arrayOid: 1014, parse: asText, serialize: serializeText },
  { oid: Oid.uuid, arrayOid: 2951, parse: asText, serialize: String },
  { oid: Oid.timestamptz, arrayOid: 1185, parse: parseTimestamp, serialize: serializeTimestamp },
  { oid: Oid.timestamp, arrayOid: 1115, parse: parseTimestamp, serialize: serializeTimestamp },
  // A calendar date is not an instant; as a Date it would shift with time zones.
  { oid: Oid.date, arrayOid: 1182, parse: asText, serialize: serializeDate },
  { oid: Oid.json, arrayOid: 199, parse: (t) => JSON.parse(t), serialize: serializeJson },
  { oid: Oid.jsonb, arrayOid: 3807, parse: (t) => JSON.parse(t), serialize: serializeJson },
  { oid: Oid.bytea, arrayOid: 1001, parse: parseBytea, serialize: serializeBytea },
];

/**
 * An array's text output (`{1,NULL,"a,b",{2,3}}`, PostgreSQL §8.15.6) as nested JS arrays. An
 * unquoted NULL is null; a quoted "NULL" is the string.
 */
export function parseArray(text: string, parseElement: (text: string) => unknown): unknown[] {
  const fail = (): never => {
    throw new TypeError(`malformed array literal: ${text.slice(0, 40)}`);
  };
  // A lower bound other than 1 is written first: `[0:1]={1,2}`.
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const level = (): unknown[] => {
    if (text[i] !== '{') fail();
    i++;
    const out: unknown[] = [];
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      if (text[i] === '{') {
        out.push(level());
      } else if (text[i] === '"') {
        let s = '';
        for (i++; i < text.length && text[i] !== '"'; i++) {
          if (text[i] === '\\') i++;
          s += text[i] ?? '';
        }
        if (i >= text.length) fail();
        i++;
        out.push(parseElement(s));
      } else {
        const start = i;
        while (i < text.length && text[i] !== ',' && text[i] !== '}') i++;
        const raw = text.slice(start, i);
        out.push(raw === 'NULL' ? null : parseElement(raw));
      }
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return out;
      } else fail();
    }
  };
  const result = level();
  if (i !== text.length) fail();
  return result;
}

/** A JS array (nested for more dimensions) as an array literal, every element quoted. */
export function serializeArray(value: unknown, serializeElement: (value: unknown) => string): string {
  if (!Array.isArray(value)) throw new TypeError(`array parameter must be an array, got ${typeof value}`);
  const items = value.map((v: unknown) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return serializeArray(v, serializeElement);
    return `"${serializeElement(v).replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${items.join(',')}}`;
}

export const typeHandlers: readonly TypeHandler[] = elementTypes.flatMap((t) => [
  { oids: [t.oid], parse: t.parse, serialize: t.serialize },
  {
    oids: [t.arrayOid],
    parse: (text: string) => parseArray(text, t.parse),
    serialize: (value: unknown) => serializeArray(value, t.serialize),
  },
]);

/** Parsers by OID, to install on a PGlite instance. */
export function parsersByOid(): Record<number, (text: string) => unknown> {
  const out: Record<number, (text: string) => unknown> = {};
  for (const h of typeHandlers) for (const oid of h.oids) out[oid] = h.parse;
  return out;
}

/** Serializers by OID, to install on a PGlite instance. */
export function serializersByOid(): Record<number, (value: unknown) => string> {
  const out: Record<number, (value: unknown) => string> = {};
  for (const h of typeHandlers) for (const oid of h.oids) out[oid] = h.serialize;
  return out;
}

/**
 * Parameters as both engines accept them: `undefined` becomes NULL (postgres.js would throw,
 * PGlite sends NULL). Everything else is serialized by the handlers above, chosen by the type the
 * server describes for the parameter.
 */
export function normalizeParams(params: readonly unknown[] | undefined): unknown[] {
  if (params === undefined) return [];
  return params.map((p) => (p === undefined ? null : p));
}
