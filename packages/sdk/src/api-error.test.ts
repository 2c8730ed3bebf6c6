import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFromResponse, isApiError } from './api-error.ts';

const problem = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

describe('apiErrorFromResponse', () => {
  it('turns a problem+json into an ApiError with the same code, field, reasons, expected and actual', async () => {
    const e = await apiErrorFromResponse(
      problem(422, {
        type: 'https://tokenos.dev/problems/ConditionFailed',
        title: 'Condition failed',
        status: 422,
        code: 'ConditionFailed',
        detail: 'amount: over the limit',
        field: 'amount',
        reasons: [{ code: 'MaxPerTransaction', field: 'maxPerTransaction', message: 'over' }],
        expected: '10.00',
        actual: '12.00',
      }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      status: 422,
      code: 'ConditionFailed',
      message: 'amount: over the limit',
      field: 'amount',
      reasons: [{ code: 'MaxPerTransaction', field: 'maxPerTransaction', message: 'over' }],
      expected: '10.00',
      actual: '12.00',
    });
    expect(isApiError(e, 'ConditionFailed')).toBe(true);
  });

  it("carries a bank's refusal with its ISO 20022 reason", async () => {
    const e = await apiErrorFromResponse(
      problem(422, { code: 'BankRefused', detail: 'refused', reason: 'AM04' }),
    );
    expect(isApiError(e, 'BankRefused')).toBe(true);
    expect(e.reason).toBe('AM04');
  });

  it("gives a code that is not ours as 'Unknown', with the status kept", async () => {
    const e = await apiErrorFromResponse(problem(409, { code: 'SomethingNew', detail: 'newer server' }));
    expect(e).toMatchObject({ status: 409, code: 'Unknown', message: 'newer server' });
    expect(new ApiError(503, 'Http503', 'x').code).toBe('Unknown');
  });

  it('reads an answer that is no problem at all by its status', async () => {
    const html = await apiErrorFromResponse(new Response('<h1>Bad gateway</h1>', { status: 502 }));
    expect(html).toMatchObject({ status: 502, code: 'Unknown', message: '<h1>Bad gateway</h1>' });
    const empty = await apiErrorFromResponse(
      new Response('', { status: 503, statusText: 'Service Unavailable' }),
    );
    expect(empty).toMatchObject({ status: 503, code: 'Unknown', message: 'Service Unavailable' });
    const list = await apiErrorFromResponse(problem(400, [{ code: 'Malformed' }]));
    expect(list.code).toBe('Unknown');
  });
});
