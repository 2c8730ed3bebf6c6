import type {
  AccessTokenPayload,
  AccountBalance,
  AccountRef,
  AttemptLocation,
  BankEndorsement,
  Endorsement,
  LinkedAccount,
  Money,
  TransactionsPage,
  TransferTokenPayload,
} from '@tokenos/protocol';

/**
 * The only way the cloud reaches a bank (seed 000: banks sit behind a thin integration layer and
 * verify every transaction themselves). Implementations: HTTP to a bank service; in tests, a
 * ledger in a test database. Both verify, neither trusts the cloud's word.
 */
export interface CosignRequest {
  tokenId: string;
  payload: TransferTokenPayload;
  endorsement: Endorsement;
}

export interface ExecuteRequest {
  transferId: string;
  tokenId: string;
  payload: TransferTokenPayload;
  endorsement: Endorsement;
  bankEndorsement: BankEndorsement;
  refId: string;
  amount: Money;
  destination: AccountRef;
  /** Where the redeemer says the payment happens; the bank re-checks location conditions with it. */
  location?: AttemptLocation;
}

/**
 * An account-information read: the whole access token and the grantor's endorsement travel with
 * it, so the bank re-verifies the grant itself (seed 000: banks do not need to trust the cloud).
 */
export interface AccessReadRequest {
  tokenId: string;
  payload: AccessTokenPayload;
  endorsement: Endorsement;
}

/** ISO 20022 outcome: settled, or rejected with an ExternalStatusReason1Code such as AM04. */
export type ExecuteResult =
  | { status: 'ACSC'; bankReference: string }
  | { status: 'RJCT'; reason: string; detail?: string };

/**
 * Thrown when the bank cannot be reached or times out: the transfer stays pending, never
 * "succeeded". Answered 503 `BankUnavailable` with Retry-After wherever it is met
 * (`bankUnavailableResponse`); `next` says what the caller may do about it.
 */
export class BankUnavailableError extends Error {
  readonly bankId: string;
  readonly next: string;
  constructor(bankId: string, cause?: unknown, next = 'retry shortly') {
    super(`bank ${bankId} is unavailable`, cause === undefined ? undefined : { cause });
    this.name = 'BankUnavailableError';
    this.bankId = bankId;
    this.next = next;
  }
}

export interface BankConnector {
  readonly bankId: string;
  /** Verifies the payer's endorsement itself and co-signs, or throws a ProtocolError saying why not. */
  cosign(request: CosignRequest): Promise<BankEndorsement>;
  /** Moves the money; idempotent per (tokenId, refId). */
  execute(request: ExecuteRequest): Promise<ExecuteResult>;
  /** Accounts of the grantor at this bank that the access token lets the grantee see. */
  readAccounts(request: AccessReadRequest): Promise<{ accounts: LinkedAccount[] }>;
  readBalance(request: AccessReadRequest & { accountRef: string }): Promise<AccountBalance>;
  /** Newest first; `cursor` is the previous page's `nextCursor`. */
  readTransactions(
    request: AccessReadRequest & { accountRef: string; cursor?: string; limit?: number },
  ): Promise<TransactionsPage>;
}

export interface BankDirectory {
  connectorFor(bankId: string): BankConnector | undefined;
}

export const noBanks: BankDirectory = { connectorFor: () => undefined };
