import type { ReasonCode } from './error-codes.ts';

/**
 * The one error class of the protocol. `code` is a closed union so that services map it to an
 * HTTP status and the wallet maps it to words, without ever parsing a message.
 */
export const protocolErrorCodes = [
  /** Input that does not match its schema; `field` names the first part at fault. */
  'Malformed',
  /** A signature that does not verify over the signed bytes. */
  'InvalidSignature',
  /** A key id that the signer's directory log does not hold. */
  'UnknownKey',
  /** A key valid for a lower level than the operation needs (LOW, STANDARD, PRIVILEGED). */
  'InsufficientKeyLevel',
  /** A key past its expiry. */
  'KeyExpired',
  /** A directory log whose operations do not chain (wrong `prev`, wrong signer). */
  'BrokenChain',
  /** A directory log that rewrites a head its verifier saw earlier. */
  'Forked',
  /** A directory log that ends before a head its verifier saw earlier: truncated, by a cloud hiding a later operation. */
  'StaleLog',
  /** A token, request or code past its expiry. */
  'Expired',
  /** A token used before its effective time. */
  'NotYetValid',
  /** A token cancelled, revoked or replaced. */
  'Cancelled',
  /** An attempt outside a token's conditions; `reasons` lists every one. */
  'ConditionFailed',
  /** An amount that is not a valid decimal in its currency or is out of range. */
  'InvalidAmount',
  /** A request nonce used before. */
  'Replay',
  /** A request signed too long ago or in the future. */
  'StaleRequest',
  /** Nothing of that id is visible to the caller. */
  'NotFound',
  /** The request disagrees with the current state of the resource. */
  'Conflict',
  /** The caller may not do this. */
  'Forbidden',
  /** The operation needs a passkey assertion (strong customer authentication). */
  'ScaRequired',
  /** The passkey assertion did not verify. */
  'ScaFailed',
  /** A member-token hash key that was rotated out: the token is genuine but no longer accepted. */
  'KeyRetired',
  /** A mutating request whose body is not application/json (HTTP 415). */
  'UnsupportedMediaType',
] as const;
export type ProtocolErrorCode = (typeof protocolErrorCodes)[number];

/** One of several checks that failed at once: which rule, which field, and why. */
export interface ErrorReason {
  code: ReasonCode;
  field?: string;
  message: string;
  /** For a member-token charge: the level of the sub-token chain whose limit refused it (0 = the root). */
  level?: number;
}

export interface ProtocolErrorDetails {
  /** JSON pointer-ish path of the field at fault, e.g. `payload.transfer.amount`. */
  field?: string;
  /** The value the check wanted; sent in problem+json when small and JSON-safe (`problemValue`). */
  expected?: unknown;
  /** The value the check found; sent in problem+json when small and JSON-safe (`problemValue`). */
  actual?: unknown;
  cause?: unknown;
  /** Every reason, when several checks failed at once (conditions engine). */
  reasons?: readonly ErrorReason[];
}

export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly field: string | undefined;
  readonly reasons: ProtocolErrorDetails['reasons'];
  readonly expected: unknown;
  readonly actual: unknown;
  constructor(code: ProtocolErrorCode, message: string, details: ProtocolErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProtocolError';
    this.code = code;
    this.field = details.field;
    this.reasons = details.reasons;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

export function isProtocolError(e: unknown): e is ProtocolError {
  return e instanceof ProtocolError;
}
