import type { Db } from '@tokenos/db';
import { type ApiError, isApiError } from '@tokenos/sdk';
import { expect } from 'vitest';
import { ledgerSnapshot } from './bank-db.ts';

/** `attempt` fails with the problem code `code`; the error, for further checks. */
export async function expectApiError(code: string, attempt: Promise<unknown>): Promise<ApiError> {
  const err = await attempt.catch((e: unknown) => e);
  expect(isApiError(err), String(err)).toBe(true);
  expect((err as ApiError).code, (err as ApiError).message).toBe(code);
  return err as ApiError;
}

/**
 * `attempt` fails with `code` and changes nothing: the ledger snapshot is the same after it, and
 * so is the answer to each query in `unchanged` (the bank's other records a refusal must not touch).
 */
export async function expectRefusedUnchanged(
  db: Db,
  code: string,
  attempt: () => Promise<unknown>,
  unchanged: readonly string[] = [],
): Promise<ApiError> {
  const before = await ledgerSnapshot(db);
  const rows: unknown[] = [];
  for (const sql of unchanged) rows.push(await db.query(sql));
  const err = await expectApiError(code, attempt());
  expect(await ledgerSnapshot(db)).toEqual(before);
  for (const [i, sql] of unchanged.entries()) expect(await db.query(sql)).toEqual(rows[i]);
  return err;
}
