import type { Db } from '@tokenos/db';
import {
  accountRefSchema,
  assertAllowed,
  attemptLocationSchema,
  type BankEndorsement,
  bankEndorsementSchema,
  base64url,
  type Conditions,
  type CurrencyCode,
  effectiveTransferConditions,
  formatAmount,
  moneySchema,
  objectId,
  ProtocolError,
  parseAmount,
  parseWith,
  refIdSchema,
  type TransferTokenPayload,
  tokenId as tokenIdOf,
  tokenIdSchema,
  transferTokenPayloadSchema,
  type Usage,
  usageOfTransfers,
  usageToJson,
  verifyObjectSignature,
} from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';
import { verifyTransferEndorsement } from '@tokenos/sdk/bank';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';
import { UpstreamUnavailableError } from '../http/problem.ts';
import { creditPeer } from '../interbank/client.ts';
import { clearingAccount } from '../ledger/ledger.ts';
import { resolveAccountRef } from '../link/store.ts';
import {
  type Creditor,
  executeOnce,
  loadTransfer,
  settlePending,
  type TransferRow,
} from '../payments/transfer-store.ts';
import { checkSource } from './cosign.ts';
import { verifyPasskeyAssertion } from './passkey.ts';

export const executeRequestSchema = z.strictObject({
  transferId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected the cloud transfer id'),
  tokenId: tokenIdSchema,
  payload: z.unknown(),
  endorsement: z.unknown(),
  bankEndorsement: z.unknown(),
  refId: refIdSchema,
  amount: moneySchema,
  destination: accountRefSchema,
  location: attemptLocationSchema.optional(),
});

/** What the connector answers: ISO 20022 ACSC with the bank's reference, or RJCT with a reason code. */
export type ExecuteResult =
  | { status: 'ACSC'; bankReference: string }
  | { status: 'RJCT'; reason: string; detail?: string };

function resultOf(row: TransferRow): ExecuteResult {
  if (row.status === 'ACSC') return { status: 'ACSC', bankReference: row.bank_reference };
  if (row.status === 'RJCT')
    return { status: 'RJCT', reason: row.reason ?? 'NARR', ...(row.detail ? { detail: row.detail } : {}) };
  throw new UpstreamUnavailableError('the creditor bank');
}

/** The token's usage as this bank counts it: its own executions that moved money (settled or pending). */
async function usageOf(
  tx: Db,
  conditions: Conditions,
  payload: TransferTokenPayload,
  tokenId: string,
  exceptRef: string,
): Promise<Usage> {
  const rows = await tx.query<{ amount: bigint; created_at: Date }>(
    "select amount, created_at from transfers where token_id = $1 and ref_id <> $2 and status in ('ACSC', 'PDNG') order by created_at, ref_id",
    [tokenId, exceptRef],
  );
  return usageOfTransfers(
    conditions,
    payload.to.memberId,
    rows.map((r) => ({ amount: r.amount, currency: conditions.currency, at: r.created_at.getTime() })),
  );
}

/** A bank endorsement is worth something only if this bank made it, for this token and this endorsement. */
async function assertOwnEndorsement(
  deps: BankDeps,
  raw: unknown,
  tokenId: string,
  endorsementId: string,
  /** This bank's record of the co-signature (written once, never changed). */
  stored: { endorsement_id: string } | undefined,
): Promise<BankEndorsement> {
  const cosig = parseWith(bankEndorsementSchema, raw, 'bank endorsement');
  if (cosig.signer.memberId !== deps.member.id)
    throw new ProtocolError(
      'Forbidden',
      `the bank endorsement is signed by ${cosig.signer.memberId}, not this bank`,
      { field: 'bankEndorsement.signer' },
    );
  if (cosig.tokenId !== tokenId || cosig.endorsement !== endorsementId)
    throw new ProtocolError('Forbidden', 'the bank endorsement is for another token or endorsement', {
      field: 'bankEndorsement',
    });
  const key = (await deps.member.keys()).find((k) => k.id === cosig.signer.keyId);
  if (!key || !(await verifyObjectSignature(cosig, key.algorithm, key.publicKey, deps.backend)))
    throw new ProtocolError(
      'InvalidSignature',
      'the bank endorsement does not verify under this bank’s keys',
      { field: 'bankEndorsement.signature' },
    );
  if (!stored || stored.endorsement_id !== endorsementId)
    throw new ProtocolError('Forbidden', `this bank has no record of co-signing token ${tokenId}`, {
      field: 'bankEndorsement',
    });
  return cosig;
}

/**
 * POST /connector/v1/transfers: executes one redemption, at most once per (tokenId, refId).
 * Verifies everything again (the payer's endorsement against the replayed log, the passkey, that
 * the bank endorsement is this bank's own, the token's conditions against this bank's own usage
 * records), then moves the money: between two customer accounts here, or to the other bank's
 * clearing account and on to that bank (POST /interbank/v1/credits), which credits the payee from
 * its clearing account for this bank. A retry returns the first result; a transfer still waiting
 * for the other bank answers 503 (retry) until it is settled or returned.
 */
export async function execute(deps: BankDeps, input: unknown): Promise<ExecuteResult> {
  const req = parseWith(executeRequestSchema, input, 'transfer request');
  const preview = parseWith(transferTokenPayloadSchema, req.payload, 'transfer token');
  if (tokenIdOf(preview) !== req.tokenId)
    throw new ProtocolError('Malformed', `token id ${req.tokenId} is not the hash of the payload`, {
      field: 'tokenId',
    });
  const first = await loadTransfer(deps.db, req.tokenId, req.refId);
  if (first && first.status !== 'PDNG') return resultOf(first);
  if (first) {
    // Pending with the other bank: carry on with this bank's own stored co-signature, not whatever came with the retry.
    const own = await deps.db.one<{ bank_endorsement: BankEndorsement }>(
      'select bank_endorsement from cosignatures where token_id = $1',
      [req.tokenId],
    );
    return resultOf(
      await settleWithPeer(deps, first, { payload: preview, bankEndorsement: own.bank_endorsement }),
    );
  }

  const now = deps.now();
  const stored = await deps.db.maybeOne<{ endorsement_id: string; sca: string }>(
    'select endorsement_id, sca from cosignatures where token_id = $1',
    [req.tokenId],
  );
  const { payload, endorsement } = await verifyTransferEndorsement({
    client: deps.cloud,
    verifiedMember: (id) => deps.cloud.verifiedMember(id),
    tokenId: req.tokenId,
    payload: req.payload,
    endorsement: req.endorsement,
    now,
    scaRequired: () => stored?.sca === 'passkey',
    // The counter was advanced when the bank co-signed; here the same assertion is checked again, signature only.
    verifyPasskey: async ({ payer, assertion, challenge }) => {
      await verifyPasskeyAssertion({
        config: deps.config,
        member: payer,
        assertion,
        challenge,
        payment: { amount: preview.transfer.amount },
        storedCounter: 0,
      });
    },
  });
  const bankEndorsement = await assertOwnEndorsement(
    deps,
    req.bankEndorsement,
    req.tokenId,
    objectId(endorsement),
    stored,
  );
  if (now < payload.effectiveAt)
    throw new ProtocolError(
      'NotYetValid',
      `the token is valid from ${new Date(payload.effectiveAt).toISOString()}`,
      { field: 'effectiveAt' },
    );
  const source = await checkSource(deps, payload, now);
  const amount = parseAmount(req.amount.value, req.amount.currency, { field: 'amount' });
  const currency = req.amount.currency;

  let creditor: Creditor;
  if (req.destination.bankId === deps.member.id) {
    const dest = await resolveAccountRef(deps.db, req.destination.accountRef);
    // The money goes to the payee named in the token, so only an account linked to the payee qualifies.
    creditor =
      dest && dest.memberId === payload.to.memberId
        ? { account: dest.account.account_id, interbank: false }
        : { reject: 'AC03', detail: 'the creditor account is not an account of the payee at this bank' };
  } else if (await deps.peers.find(req.destination.bankId)) {
    creditor = {
      account: (await clearingAccount(deps.db, req.destination.bankId, currency)).account_id,
      interbank: true,
    };
  } else {
    creditor = { reject: 'RC01', detail: `bank ${req.destination.bankId} is not one this bank settles with` };
  }

  const conditions = effectiveTransferConditions(payload);
  const attempt = {
    payee: payload.to.memberId,
    amount,
    currency,
    ...(req.location ? { location: req.location } : {}),
  };
  const { row } = await executeOnce(
    deps.db,
    {
      tokenId: req.tokenId,
      refId: req.refId,
      transferId: req.transferId,
      bankReference: `${deps.config.bankCode}-${base64url(deps.randomBytes(12))}`,
      source: source.account.account_id,
      destination: req.destination,
      creditor,
      amount,
      currency,
      description: payload.transfer.description || `Payment ${req.refId}`,
    },
    {
      // Under the token's lock, so concurrent redemptions of one token count one after another.
      check: async (tx) => {
        // One statement: inserts the row, or "updates" it to itself, which locks it as FOR UPDATE would.
        await tx.query(
          `insert into token_usage (token_id, usage) values ($1, '{}'::jsonb)
           on conflict (token_id) do update set usage = token_usage.usage`,
          [req.tokenId],
        );
        assertAllowed(
          conditions,
          await usageOf(tx, conditions, payload, req.tokenId, req.refId),
          attempt,
          now,
        );
      },
      after: async (tx, done) => {
        if (done.status === 'RJCT') return;
        const usage = await usageOf(tx, conditions, payload, req.tokenId, '');
        await tx.query('update token_usage set usage = $2::jsonb, updated_at = now() where token_id = $1', [
          req.tokenId,
          JSON.stringify(usageToJson(usage)),
        ]);
      },
    },
  );
  if (row.status !== 'PDNG') return resultOf(row);
  return resultOf(await settleWithPeer(deps, row, { payload, bankEndorsement }));
}

/**
 * The payer's side of a payment between banks: the money already sits in the clearing account for
 * the payee's bank; ask that bank to credit the payee (idempotent on its side per token and refId)
 * and settle with its answer. No answer leaves the transfer pending (the caller retries); a
 * refusal returns the money to the payer.
 */
async function settleWithPeer(
  deps: BankDeps,
  row: TransferRow,
  args: { payload: TransferTokenPayload; bankEndorsement: BankEndorsement },
): Promise<TransferRow> {
  const peer = await deps.peers.find(row.destination.bankId);
  if (!peer)
    return settlePending(deps.db, {
      tokenId: row.token_id,
      refId: row.ref_id,
      outcome: {
        status: 'RJCT',
        reason: 'RC01',
        detail: 'the creditor bank is no longer reachable by configuration',
      },
    });
  let answer: Awaited<ReturnType<typeof creditPeer>>;
  try {
    answer = await creditPeer(deps, peer.url, {
      tokenId: row.token_id,
      refId: row.ref_id,
      // The currency was a parsed ISO 4217 code when the row was written.
      amount: { value: formatAmount(row.amount, row.currency), currency: row.currency as CurrencyCode },
      destination: row.destination,
      payload: args.payload,
      bankEndorsement: args.bankEndorsement,
      payerReference: row.bank_reference,
    });
  } catch (e) {
    if (isApiError(e) && e.status < 500 && e.status !== 429)
      // The other bank refused the instruction itself: it will not credit, so the money comes back (NARR: reason in the narrative).
      return settlePending(deps.db, {
        tokenId: row.token_id,
        refId: row.ref_id,
        outcome: {
          status: 'RJCT',
          reason: 'NARR',
          detail: `${peer.name} refused: ${e.code}: ${e.message}`.slice(0, 500),
        },
      });
    throw new UpstreamUnavailableError(`bank ${peer.name}`, e);
  }
  return settlePending(deps.db, {
    tokenId: row.token_id,
    refId: row.ref_id,
    outcome:
      answer.status === 'ACSC'
        ? { status: 'ACSC' }
        : { status: 'RJCT', reason: answer.reason, ...(answer.detail ? { detail: answer.detail } : {}) },
  });
}
