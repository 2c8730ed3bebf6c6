import { openTestDb, type TestDb } from '@tokenos/db/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  idempotency,
  idempotencyLeaseMs,
  parseIdempotencyKey,
  purgeIdempotencyKeys,
  requestFingerprint,
} from './idempotency.ts';
import { onError } from './on-error.ts';

let db: TestDb;
const clock = { now: Date.UTC(2026, 0, 1) };

beforeAll(async () => {
  db = await openTestDb('service-kit-idempotency');
  // As the cloud's migration 014_idempotency.sql defines it.
  await db.query(`create table idempotency_keys (
    scope text not null, key text not null, fingerprint text not null,
    state text not null check (state in ('running', 'done')),
    status integer, content_type text, body bytea,
    created_at timestamptz not null, expires_at timestamptz not null,
    primary key (scope, key)
  )`);
});
afterAll(() => db?.close());

/**
 * An unsigned service: POST /things answers each call with the next status of `statuses` (201
 * once they run out) and counts how many times it really ran.
 */
function service(statuses: number[] = []) {
  const ran = { count: 0 };
  const app = new Hono();
  app.onError(onError({ unavailable: () => undefined, log: () => {} }));
  app.use('*', idempotency({ db, now: () => clock.now, maxBodyBytes: 1024, log: () => {} }));
  app.post('/things', async (c) => {
    ran.count++;
    const status = statuses.shift() ?? 201;
    return c.json({ run: ran.count, body: await c.req.text() }, status as 201);
  });
  const post = (key: string | undefined, body: string, path = '/things') =>
    app.request(`http://svc.test${path}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
    });
  return { ran, post };
}

describe('parseIdempotencyKey', () => {
  it('takes an RFC 8941 sf-string or a bare visible-ASCII token of 1 to 255 characters', () => {
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey('"with space and \\"quotes\\" and \\\\"')).toBe(
      'with space and "quotes" and \\',
    );
    expect(parseIdempotencyKey('k'.repeat(255))).toBe('k'.repeat(255));
    expect(parseIdempotencyKey(`"${'k'.repeat(255)}"`)).toBe('k'.repeat(255));
  });

  it('refuses empty, overlong, spaced, non-ASCII, control and badly quoted values', () => {
    for (const bad of [
      '',
      '""',
      'k'.repeat(256),
      `"${'k'.repeat(256)}"`,
      'a b',
      'caf\u00e9',
      'a\tb',
      '"open',
      '"a\\b"',
      '"a"b"',
    ])
      expect(parseIdempotencyKey(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('requestFingerprint', () => {
  it('changes with the method, the path, the query and any byte of the body', () => {
    const body = new TextEncoder().encode('{"a":1}');
    const base = requestFingerprint('POST', '/x', body);
    expect(requestFingerprint('POST', '/x', body)).toBe(base);
    expect(requestFingerprint('PUT', '/x', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/y', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/x?q=1', body)).not.toBe(base);
    for (let i = 0; i < body.length; i++) {
      const flipped = body.slice();
      flipped[i] = (flipped[i] ?? 0) ^ 1;
      expect(requestFingerprint('POST', '/x', flipped)).not.toBe(base);
    }
  });
});

describe('idempotency middleware, unsigned POST (scoped by method and path)', () => {
  it('runs once per key and body, and answers the retry with the stored answer', async () => {
    const s = service();
    const first = await s.post('u-1', '{"n":1}');
    const again = await s.post('u-1', '{"n":1}');
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(s.ran.count).toBe(1);
    expect((await s.post('u-1', '{"n":2}')).status).toBe(422);
    expect((await s.post(undefined, '{"n":1}')).status).toBe(201);
    expect(s.ran.count).toBe(2);
  });

  it('keeps 4xx answers but not 5xx or 429: those let the retry run again', async () => {
    const s = service([500, 429, 503, 422]);
    expect((await s.post('u-2', '{}')).status).toBe(500);
    expect((await s.post('u-2', '{}')).status).toBe(429);
    expect((await s.post('u-2', '{}')).status).toBe(503);
    expect((await s.post('u-2', '{}')).status).toBe(422);
    const kept = await s.post('u-2', '{}');
    expect(kept.status).toBe(422);
    expect(kept.headers.get('idempotent-replayed')).toBe('true');
    expect(s.ran.count).toBe(4);
  });

  it('lets a claim left running by a dead request be taken over after the lease, not before', async () => {
    const s = service();
    const fingerprint = requestFingerprint('POST', '/things', new TextEncoder().encode('{}'));
    await db.query(
      `insert into idempotency_keys (scope, key, fingerprint, state, created_at, expires_at)
       values ('POST /things', 'u-3', $1, 'running', $2, $3)`,
      [fingerprint, new Date(clock.now), new Date(clock.now + 86_400_000)],
    );
    const busy = await s.post('u-3', '{}');
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ code: 'IdempotencyKeyInUse', field: 'Idempotency-Key' });
    const start = clock.now;
    try {
      clock.now = start + idempotencyLeaseMs + 1;
      expect((await s.post('u-3', '{}')).status).toBe(201);
      expect(s.ran.count).toBe(1);
    } finally {
      clock.now = start;
    }
  });

  it('purges only keys past their window', async () => {
    const s = service();
    expect((await s.post('u-4', '{}')).status).toBe(201);
    expect(await purgeIdempotencyKeys(db, clock.now)).toBe(0);
    expect(await purgeIdempotencyKeys(db, clock.now + 86_400_000 + idempotencyLeaseMs + 10)).toBeGreaterThan(
      0,
    );
    expect(await db.maybeOne("select 1 from idempotency_keys where key = 'u-4'")).toBeUndefined();
  });
});
