import { openTestDb, type TestDb } from '@tokenos/db/testing';
import { isProtocolError, maxSignatureAgeSeconds, maxSignatureFutureSeconds } from '@tokenos/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeNonce, purgeNonces } from './nonce-store.ts';

let db: TestDb;

beforeAll(async () => {
  db = await openTestDb('service-kit-nonces');
  // As the cloud's and the bank's migrations define it.
  await db.query(`create table request_nonces (
    keyid text not null,
    nonce text not null,
    created_at timestamptz not null default now(),
    primary key (keyid, nonce)
  )`);
});
afterAll(() => db?.close());

describe('consumeNonce', () => {
  it('accepts a nonce once per key and refuses it the second time as Replay', async () => {
    await consumeNonce(db, 'm1:k1', 'nonce-aaaaaaaaaaaa');
    await consumeNonce(db, 'm1:k2', 'nonce-aaaaaaaaaaaa');
    const again = await consumeNonce(db, 'm1:k1', 'nonce-aaaaaaaaaaaa').catch((e: unknown) => e);
    expect(
      isProtocolError(again) && { code: again.code, field: again.field, message: again.message },
    ).toEqual({
      code: 'Replay',
      field: 'signature-input',
      message: 'nonce nonce-aaaaaaaaaaaa was already used by m1:k1',
    });
  });
});

describe('purgeNonces', () => {
  it('deletes only nonces older than the signature window', async () => {
    const now = Date.now();
    const windowMs = (maxSignatureAgeSeconds + maxSignatureFutureSeconds + 60) * 1000;
    await db.query(
      'insert into request_nonces (keyid, nonce, created_at) values ($1, $2, $3), ($1, $4, $5)',
      [
        'm2:k1',
        'old-nonce-aaaaaaaaa',
        new Date(now - windowMs - 1_000),
        'recent-nonce-aaaaaa',
        new Date(now - windowMs + 5_000),
      ],
    );
    expect(await purgeNonces(db, now)).toBe(1);
    const left = await db.query<{ nonce: string }>('select nonce from request_nonces where keyid = $1', [
      'm2:k1',
    ]);
    expect(left.map((r) => r.nonce)).toEqual(['recent-nonce-aaaaaa']);
  });
});
