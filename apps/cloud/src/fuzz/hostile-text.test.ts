import { base64url, maxTextLength, signRequest, utf8 } from '@tokenos/protocol';
import { Member, MemoryKeyStore } from '@tokenos/sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { rowCounts, startTestCloud, type TestCloud } from '../../test/harness.ts';
import { operationDocs } from '../openapi/operation-docs.ts';
import { bodyWith, type StringField, stringFields } from './schema-strings.ts';

/**
 * Hostile text in every string field of every route (issue 13 item 4), generated from the body
 * schemas the OpenAPI document publishes (each feature's operation-docs.ts, which the OpenAPI test
 * holds equal to the routes served): a route added there is covered without touching this file. NUL, lone surrogates and bidirectional controls are refused with a
 * 400 problem naming the field; nothing is written. A mutating call that is not JSON is 415.
 */

let cloud: TestCloud;
let asker: Member;
let tables: string[];

beforeAll(async () => {
  cloud = await startTestCloud();
  asker = await Member.create(cloud.client, new MemoryKeyStore());
  const rows = await cloud.db.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('schema_migrations')",
  );
  tables = rows.map((r) => r.table_name).sort();
}, 120_000);
afterAll(async () => {
  await cloud.close();
});

interface Operation {
  method: string;
  path: string;
  body?: z.ZodType;
}

const operations: Operation[] = Object.entries(operationDocs).map(([key, doc]) => {
  const [method = '', path = ''] = key.split(' ');
  return { method: method.toLowerCase(), path, ...(doc.body ? { body: doc.body } : {}) };
});
const mutating = operations.filter((op) => op.method !== 'get');
const withBody = mutating.filter((op): op is Operation & { body: NonNullable<Operation['body']> } =>
  Boolean(op.body),
);
const targets: { op: Operation; field: StringField }[] = withBody.flatMap((op) =>
  stringFields(op.body).map((field) => ({ op, field })),
);

/** A concrete path for a documented one: ids of the right shape (the body is refused before any lookup). */
function concretePath(op: Operation): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'memberId' ? asker.id : name === 'verificationId' ? 'A'.repeat(22) : 'A'.repeat(43),
  );
}

async function post(op: Operation, body: Uint8Array, contentType: string | undefined): Promise<Response> {
  const path = concretePath(op);
  // Routes without a member signature (custody claims) still need a well-formed one to be read.
  // The highest level: whatever a route demands, its signature would pass; the body is judged first.
  const signer = await asker.signerFor('PRIVILEGED');
  const headers: Record<string, string> = await signRequest(
    { method: op.method.toUpperCase(), path, query: '', body },
    signer,
    { now: cloud.clock.now, nonce: base64url(crypto.getRandomValues(new Uint8Array(16))) },
  );
  if (contentType !== undefined) headers['content-type'] = contentType;
  return cloud.app.request(`http://cloud.test${path}`, {
    method: op.method.toUpperCase(),
    headers,
    body: body as Uint8Array<ArrayBuffer>,
  });
}

const bidiControls = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
];
const hostileChar = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(...bidiControls),
);
/** Plain text around the hostile character, so it hides anywhere in a value. */
const hostileText = fc
  .tuple(fc.string({ maxLength: 8 }), hostileChar, fc.string({ maxLength: 8 }))
  .map(([a, x, b]) => `${a}${x}${b}`);

describe('hostile text in every string field of every route', () => {
  it('finds the string fields of the route schemas (the generator sees the routes)', () => {
    expect(withBody.length).toBeGreaterThan(15);
    const names = new Set(targets.map((t) => `${t.op.path} ${t.field.path.join('.')}`));
    expect(names).toContain('/api/v1/token-requests body.description');
    expect(names).toContain('/api/v1/token-requests requester.name');
    expect(names).toContain('/api/v1/tokens transfer.description');
  });

  it('answers 400 problem+json naming the field, and writes nothing', async () => {
    const before = await rowCounts(cloud.db, tables);
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: targets.length - 1 }), hostileText, async (i, text) => {
        const { op, field } = targets[i] as (typeof targets)[number];
        seen.add(op.path);
        // JSON.stringify writes a lone surrogate as the escape `\ud800`, as a hostile client would.
        const res = await post(op, utf8(JSON.stringify(bodyWith(field, text))), 'application/json');
        const where = `${op.method} ${op.path} ${field.path.join('.')} ${JSON.stringify(text)}`;
        expect(res.status, where).toBe(400);
        expect(res.headers.get('content-type'), where).toContain('application/problem+json');
        const problem = (await res.json()) as { code: string; field?: string };
        expect(problem, where).toMatchObject({ code: 'Malformed', field: field.path.join('.') });
      }),
      { numRuns: 400, seed: 20261207 },
    );
    expect(seen.size).toBeGreaterThan(10);
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });

  it('answers overlong text in any field with 400 naming the field, and writes nothing', async () => {
    const before = await rowCounts(cloud.db, tables);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: targets.length - 1 }),
        fc.integer({ min: 1, max: 3_000 }),
        fc.constantFrom('a', '€', '😀'),
        async (i, extra, unit) => {
          const { op, field } = targets[i] as (typeof targets)[number];
          // Longer than the edge allows, still within the body limit (65,536 bytes).
          const text = unit
            .repeat(Math.ceil((maxTextLength + extra) / unit.length))
            .slice(0, maxTextLength + extra);
          const res = await post(op, utf8(JSON.stringify(bodyWith(field, text))), 'application/json');
          const where = `${op.method} ${op.path} ${field.path.join('.')} (${text.length})`;
          expect(res.status, where).toBe(400);
          expect(await res.json(), where).toMatchObject({ code: 'Malformed', field: field.path.join('.') });
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });

  it('names a hostile object key too', async () => {
    const op = withBody.find((o) => o.path === '/api/v1/token-requests');
    if (!op) throw new Error('no token request route');
    const res = await post(op, utf8('{"requester":{"na\\u0000me":"x"}}'), 'application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'Malformed', field: 'requester.na\u0000me' });
  });
});

describe('mutating routes take JSON only', () => {
  it('answers 415 problem+json naming content-type for any other body, and writes nothing', async () => {
    const before = await rowCounts(cloud.db, tables);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...mutating),
        fc.constantFrom(
          'text/plain',
          'text/plain;charset=UTF-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonp',
          undefined,
        ),
        async (op, contentType) => {
          const res = await post(op, utf8('{}'), contentType);
          const where = `${op.method} ${op.path} ${contentType}`;
          expect(res.status, where).toBe(415);
          expect(res.headers.get('content-type'), where).toContain('application/problem+json');
          expect(await res.json(), where).toMatchObject({
            code: 'UnsupportedMediaType',
            field: 'content-type',
          });
        },
      ),
      { numRuns: 100, seed: 20261207 },
    );
    expect(await rowCounts(cloud.db, tables)).toEqual(before);
  });

  it('accepts application/json with parameters, in any case', async () => {
    const op = mutating.find((o) => o.path === '/api/v1/token-requests');
    if (!op) throw new Error('no token request route');
    const res = await post(op, utf8('{}'), 'Application/JSON; charset=utf-8');
    // Past the media type check: the body is read, and refused for what it holds.
    expect(res.status).toBe(400);
  });
});
