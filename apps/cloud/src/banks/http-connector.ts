import {
  type AccountBalance,
  accountBalanceSchema,
  type BankEndorsement,
  bankEndorsementSchema,
  base64url,
  type ErrorReason,
  type LinkedAccount,
  linkedAccountSchema,
  type MessageSigner,
  type ProblemReason,
  ProtocolError,
  type ProtocolErrorCode,
  type ProtocolErrorDetails,
  parseProblem,
  parseWith,
  protocolErrorCodes,
  signRequest,
  type TransactionsPage,
  transactionsPageSchema,
  utf8,
} from '@tokenos/protocol';
import { z } from 'zod';
import {
  type AccessReadRequest,
  type BankConnector,
  BankUnavailableError,
  type CosignRequest,
  type ExecuteRequest,
  type ExecuteResult,
} from './connector.ts';

/** How long the cloud waits for a bank before the call counts as "unavailable" (nothing is assumed done). */
export const bankTimeoutMs = 5_000;

/** ISO 20022 pain.002 group/transaction status as the bank reports it; reason an ExternalStatusReason1Code. */
export const executeResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ACSC'), bankReference: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.strictObject({
    status: z.literal('RJCT'),
    reason: z
      .string()
      .regex(/^[A-Z0-9]{4}$/, 'expected a four-character ISO 20022 ExternalStatusReason1Code'),
    detail: z.string().max(500).optional(),
  }),
]);

const accountsAnswerSchema = z.strictObject({ accounts: z.array(linkedAccountSchema).max(100) });

export interface HttpBankConnectorOptions {
  bankId: string;
  /** The bank's base URL, e.g. http://localhost:4100. */
  baseUrl: string;
  /** The cloud's own key: requests go out signed under keyid `cloud:<keyId>` (RFC 9421). */
  cloudKey: { keyId: string; signer: MessageSigner };
  fetch?: typeof fetch;
  now?: () => number;
  randomBytes?: (length: number) => Uint8Array;
  timeoutMs?: number;
}

function isProtocolCode(code: unknown): code is ProtocolErrorCode {
  return typeof code === 'string' && (protocolErrorCodes as readonly string[]).includes(code);
}

/** A reason whose code is one of ours; one the bank named otherwise is left out, its message still in `detail`. */
function isKnownReason(r: ProblemReason): r is ErrorReason {
  return r.code !== 'Unknown';
}

/**
 * The bank connector over the bank integration API (apps/bank): JSON bodies signed with the
 * cloud's key. A network failure, a timeout or a 5xx is BankUnavailableError (the caller keeps
 * the operation pending and may retry); a problem+json refusal is a ProtocolError carrying the
 * bank's own code, so the cloud reports the bank's reason and never its own guess.
 */
export class HttpBankConnector implements BankConnector {
  readonly bankId: string;
  readonly baseUrl: string;
  readonly #options: HttpBankConnectorOptions;
  readonly #fetch: typeof fetch;

  constructor(options: HttpBankConnectorOptions) {
    this.bankId = options.bankId;
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async #post(path: string, body: unknown): Promise<unknown> {
    const bytes = utf8(JSON.stringify(body));
    const url = new URL(this.baseUrl + path);
    const random = this.#options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
    const headers = await signRequest(
      { method: 'POST', path: url.pathname, query: url.search, body: bytes },
      { ...this.#options.cloudKey.signer, keyid: `cloud:${this.#options.cloudKey.keyId}` },
      { now: (this.#options.now ?? Date.now)(), nonce: base64url(random(16)) },
    );
    let res: Response;
    let text: string;
    try {
      res = await this.#fetch(url.href, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
        body: bytes as Uint8Array<ArrayBuffer>,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? bankTimeoutMs),
      });
      text = await res.text();
    } catch (e) {
      throw new BankUnavailableError(this.bankId, e);
    }
    // 5xx and 429: the bank did not decide anything; the call may be retried as it is.
    if (res.status >= 500 || res.status === 429)
      throw new BankUnavailableError(this.bankId, new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      if (res.ok)
        throw new ProtocolError(
          'Malformed',
          `bank ${this.bankId} answered ${path} with something other than JSON`,
          { cause: e },
        );
      json = undefined;
    }
    if (res.ok) return json;
    throw this.#refusal(res.status, json);
  }

  /** RFC 9457 problem+json from the bank (read by the one parser, `parseProblem`), as the ProtocolError it stands for. */
  #refusal(status: number, body: unknown): ProtocolError {
    const p = parseProblem(status, body);
    const details: ProtocolErrorDetails = {};
    if (p.field !== undefined) details.field = p.field;
    if (p.reasons !== undefined) details.reasons = p.reasons.filter(isKnownReason);
    if (p.expected !== undefined) details.expected = p.expected;
    if (p.actual !== undefined) details.actual = p.actual;
    // An unknown code still is a refusal: it is kept in the message, the class stays closed.
    const code: ProtocolErrorCode = isProtocolCode(p.code) ? p.code : 'Forbidden';
    const prefix = isProtocolCode(p.code)
      ? `bank ${this.bankId}`
      : `bank ${this.bankId} refused (${p.sentCode ?? status})`;
    return new ProtocolError(code, `${prefix}: ${p.message}`, details);
  }

  async cosign(request: CosignRequest): Promise<BankEndorsement> {
    const raw = await this.#post('/connector/v1/cosign', request);
    return parseWith(bankEndorsementSchema, raw, 'bank endorsement');
  }

  async execute(request: ExecuteRequest): Promise<ExecuteResult> {
    const raw = await this.#post('/connector/v1/transfers', request);
    const result = parseWith(executeResultSchema, raw, 'bank execution result');
    return result.status === 'ACSC'
      ? { status: 'ACSC', bankReference: result.bankReference }
      : {
          status: 'RJCT',
          reason: result.reason,
          ...(result.detail === undefined ? {} : { detail: result.detail }),
        };
  }

  async readAccounts(request: AccessReadRequest): Promise<{ accounts: LinkedAccount[] }> {
    return parseWith(
      accountsAnswerSchema,
      await this.#post('/connector/v1/accounts', request),
      'bank accounts',
    );
  }

  async readBalance(request: AccessReadRequest & { accountRef: string }): Promise<AccountBalance> {
    return parseWith(
      accountBalanceSchema,
      await this.#post('/connector/v1/balances', request),
      'bank balance',
    );
  }

  async readTransactions(
    request: AccessReadRequest & { accountRef: string; cursor?: string; limit?: number },
  ): Promise<TransactionsPage> {
    return parseWith(
      transactionsPageSchema,
      await this.#post('/connector/v1/transactions', request),
      'bank transactions',
    );
  }
}
