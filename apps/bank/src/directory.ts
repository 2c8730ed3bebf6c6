import type { Db } from '@tokenos/db';
import {
  base64url,
  type DirectoryOperation,
  getSignatureBackend,
  type MemberState,
  memberIdSchema,
  ProtocolError,
  type PublicKeyRef,
  signRequest,
  VerifiedLogMemo,
  verifyDirectoryLog,
} from '@tokenos/protocol';
import {
  apiErrorFromResponse,
  type ClientOptions,
  CloudClient,
  isApiError,
  type RequestSigner,
} from '@tokenos/sdk';
import { UpstreamUnavailableError } from './http/problem.ts';
import { rememberHead } from './member-heads.ts';

const logPath = /^\/api\/v1\/members\/([A-Za-z0-9_-]{43})\/log$/;

/**
 * The bank's client of the cloud. Every directory log it reads, whoever asks for it (the SDK's
 * verifyTransferEndorsement included), is replayed here from its first operation and must still
 * extend the newest head this bank verified before (member-heads.ts): a cloud that rewrites, forks
 * or truncates a log (to hide a removed key, say) is refused and the refusal recorded (seed 000:
 * banks "do not need to trust cloud providers"). A cloud that does not answer is
 * UpstreamUnavailableError, never a verdict.
 */
export class BankCloudClient extends CloudClient {
  readonly #db: Db;
  readonly #fetchImpl: typeof fetch;
  #claimAuthorities: readonly PublicKeyRef[] | undefined;
  /**
   * The logs replayed here, so that the next replay of a member's log (the same payment's second
   * call, verifyTransferEndorsement's own replay) checks only the signatures it has not seen.
   */
  readonly verifiedLogs = new VerifiedLogMemo();

  constructor(options: ClientOptions, db: Db) {
    super(options);
    this.#db = db;
    this.#fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * From now on a member created in custody must name one of these keys as its claim authority:
   * the cloud keys the bank pinned at start. Otherwise a merchant that named a key of its own
   * (or a cloud that let it) could attest a claim to itself and hand the member to whom it chose.
   */
  pinClaimAuthorities(
    keys: readonly { keyId: string; algorithm: PublicKeyRef['algorithm']; publicKey: Uint8Array }[],
  ): void {
    this.#claimAuthorities = keys.map((k) => ({
      id: k.keyId,
      algorithm: k.algorithm,
      publicKey: base64url(k.publicKey),
    }));
  }

  override async get<T>(path: string): Promise<T> {
    const answer = await this.#read<T>(path);
    const m = logPath.exec(path);
    if (m) await this.#checkHead(m[1]!, (answer as { operations?: unknown }).operations);
    return answer;
  }

  /**
   * The member's state after the last operation of its log, as #checkHead replayed it: for callers
   * that want the state, this saves replaying the log a second time (fetchVerifiedMember would).
   */
  async verifiedMember(memberId: string): Promise<MemberState> {
    if (!memberIdSchema.safeParse(memberId).success)
      throw new ProtocolError('Malformed', `not a member id: ${memberId.slice(0, 60)}`, {
        field: 'memberId',
      });
    const answer = await this.#read<{ operations?: unknown }>(`/api/v1/members/${memberId}/log`);
    return this.#checkHead(memberId, answer.operations);
  }

  async #read<T>(path: string): Promise<T> {
    try {
      return await super.get<T>(path);
    } catch (e) {
      throw cloudFailure(e, path);
    }
  }

  async #checkHead(memberId: string, operations: unknown): Promise<MemberState> {
    if (!Array.isArray(operations))
      throw new ProtocolError('Malformed', `the cloud's log of ${memberId} has no operations array`, {
        field: 'operations',
      });
    const state = await this.verifyLog(memberId, operations);
    await rememberHead(this.#db, memberId, operations as DirectoryOperation[], 'cloud');
    return state;
  }

  /**
   * Replays a log served by anyone (the cloud, or the member's own wallet) with this bank's
   * checks: the chain rule from the first operation, the member id and the pinned claim
   * authorities. Whether it extends the head the bank holds is rememberHead's part.
   */
  verifyLog(memberId: string, operations: readonly unknown[]): Promise<MemberState> {
    return verifyDirectoryLog(operations, getSignatureBackend(), {
      memberId,
      ...(this.#claimAuthorities ? { claimAuthorities: this.#claimAuthorities } : {}),
      memo: this.verifiedLogs,
    });
  }

  /** A GET signed by the bank's own key (RFC 9421), for what the cloud shows only to a party. */
  async signedGet<T>(path: string, signer: RequestSigner, nonce: Uint8Array): Promise<T> {
    const url = new URL(this.baseUrl + path);
    const headers = await signRequest(
      { method: 'GET', path: url.pathname, query: url.search, body: new Uint8Array(0) },
      signer,
      {
        now: this.now(),
        nonce: base64url(nonce),
      },
    );
    try {
      const res = await this.#fetchImpl(url.href, {
        headers: { ...headers, accept: 'application/json' },
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw await apiErrorFromResponse(res);
      return (await res.json()) as T;
    } catch (e) {
      throw cloudFailure(e, path);
    }
  }
}

/**
 * A protocol verdict stays what it is and a 404 means "no such member or token"; anything else
 * (network, timeout, 5xx, the cloud refusing the bank itself) means the cloud is unavailable.
 */
function cloudFailure(e: unknown, path: string): Error {
  if (e instanceof ProtocolError) return e;
  if (isApiError(e) && e.status === 404)
    return new ProtocolError('NotFound', `the cloud has nothing at ${path}`, { field: 'memberId', cause: e });
  return new UpstreamUnavailableError('the token cloud', e);
}
