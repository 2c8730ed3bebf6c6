import type { ProtocolErrorCode } from '@tokenos/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** RFC 9457 problem details, with the protocol's stable `code` and the field at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  field?: string;
  reasons?: readonly { code: string; field?: string; message: string }[];
}

const statusByCode: Record<ProtocolErrorCode, ContentfulStatusCode> = {
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
};

// RFC 9457 §3.1.4: a short summary of the problem type, the same for every occurrence.
const titles: Record<ProtocolErrorCode, string> = {
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
};

/** The problem type URI for a code (RFC 9457 §3.1.1). */
export function problemType(code: string): string {
  return `https://tokenos.dev/problems/${code}`;
}

/**
 * Answers `problem` as application/problem+json. Never stored by a cache: a problem describes
 * one request (a replay, a stale signature), not the resource.
 */
export function problemResponse(
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    ...headers,
  });
}

/** The problem for a protocol error code: its status and title, with `detail` for this occurrence. */
export function problemFor(code: ProtocolErrorCode, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: problemType(code), title: titles[code], status: statusByCode[code], detail, code, ...extra };
}
