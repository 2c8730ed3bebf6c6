import { describe, expect, it } from 'vitest';
import { parseProblem, parseProblemText, problemValue } from './problem.ts';

describe('parseProblem', () => {
  it('reads a problem+json with every member we send', () => {
    const p = parseProblem(422, {
      type: 'https://tokenos.dev/problems/ConditionFailed',
      title: 'Condition failed',
      status: 422,
      detail: 'amount: 12.00 EUR is over 10.00 EUR',
      code: 'ConditionFailed',
      field: 'amount',
      reasons: [{ code: 'MaxPerTransaction', field: 'maxPerTransaction', message: 'over', level: 1 }],
      expected: '10.00',
      actual: '12.00',
    });
    expect(p).toEqual({
      status: 422,
      code: 'ConditionFailed',
      sentCode: 'ConditionFailed',
      message: 'amount: 12.00 EUR is over 10.00 EUR',
      field: 'amount',
      reasons: [{ code: 'MaxPerTransaction', field: 'maxPerTransaction', message: 'over', level: 1 }],
      expected: '10.00',
      actual: '12.00',
    });
  });

  it('reads a bank refusal with its ISO 20022 reason', () => {
    const p = parseProblem(422, { code: 'BankRefused', detail: 'refused', reason: 'AM04' });
    expect(p).toMatchObject({ code: 'BankRefused', reason: 'AM04' });
    expect(parseProblem(422, { code: 'BankRefused', reason: 'not a code' })).not.toHaveProperty('reason');
  });

  it("maps a code that is not ours to 'Unknown', keeping what was sent for the log", () => {
    const p = parseProblem(418, { code: 'Teapot', title: 'I am a teapot' });
    expect(p).toMatchObject({ code: 'Unknown', sentCode: 'Teapot', message: 'I am a teapot' });
    expect(parseProblem(400, { code: 'constructor' }).code).toBe('Unknown');
    expect(parseProblem(400, { code: 42 })).toMatchObject({ code: 'Unknown', sentCode: undefined });
  });

  it('never throws on bodies that are not problems, and leaves out members of the wrong type', () => {
    for (const body of [undefined, null, 'text', 7, [], [{ code: 'NotFound' }]])
      expect(parseProblem(500, body)).toEqual({
        status: 500,
        code: 'Unknown',
        sentCode: undefined,
        message: 'HTTP 500',
      });
    const p = parseProblem(400, {
      code: 'Malformed',
      detail: 5,
      field: { path: 'x' },
      reasons: [{ code: 'too_big' }, 'x', null, { code: 'Invented', message: 'm', level: -1 }],
      expected: { nested: { deep: true } },
      actual: new Array(50).fill(1),
    });
    expect(p).toEqual({
      status: 400,
      code: 'Malformed',
      sentCode: 'Malformed',
      message: 'HTTP 400',
      reasons: [{ code: 'Unknown', message: 'm' }],
    });
  });

  it('bounds what it keeps', () => {
    const p = parseProblem(400, {
      code: 'Malformed',
      detail: 'x'.repeat(10_000),
      reasons: new Array(100).fill({ code: 'custom', message: 'y' }),
    });
    expect(p.message).toHaveLength(500);
    expect(p.reasons).toHaveLength(20);
  });

  it('reads a body that is not JSON at all (a proxy page) by its status', () => {
    expect(parseProblemText(502, '<html>Bad gateway</html>')).toMatchObject({
      status: 502,
      code: 'Unknown',
      message: '<html>Bad gateway</html>',
    });
    expect(parseProblemText(503, '')).toMatchObject({ code: 'Unknown', message: 'HTTP 503' });
    expect(parseProblemText(404, '{"code":"NotFound","detail":"no token t"}')).toMatchObject({
      code: 'NotFound',
      message: 'no token t',
    });
  });
});

describe('problemValue', () => {
  it('keeps small plain values: text, numbers, lists, flat objects; bigints as decimal text', () => {
    expect(problemValue('EUR')).toBe('EUR');
    expect(problemValue(32)).toBe(32);
    expect(problemValue(null)).toBe(null);
    expect(problemValue(1234n)).toBe('1234');
    expect(problemValue(['Ed25519', 'P-256'])).toEqual(['Ed25519', 'P-256']);
    expect(problemValue({ seq: 4, hash: 'h' })).toEqual({ seq: 4, hash: 'h' });
  });

  it('leaves out bytes, nested objects, class instances, long text and long lists', () => {
    expect(problemValue(new Uint8Array(32))).toBeUndefined();
    expect(problemValue({ key: { d: 'private' } })).toBeUndefined();
    expect(problemValue(new Date(0))).toBeUndefined();
    expect(problemValue('x'.repeat(201))).toBeUndefined();
    expect(problemValue(new Array(11).fill('a'))).toBeUndefined();
    expect(problemValue(Number.NaN)).toBeUndefined();
    expect(problemValue(undefined)).toBeUndefined();
    expect(problemValue(() => 1)).toBeUndefined();
  });
});
