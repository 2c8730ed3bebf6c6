export { type ClientData, parseClientData } from './client-data.ts';
export {
  claimIdempotency,
  type IdempotencyOptions,
  IdempotentAnswer,
  idempotency,
  idempotencyKeyHeader,
  idempotencyLeaseMs,
  idempotencyWindowMs,
  idempotentReplayedHeader,
  parseIdempotencyKey,
  purgeIdempotencyKeys,
  requestFingerprint,
} from './idempotency.ts';
export { consumeNonce, purgeNonces } from './nonce-store.ts';
export { type OnErrorOptions, onError, type UnavailableDetail } from './on-error.ts';
export {
  type PasskeyAssertionCheck,
  type VerifiedPasskeyAssertion,
  verifyPasskeyAssertion,
} from './passkey-assertion.ts';
export { type Problem, problemFor, problemOfProtocolError, problemResponse, problemType } from './problem.ts';
export {
  assertKeyAlgorithm,
  assertSignedBy,
  type InspectedRequest,
  inspectRequest,
  parseJsonBody,
  readBody,
  type VerifyingKey,
} from './request-signature.ts';
export { requireJson } from './require-json.ts';
export { type PeriodicJob, type RunningService, type RunServiceOptions, runService } from './run-service.ts';
export { lockScaCounters, readScaCounters, saveScaCounters } from './sca-counters.ts';
