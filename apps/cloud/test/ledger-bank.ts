import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { Db } from '@tokenos/db';
import { openTestDb } from '@tokenos/db/testing';
import {
  type AccountBalance,
  type AccountScope,
  assertSignedByMemberKey,
  type BankEndorsement,
  base64url,
  checkSpcPayment,
  formatAmount,
  fromBase64url,
  getSignatureBackend,
  isAccountResource,
  type LinkedAccount,
  objectId,
  ProtocolError,
  parseAmount,
  rtsArticle16,
  SPC_CLIENT_DATA_TYPE,
  signObject,
  type TransactionsPage,
  type TransferTokenPayload,
  tokenId as tokenIdOf,
  verifyDirectoryLog,
} from '@tokenos/protocol';
import { Member, MemoryKeyStore } from '@tokenos/sdk';
import { verifyTransferEndorsement } from '@tokenos/sdk/bank';
import type {
  AccessReadRequest,
  BankConnector,
  CosignRequest,
  ExecuteRequest,
  ExecuteResult,
} from '../src/banks/connector.ts';
import { type TestCloud, testConfig } from './harness.ts';

/**
 * A bank for the cloud's own tests that does the real work in its own test database: it verifies
 * endorsements through the SDK's bank check (replaying the payer's directory log itself), keeps a
 * double-entry ledger, and executes each (token, refId) at most once. Not a stub that says yes:
 * tests count on it to refuse. The full demo bank lives in apps/bank.
 */
export class LedgerBank implements BankConnector {
  readonly bankId: string;
  readonly member: Member;
  readonly db: Db;
  readonly #cloud: TestCloud;
  /** Switch the bank off to test "bank unavailable" paths. */
  available = true;
  cosignCalls = 0;
  executeCalls = 0;

  private constructor(member: Member, db: Db, cloud: TestCloud) {
    this.bankId = member.id;
    this.member = member;
    this.db = db;
    this.#cloud = cloud;
  }

  static async open(cloud: TestCloud): Promise<LedgerBank> {
    const member = await Member.create(cloud.client, new MemoryKeyStore());
    const db = await openTestDb('ledgerbank');
    await db.exec(`
      create table accounts (account_ref text primary key, owner text not null, currency text not null, closed boolean not null default false);
      create table entries (id bigserial primary key, tx text not null, account_ref text not null references accounts, amount bigint not null);
      create table executions (token_id text not null, ref_id text not null, result jsonb not null, primary key (token_id, ref_id));
      create table refunds (token_id text primary key, refund_of text not null, amount bigint not null);
    `);
    const bank = new LedgerBank(member, db, cloud);
    cloud.onClose.push(() => db.close());
    await bank.openAccount('FUNDING', member.id, 'EUR');
    return bank;
  }

  async openAccount(
    accountRef: string,
    owner: string,
    currency: string,
    initial = 0n,
  ): Promise<{ bankId: string; accountRef: string }> {
    await this.db.query('insert into accounts (account_ref, owner, currency) values ($1, $2, $3)', [
      accountRef,
      owner,
      currency,
    ]);
    if (initial > 0n) await this.#post(`seed-${accountRef}`, 'FUNDING', accountRef, initial);
    return { bankId: this.bankId, accountRef };
  }

  async balance(accountRef: string): Promise<bigint> {
    const row = await this.db.one<{ b: bigint | null }>(
      'select sum(amount)::bigint as b from entries where account_ref = $1',
      [accountRef],
    );
    return row.b ?? 0n;
  }

  /** Sum over every entry: zero, always (double entry). */
  async ledgerTotal(): Promise<bigint> {
    const row = await this.db.one<{ b: bigint | null }>('select sum(amount)::bigint as b from entries');
    return row.b ?? 0n;
  }

  async #post(tx: string, from: string, to: string, amount: bigint, db: Db = this.db): Promise<void> {
    await db.query('insert into entries (tx, account_ref, amount) values ($1, $2, $3), ($1, $4, $5)', [
      tx,
      from,
      -amount,
      to,
      amount,
    ]);
  }

  async #verify(payload: unknown, tokenId: string, endorsement: unknown): Promise<TransferTokenPayload> {
    const verified = await verifyTransferEndorsement({
      client: this.#cloud.client,
      tokenId,
      payload,
      endorsement,
      now: this.#cloud.clock.now,
      scaRequired: async (p, exemption) =>
        exemption === 'Refund'
          ? !(await this.#refundWithinCredit(tokenId, p))
          : p.transfer.amount.currency !== 'EUR' ||
            parseAmount(p.transfer.amount.value, 'EUR') > rtsArticle16.maxExemptAmount,
      // The bank verifies the WebAuthn assertion itself, against the credential in the payer's
      // directory log it just replayed, bound to this token id (RTS Art. 5).
      verifyPasskey: async ({ payer, assertion, challenge, payload: p }) => {
        const entry = payer.passkeys.find((p) => p.credentialId === assertion.credentialId);
        if (!entry)
          throw new ProtocolError('ScaFailed', 'assertion by a credential not in the payer directory');
        const result = await verifyAuthenticationResponse({
          response: {
            id: assertion.credentialId,
            rawId: assertion.credentialId,
            type: 'public-key',
            response: {
              clientDataJSON: assertion.clientDataJSON,
              authenticatorData: assertion.authenticatorData,
              signature: assertion.signature,
            },
            clientExtensionResults: {},
          },
          expectedChallenge: base64url(challenge),
          expectedType: ['webauthn.get', SPC_CLIENT_DATA_TYPE],
          expectedOrigin: testConfig.walletOrigins,
          expectedRPID: testConfig.rpId,
          credential: {
            id: entry.credentialId,
            publicKey: new Uint8Array(fromBase64url(entry.publicKey)),
            counter: 0,
          },
          requireUserVerification: true,
        }).catch((e: unknown) => {
          throw new ProtocolError(
            'ScaFailed',
            `bank: passkey assertion refused: ${e instanceof Error ? e.message : String(e)}`,
          );
        });
        if (!result.verified) throw new ProtocolError('ScaFailed', 'bank: passkey assertion does not verify');
        // Secure Payment Confirmation: the browser must have shown this amount.
        const clientData = JSON.parse(
          new TextDecoder().decode(fromBase64url(assertion.clientDataJSON)),
        ) as Record<string, unknown>;
        if (clientData.type === SPC_CLIENT_DATA_TYPE)
          checkSpcPayment(
            clientData,
            { amount: p.transfer.amount, rpId: testConfig.rpId, walletOrigins: testConfig.walletOrigins },
            'endorsement.sca.assertion.clientDataJSON',
          );
      },
    });
    const source = await this.db.maybeOne<{ owner: string }>(
      'select owner from accounts where account_ref = $1',
      [verified.payload.transfer.source.accountRef],
    );
    if (!source || source.owner !== verified.payload.from.memberId)
      throw new ProtocolError('Forbidden', 'the source account does not belong to the payer', {
        field: 'transfer.source',
      });
    return verified.payload;
  }

  /**
   * The Refund exemption by this bank's own records: the original token's settled executions
   * credited the refund's source account at least this refund plus the others it co-signed.
   */
  async #refundWithinCredit(tokenId: string, p: TransferTokenPayload): Promise<boolean> {
    if (p.transfer.refundOf === undefined) return false;
    const credited = await this.db.one<{ b: bigint | null }>(
      `select sum(e.amount)::bigint as b from executions x join entries e on e.tx = x.result->>'bankReference'
        where x.token_id = $1 and x.result->>'status' = 'ACSC' and e.account_ref = $2 and e.amount > 0`,
      [p.transfer.refundOf, p.transfer.source.accountRef],
    );
    const others = await this.db.one<{ b: bigint | null }>(
      'select sum(amount)::bigint as b from refunds where refund_of = $1 and token_id <> $2',
      [p.transfer.refundOf, tokenId],
    );
    const amount = parseAmount(p.transfer.amount.value, p.transfer.amount.currency);
    return (credited.b ?? 0n) > 0n && amount <= (credited.b ?? 0n) - (others.b ?? 0n);
  }

  async cosign(request: CosignRequest): Promise<BankEndorsement> {
    this.cosignCalls++;
    if (!this.available) throw new Error('connect ECONNREFUSED');
    const payload = await this.#verify(request.payload, request.tokenId, request.endorsement);
    if (payload.transfer.refundOf !== undefined)
      await this.db.query(
        'insert into refunds (token_id, refund_of, amount) values ($1, $2, $3) on conflict (token_id) do nothing',
        [
          request.tokenId,
          payload.transfer.refundOf,
          parseAmount(payload.transfer.amount.value, payload.transfer.amount.currency),
        ],
      );
    const signer = await this.member.signerFor('STANDARD');
    return signObject(
      {
        type: 'BankEndorsement' as const,
        version: 1 as const,
        tokenId: request.tokenId,
        endorsement: objectId(request.endorsement),
        signer: { memberId: this.bankId, keyId: signer.keyId },
        createdAt: this.#cloud.clock.now,
      },
      signer,
    );
  }

  async execute(request: ExecuteRequest): Promise<ExecuteResult> {
    this.executeCalls++;
    if (!this.available) throw new Error('connect ECONNREFUSED');
    const payload = await this.#verify(request.payload, request.tokenId, request.endorsement);
    if (request.bankEndorsement.signer.memberId !== this.bankId)
      throw new ProtocolError('Forbidden', 'not our co-signature');
    const amount = parseAmount(request.amount.value, request.amount.currency);
    return this.db.transaction(async (tx) => {
      const done = await tx.maybeOne<{ result: ExecuteResult }>(
        'select result from executions where token_id = $1 and ref_id = $2',
        [request.tokenId, request.refId],
      );
      if (done) return done.result;
      const from = payload.transfer.source.accountRef;
      const balance =
        (
          await tx.one<{ b: bigint | null }>(
            'select sum(amount)::bigint as b from entries where account_ref = $1',
            [from],
          )
        ).b ?? 0n;
      const to = await tx.maybeOne<{ currency: string }>(
        'select currency from accounts where account_ref = $1',
        [request.destination.accountRef],
      );
      let result: ExecuteResult;
      if (!to) result = { status: 'RJCT', reason: 'AC01' };
      else if (to.currency !== request.amount.currency) result = { status: 'RJCT', reason: 'AM03' };
      else if (balance < amount) result = { status: 'RJCT', reason: 'AM04' };
      else {
        const reference = base64url(crypto.getRandomValues(new Uint8Array(8)));
        await this.#post(reference, from, request.destination.accountRef, amount, tx);
        result = { status: 'ACSC', bankReference: reference };
      }
      await tx.query('insert into executions (token_id, ref_id, result) values ($1, $2, $3::jsonb)', [
        request.tokenId,
        request.refId,
        JSON.stringify(result),
      ]);
      return result;
    });
  }

  /** The grant is checked here too: the token id is the payload's hash, the grantor's STANDARD key signed it, the scope is granted. */
  async #grant(
    request: AccessReadRequest,
    accountRef: string | undefined,
    scope: AccountScope,
  ): Promise<string[]> {
    if (tokenIdOf(request.payload) !== request.tokenId)
      throw new ProtocolError('Malformed', 'token id is not the hash of the payload');
    const grantor = request.payload.from.memberId;
    const { operations } = await this.#cloud.client.get<{ operations: unknown[] }>(
      `/api/v1/members/${grantor}/log`,
    );
    const state = await verifyDirectoryLog(operations, getSignatureBackend(), { memberId: grantor });
    if (request.endorsement.tokenId !== request.tokenId)
      throw new ProtocolError('Forbidden', 'the endorsement is for another token');
    // The grantor's current STANDARD key signed it (the protocol's key rule, as a real bank uses).
    await assertSignedByMemberKey({
      member: state,
      signer: request.endorsement.signer,
      required: 'STANDARD',
      now: this.#cloud.clock.now,
      field: 'endorsement.signer.keyId',
      signed: request.endorsement,
      backend: getSignatureBackend(),
      signatureField: 'endorsement.signature',
    });
    const refs = request.payload.resources
      .filter(isAccountResource)
      .filter(
        (r) =>
          r.account.bankId === this.bankId &&
          r.scopes.includes(scope) &&
          (accountRef === undefined || r.account.accountRef === accountRef),
      )
      .map((r) => r.account.accountRef);
    if (accountRef !== undefined && refs.length === 0)
      throw new ProtocolError('Forbidden', `no ${scope} grant for account ${accountRef}`);
    return refs;
  }

  async readAccounts(request: AccessReadRequest): Promise<{ accounts: LinkedAccount[] }> {
    const refs = await this.#grant(request, undefined, 'details');
    const rows = await this.db.query<{ account_ref: string; currency: string }>(
      'select account_ref, currency from accounts where account_ref = any($1) and owner = $2',
      [refs, request.payload.from.memberId],
    );
    return {
      accounts: rows.map((r) => ({
        accountRef: r.account_ref,
        name: 'Test account',
        currency: r.currency as 'EUR',
        maskedNumber: '**** 0000',
      })),
    };
  }

  async readBalance(request: AccessReadRequest & { accountRef: string }): Promise<AccountBalance> {
    await this.#grant(request, request.accountRef, 'balances');
    const value = formatAmount(await this.balance(request.accountRef), 'EUR');
    return {
      accountRef: request.accountRef,
      booked: { value, currency: 'EUR' },
      available: { value, currency: 'EUR' },
      asOf: this.#cloud.clock.now,
    };
  }

  async readTransactions(request: AccessReadRequest & { accountRef: string }): Promise<TransactionsPage> {
    await this.#grant(request, request.accountRef, 'transactions');
    const rows = await this.db.query<{ id: bigint; amount: bigint }>(
      'select id, amount from entries where account_ref = $1 order by id desc limit 50',
      [request.accountRef],
    );
    return {
      accountRef: request.accountRef,
      nextCursor: null,
      transactions: rows.map((r) => ({
        id: String(r.id),
        bookedAt: this.#cloud.clock.now,
        amount: {
          value: formatAmount(r.amount < 0n ? -r.amount : r.amount, 'EUR'),
          currency: 'EUR' as const,
        },
        creditDebitIndicator: r.amount < 0n ? ('DBIT' as const) : ('CRDT' as const),
        status: 'BOOK' as const,
        description: 'transfer',
      })),
    };
  }

  executions(): Promise<{ token_id: string; ref_id: string }[]> {
    return this.db.query('select token_id, ref_id from executions');
  }
}
