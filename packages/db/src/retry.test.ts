import { describe, expect, it } from 'vitest';
import { DbConflictError } from './errors.ts';
import { backoffMs, retryConflicts } from './retry.ts';

// Shaped like a driver error: retryConflicts must classify by SQLSTATE alone, whichever engine.
const pgError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

describe('retryConflicts', () => {
  it('runs again after 40001 and 40P01 and returns the first success', async () => {
    const failures = [pgError('40001'), pgError('40P01')];
    let runs = 0;
    const result = await retryConflicts(async () => {
      runs++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'done';
    }, 5);
    expect(result).toBe('done');
    expect(runs).toBe(3);
  });

  it('gives up after maxAttempts with a DbConflictError carrying the last failure', async () => {
    let runs = 0;
    const last = pgError('40P01');
    const err = await retryConflicts(async () => {
      runs++;
      throw runs < 3 ? pgError('40001') : last;
    }, 3).catch((e: unknown) => e);
    expect(runs).toBe(3);
    expect(err).toBeInstanceOf(DbConflictError);
    expect(err).toMatchObject({ attempts: 3, sqlState: '40P01', cause: last });
  });

  it('does not retry other errors, nor a DbConflictError from a nested call', async () => {
    for (const error of [pgError('23505'), new Error('plain'), new DbConflictError(2, pgError('40001'))]) {
      let runs = 0;
      await expect(
        retryConflicts(async () => {
          runs++;
          throw error;
        }, 5),
      ).rejects.toBe(error);
      expect(runs).toBe(1);
    }
  });

  it('refuses a maxAttempts that is not a positive integer', async () => {
    for (const n of [0, -1, 1.5, Number.NaN]) {
      await expect(retryConflicts(async () => 1, n)).rejects.toThrow(RangeError);
    }
  });
});

describe('backoffMs', () => {
  it('waits a random time up to a cap that doubles per attempt and stops growing at 500 ms', () => {
    expect(backoffMs(1, () => 0)).toBe(0);
    expect(backoffMs(1, () => 0.999)).toBeLessThan(5);
    expect(backoffMs(3, () => 0.5)).toBe(10);
    expect(backoffMs(30, () => 1)).toBe(500);
  });
});
