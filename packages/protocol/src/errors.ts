/**
 * The one error class of the protocol. `code` is a closed union so that services map it to an
 * HTTP status and the wallet maps it to words, without ever parsing a message.
 */
export const protocolErrorCodes = [
  'Malformed',
  'InvalidSignature',
  'UnknownKey',
  'InsufficientKeyLevel',
  'KeyExpired',
  'BrokenChain',
  'Forked',
  /** A directory log that ends before a head its verifier saw earlier: truncated, by a cloud hiding a later operation. */
  'StaleLog',
  'Expired',
  'NotYetValid',
  'Cancelled',
  'ConditionFailed',
  'InvalidAmount',
  'Replay',
  'StaleRequest',
  'NotFound',
  'Conflict',
  'Forbidden',
  'ScaRequired',
  'ScaFailed',
  /** A member-token hash key that was rotated out: the token is genuine but no longer accepted. */
  'KeyRetired',
  /** A mutating request whose body is not application/json (HTTP 415). */
  'UnsupportedMediaType',
] as const;
export type ProtocolErrorCode = (typeof protocolErrorCodes)[number];

export interface ProtocolErrorDetails {
  /** JSON pointer-ish path of the field at fault, e.g. `payload.transfer.amount`. */
  field?: string;
  expected?: unknown;
  actual?: unknown;
  cause?: unknown;
  /** Every reason, when several checks failed at once (conditions engine). */
  reasons?: readonly { code: string; field?: string; message: string }[];
}

export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly field: string | undefined;
  readonly reasons: ProtocolErrorDetails['reasons'];
  constructor(code: ProtocolErrorCode, message: string, details: ProtocolErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProtocolError';
    this.code = code;
    this.field = details.field;
    this.reasons = details.reasons;
  }
}

export function isProtocolError(e: unknown): e is ProtocolError {
  return e instanceof ProtocolError;
}
