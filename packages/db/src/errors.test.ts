import { describe, expect, it } from 'vitest';
import {
  DbConflictError,
  dbErrorInfo,
  isConnectionError,
  isDeadlock,
  isSerializationFailure,
  isUniqueViolation,
  sqlState,
} from './errors.ts';

// The two shapes as the drivers build them (field names from postgres.js's PostgresError and
// PGlite's DatabaseError). db.test.ts checks the same helpers against errors the engines raise.
const postgresJsShape = Object.assign(new Error('duplicate key value violates unique constraint "u_email"'), {
  name: 'PostgresError',
  code: '23505',
  constraint_name: 'u_email',
  table_name: 'member',
  detail: 'Key (email)=(a@b.c) already exists.',
});
const pgliteShape = Object.assign(new Error('duplicate key value violates unique constraint "u_email"'), {
  name: 'error',
  code: '23505',
  constraint: 'u_email',
  table: 'member',
  detail: 'Key (email)=(a@b.c) already exists.',
});

describe('dbErrorInfo', () => {
  it('reads both drivers the same way', () => {
    const expected = {
      code: '23505',
      message: 'duplicate key value violates unique constraint "u_email"',
      constraint: 'u_email',
      table: 'member',
      column: undefined,
      detail: 'Key (email)=(a@b.c) already exists.',
    };
    expect(dbErrorInfo(postgresJsShape)).toEqual(expected);
    expect(dbErrorInfo(pgliteShape)).toEqual(expected);
  });

  it('follows the cause chain and ignores codes that are not SQLSTATEs', () => {
    expect(sqlState(new Error('wrapped', { cause: pgliteShape }))).toBe('23505');
    expect(dbErrorInfo(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(dbErrorInfo('23505')).toBeUndefined();
    expect(dbErrorInfo(null)).toBeUndefined();
  });
});

describe('classifiers', () => {
  it('isUniqueViolation matches the constraint when one is named', () => {
    expect(isUniqueViolation(postgresJsShape)).toBe(true);
    expect(isUniqueViolation(pgliteShape, 'u_email')).toBe(true);
    expect(isUniqueViolation(pgliteShape, 'member_pkey')).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error(), { code: '23503' }))).toBe(false);
  });

  it('tells serialization failures from deadlocks', () => {
    const ser = Object.assign(new Error(), { code: '40001' });
    const dead = Object.assign(new Error(), { code: '40P01' });
    expect([isSerializationFailure(ser), isDeadlock(ser)]).toEqual([true, false]);
    expect([isSerializationFailure(dead), isDeadlock(dead)]).toEqual([false, true]);
    expect(isSerializationFailure(new DbConflictError(3, ser))).toBe(true);
  });

  it('isConnectionError: sockets, driver codes, server shutdown states, a closed PGlite', () => {
    const withCode = (code: string) => Object.assign(new Error(code), { code });
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'CONNECTION_CLOSED',
      'CONNECT_TIMEOUT',
      '57P01',
      '57P03',
      '08006',
      '53300',
    ]) {
      expect(isConnectionError(withCode(code)), code).toBe(true);
    }
    expect(isConnectionError(new Error('PGlite is closed'))).toBe(true);
    expect(isConnectionError(new Error('outer', { cause: withCode('ECONNRESET') }))).toBe(true);
    for (const code of ['23505', '40001', '42P01', '57014', 'ENOENT']) {
      expect(isConnectionError(withCode(code)), code).toBe(false);
    }
    expect(isConnectionError(new Error('PGlite is closed, said the query text'))).toBe(false);
  });
});
