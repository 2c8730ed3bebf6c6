import {
  type ErrorCode,
  isErrorCode,
  type ParsedProblem,
  type ProblemReason,
  type ProblemValue,
  parseProblemText,
} from '@tokenos/protocol';

/** A code of ours, or `'Unknown'` for one that is not (an older or newer server, a proxy's page). */
export type ApiErrorCode = ErrorCode | 'Unknown';

/** What a problem+json carries beside its status, code and message. */
export interface ApiErrorDetails {
  field?: string | undefined;
  reasons?: readonly ProblemReason[] | undefined;
  expected?: ProblemValue | undefined;
  actual?: ProblemValue | undefined;
  /** With `BankRefused`: the bank's ISO 20022 status reason, e.g. `AM04`. */
  reason?: string | undefined;
}

/**
 * An error answer of the cloud, from its RFC 9457 problem+json: the same stable `code` the
 * protocol uses, so callers branch on codes, never on message text.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly reasons: readonly ProblemReason[] | undefined;
  readonly expected: ProblemValue | undefined;
  readonly actual: ProblemValue | undefined;
  readonly reason: string | undefined;
  /** A `code` given that is not one of ours is kept as `'Unknown'`. */
  constructor(status: number, code: string, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = isErrorCode(code) ? code : 'Unknown';
    this.field = details.field;
    this.reasons = details.reasons;
    this.expected = details.expected;
    this.actual = details.actual;
    this.reason = details.reason;
  }
}

export function isApiError(e: unknown, code?: ApiErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** The ApiError a parsed problem stands for. */
export function apiErrorFromProblem(p: ParsedProblem): ApiError {
  return new ApiError(p.status, p.code, p.message, p);
}

export async function apiErrorFromResponse(res: Response): Promise<ApiError> {
  const p = parseProblemText(res.status, await res.text());
  return apiErrorFromProblem(
    p.message === `HTTP ${res.status}` && res.statusText ? { ...p, message: res.statusText } : p,
  );
}
