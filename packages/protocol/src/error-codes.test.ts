import { describe, expect, it } from 'vitest';
import { errorCodes, isErrorCode, isReasonCode, serviceErrorCodes } from './error-codes.ts';
import { protocolErrorCodes } from './errors.ts';
import { errorStatus, errorTitle, problemType } from './http/problem.ts';

describe('ErrorCode', () => {
  it('is every protocol code and every service code, each once', () => {
    expect(errorCodes).toEqual([...protocolErrorCodes, ...serviceErrorCodes]);
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });

  it('has a status and a title for every code, and nothing else', () => {
    expect(Object.keys(errorStatus).sort()).toEqual([...errorCodes].sort());
    expect(Object.keys(errorTitle).sort()).toEqual([...errorCodes].sort());
    for (const code of errorCodes) {
      expect(errorStatus[code], code).toBeGreaterThanOrEqual(400);
      expect(errorStatus[code], code).toBeLessThan(600);
      expect(errorTitle[code], code).not.toBe('');
    }
  });

  it('answers the codes the issue names with their statuses', () => {
    expect(errorStatus.BankUnavailable).toBe(503);
    expect(errorStatus.BankRefused).toBe(422);
    expect(errorStatus.ConditionFailed).toBe(422);
    expect(errorStatus.Malformed).toBe(400);
    expect(errorStatus.TooManyRequests).toBe(429);
    expect(errorStatus.Internal).toBe(500);
    // Only refusals by the caller's own input or state are 4xx; a dependency's silence is 5xx.
    for (const code of [
      'BankUnavailable',
      'BankTimeout',
      'CloudUnavailable',
      'CloudTimeout',
      'Unavailable',
    ] as const)
      expect(errorStatus[code], code).toBeGreaterThanOrEqual(500);
  });

  it('tells its codes from any other string', () => {
    expect(isErrorCode('BankUnavailable')).toBe(true);
    expect(isErrorCode('Forked')).toBe(true);
    expect(isErrorCode('Http503')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
    expect(problemType('NotFound')).toBe('https://tokenos.dev/problems/NotFound');
  });

  it('knows the reasons the engines give', () => {
    for (const code of [
      'MaxPerTransaction',
      'creditLimit',
      'currency',
      'NotNarrower',
      'FlagMismatch',
      'too_big',
    ])
      expect(isReasonCode(code), code).toBe(true);
    expect(isReasonCode('Whatever')).toBe(false);
  });
});
