// Which words budget.js says when the app refuses to connect, chosen by the problem's code: a table
// over every code (the protocol's, the services' and the app's own), so the compiler names a new one.
// The words themselves are on the connect box (data-* on #connect-message), in the page's language.
import type { WordsFor } from '@tokenos/protocol';

/** The app's own codes beside the union: no connection is in progress in this session. */
type BudgetOwnCode = 'NoRequest';

/** The names of the connect box's words (its data-* attributes) budget.js picks from. */
export type RefusalWord = 'expired' | 'cancelled' | 'unchecked' | 'wrongRequest' | 'failed';

/** Codes a person cannot act on get the general "could not connect" words, by choice, in the table. */
export const refusalWords: WordsFor<RefusalWord, BudgetOwnCode> = {
  Expired: 'expired',
  Cancelled: 'cancelled',
  InvalidSignature: 'unchecked',
  Malformed: 'unchecked',
  Forbidden: 'wrongRequest',
  UnknownKey: 'failed',
  InsufficientKeyLevel: 'failed',
  KeyExpired: 'failed',
  BrokenChain: 'failed',
  Forked: 'failed',
  StaleLog: 'failed',
  NotYetValid: 'failed',
  ConditionFailed: 'failed',
  InvalidAmount: 'failed',
  Replay: 'failed',
  StaleRequest: 'failed',
  NotFound: 'failed',
  Conflict: 'failed',
  ScaRequired: 'failed',
  ScaFailed: 'failed',
  KeyRetired: 'failed',
  UnsupportedMediaType: 'failed',
  BankUnavailable: 'failed',
  BankTimeout: 'failed',
  BankRefused: 'failed',
  CloudUnavailable: 'failed',
  CloudTimeout: 'failed',
  TooManyRequests: 'failed',
  IdempotencyKeyReused: 'failed',
  IdempotencyKeyInUse: 'failed',
  PayloadTooLarge: 'failed',
  HttpError: 'failed',
  Unavailable: 'failed',
  Internal: 'failed',
  NoRequest: 'failed',
};
