// RFC 9457 problem details as every service writes them and every client reads them. The writer is
// service-kit's `problemFor`/`problemResponse`; the reader is `parseProblem`, used by the SDK's
// ApiError and by the cloud's bank connector.
import { type ErrorCode, isErrorCode, isReasonCode, type ReasonCode } from '../error-codes.ts';

/** A value small and plain enough to send back as a problem's `expected` or `actual`. */
export type ProblemValue =
  | string
  | number
  | boolean
  | null
  | readonly (string | number | boolean | null)[]
  | { readonly [key: string]: string | number | boolean | null };

export interface ProblemReason {
  code: ReasonCode | 'Unknown';
  field?: string;
  message: string;
  /** For a member-token charge: the level of the sub-token chain whose limit refused it (0 = the root). */
  level?: number;
}

/** RFC 9457 problem details, with the stable `code` and the field at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  field?: string;
  reasons?: readonly ProblemReason[];
  /** What the failed check wanted (ProtocolError's `expected`), when it is small and plain. */
  expected?: ProblemValue;
  /** What the failed check found (ProtocolError's `actual`), when it is small and plain. */
  actual?: ProblemValue;
  /** With `BankRefused`: the bank's ISO 20022 ExternalStatusReason1Code, e.g. `AM04`. */
  reason?: string;
}

/** The HTTP status each code is answered with (RFC 9110 §15). */
export const errorStatus: Readonly<Record<ErrorCode, number>> = {
  Malformed: 400,
  InvalidAmount: 422,
  InvalidSignature: 401,
  UnknownKey: 401,
  StaleRequest: 401,
  Replay: 401,
  KeyExpired: 401,
  KeyRetired: 401,
  InsufficientKeyLevel: 403,
  Forbidden: 403,
  ScaRequired: 403,
  ScaFailed: 403,
  NotFound: 404,
  Conflict: 409,
  BrokenChain: 409,
  Forked: 409,
  StaleLog: 409,
  Cancelled: 409,
  Expired: 409,
  NotYetValid: 409,
  ConditionFailed: 422,
  UnsupportedMediaType: 415,
  BankUnavailable: 503,
  BankTimeout: 504,
  BankRefused: 422,
  CloudUnavailable: 502,
  CloudTimeout: 504,
  TooManyRequests: 429,
  IdempotencyKeyReused: 422,
  IdempotencyKeyInUse: 409,
  PayloadTooLarge: 413,
  HttpError: 400,
  Unavailable: 503,
  Internal: 500,
};

// RFC 9457 §3.1.4: a short summary of the problem type, the same for every occurrence.
export const errorTitle: Readonly<Record<ErrorCode, string>> = {
  Malformed: 'Malformed request',
  InvalidAmount: 'Invalid amount',
  InvalidSignature: 'Invalid signature',
  UnknownKey: 'Unknown key',
  StaleRequest: 'Stale request',
  Replay: 'Replayed request',
  KeyExpired: 'Key expired',
  KeyRetired: 'Key retired',
  InsufficientKeyLevel: 'Key level too low',
  Forbidden: 'Forbidden',
  ScaRequired: 'Strong customer authentication required',
  ScaFailed: 'Strong customer authentication failed',
  NotFound: 'Not found',
  Conflict: 'Conflict',
  BrokenChain: 'Broken directory chain',
  Forked: 'Forked directory log',
  StaleLog: 'Truncated directory log',
  Cancelled: 'Token cancelled',
  Expired: 'Expired',
  NotYetValid: 'Not yet valid',
  ConditionFailed: 'Condition failed',
  UnsupportedMediaType: 'Unsupported media type',
  BankUnavailable: 'Bank unavailable',
  BankTimeout: 'Bank timed out',
  BankRefused: 'Refused by the bank',
  CloudUnavailable: 'Payment service unavailable',
  CloudTimeout: 'Payment service timed out',
  TooManyRequests: 'Too many requests',
  IdempotencyKeyReused: 'Idempotency key reused',
  IdempotencyKeyInUse: 'Idempotency key in use',
  PayloadTooLarge: 'Request body too large',
  HttpError: 'Request refused',
  Unavailable: 'Service unavailable',
  Internal: 'Internal error',
};

/** The problem type URI for a code (RFC 9457 §3.1.1). */
export function problemType(code: ErrorCode): string {
  return `https://tokenos.dev/problems/${code}`;
}

const maxText = 200;
const maxItems = 10;
const maxSerialized = 1000;

function isPlain(v: unknown): v is string | number | boolean | null {
  if (typeof v === 'string') return v.length <= maxText;
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'boolean' || v === null;
}

function plain(v: unknown): string | number | boolean | null | undefined {
  // Amounts in minor units are bigints inside; on the wire a decimal string.
  if (typeof v === 'bigint') return v.toString();
  return isPlain(v) ? v : undefined;
}

/**
 * `expected`/`actual` of an error as sent in problem+json: a string, number, boolean or null, a
 * short list of them, or a flat object of them (a log head `{ seq, hash }`); anything else (bytes,
 * nested objects, long text) is left out, so key material or a whole body is never echoed.
 */
export function problemValue(v: unknown): ProblemValue | undefined {
  let out: ProblemValue | undefined;
  const one = plain(v);
  if (one !== undefined) out = one;
  else if (Array.isArray(v)) {
    const items = v.map(plain);
    if (items.length <= maxItems && items.every((i) => i !== undefined)) out = items as ProblemValue;
  } else if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    const entries = Object.entries(v).map(([k, x]) => [k, plain(x)] as const);
    if (entries.length <= maxItems && entries.every(([, x]) => x !== undefined))
      out = Object.fromEntries(entries) as ProblemValue;
  }
  return out !== undefined && JSON.stringify(out).length <= maxSerialized ? out : undefined;
}

/** A problem+json as a client reads it: the code when it is one of ours, else `'Unknown'`. */
export interface ParsedProblem {
  status: number;
  code: ErrorCode | 'Unknown';
  /** The `code` exactly as sent (bounded), also when it is not one of ours: for logs, not for branching. */
  sentCode: string | undefined;
  /** `detail`, else `title`, else the HTTP status: for logs, never for people. */
  message: string;
  field?: string;
  reasons?: readonly ProblemReason[];
  expected?: ProblemValue;
  actual?: ProblemValue;
  reason?: string;
}

function text(v: unknown, max: number): string | undefined {
  return typeof v === 'string' ? v.slice(0, max) : undefined;
}

function reasonsOf(v: unknown): ProblemReason[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    .filter((r) => typeof r.code === 'string' && typeof r.message === 'string')
    .slice(0, 20)
    .map((r) => {
      const reason: ProblemReason = {
        code: isReasonCode(r.code) ? r.code : 'Unknown',
        message: String(r.message).slice(0, 500),
      };
      const field = text(r.field, maxText);
      if (field !== undefined) reason.field = field;
      if (typeof r.level === 'number' && Number.isSafeInteger(r.level) && r.level >= 0)
        reason.level = r.level;
      return reason;
    });
}

/**
 * Reads an error answer: `body` is the parsed JSON (or `undefined` when the body was not JSON).
 * Never throws; members of the wrong type are left out, text is bounded, and a code that is not
 * in `ErrorCode` is `'Unknown'`, so a caller branches only on codes it has words for.
 */
export function parseProblem(status: number, body: unknown): ParsedProblem {
  const p: Record<string, unknown> =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const sentCode = text(p.code, 100);
  const parsed: ParsedProblem = {
    status,
    code: isErrorCode(p.code) ? p.code : 'Unknown',
    sentCode,
    message: text(p.detail, 500) ?? text(p.title, 500) ?? `HTTP ${status}`,
  };
  const field = text(p.field, maxText);
  if (field !== undefined) parsed.field = field;
  const reasons = reasonsOf(p.reasons);
  if (reasons !== undefined) parsed.reasons = reasons;
  const expected = problemValue(p.expected);
  if (expected !== undefined) parsed.expected = expected;
  const actual = problemValue(p.actual);
  if (actual !== undefined) parsed.actual = actual;
  if (typeof p.reason === 'string' && /^[A-Z0-9]{4}$/.test(p.reason)) parsed.reason = p.reason;
  return parsed;
}

/** parseProblem over a body's text, which may not be JSON at all (a proxy's HTML error page). */
export function parseProblemText(status: number, body: string): ParsedProblem {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const parsed = parseProblem(status, undefined);
    const shown = body.slice(0, 200).trim();
    return shown ? { ...parsed, message: shown } : parsed;
  }
  return parseProblem(status, json);
}
