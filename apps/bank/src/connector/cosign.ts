import {
  type BankEndorsement,
  endorsementSchema,
  nextScaCounters,
  objectId,
  ProtocolError,
  parseAmount,
  parseWith,
  type ScaCounters,
  scaDecision,
  signObject,
  type TransferTokenPayload,
  tokenIdSchema,
  transferTokenPayloadSchema,
} from '@tokenos/protocol';
import { verifyTransferEndorsement } from '@tokenos/sdk/bank';
import { lockScaCounters, readScaCounters, saveScaCounters } from '@tokenos/service-kit';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';
import { resolveAccountRef } from '../link/store.ts';
import { advancePasskeyCounter, storedPasskeyCounter, verifyPasskeyAssertion } from './passkey.ts';
import { assertRefundAtBank } from './refund-check.ts';

export const cosignRequestSchema = z.strictObject({
  tokenId: tokenIdSchema,
  payload: z.unknown(),
  endorsement: z.unknown(),
});

export function transferAttempt(p: TransferTokenPayload): {
  kind: 'transfer';
  amount: bigint;
  currency: string;
} {
  return {
    kind: 'transfer',
    amount: parseAmount(p.transfer.amount.value, p.transfer.amount.currency),
    currency: p.transfer.amount.currency,
  };
}

/**
 * Checks that a transfer token is one this bank may pay: drawn on this bank, still usable, and its
 * source account linked to the payer (the member who signed). Whether the account is open and in
 * the token's currency is the ledger's question at execution (AC04, AM03); see checkSourceUsable.
 */
export async function checkSource(deps: BankDeps, payload: TransferTokenPayload, now: number) {
  if (payload.transfer.source.bankId !== deps.member.id)
    throw new ProtocolError(
      'Forbidden',
      `the token is drawn on bank ${payload.transfer.source.bankId}, not this bank`,
      { field: 'transfer.source.bankId' },
    );
  if (now >= payload.expiresAt)
    throw new ProtocolError('Expired', `the token expired at ${new Date(payload.expiresAt).toISOString()}`, {
      field: 'expiresAt',
    });
  if (payload.conditions.validUntil !== undefined && now >= payload.conditions.validUntil)
    throw new ProtocolError(
      'Expired',
      `the token's conditions end at ${new Date(payload.conditions.validUntil).toISOString()}`,
      { field: 'conditions.validUntil' },
    );
  const source = await resolveAccountRef(deps.db, payload.transfer.source.accountRef);
  if (!source || source.memberId !== payload.from.memberId)
    throw new ProtocolError('Forbidden', 'the source account is not linked to the payer at this bank', {
      field: 'transfer.source.accountRef',
    });
  return source;
}

/** At co-signing, a token that could never execute is refused at once: closed account (AC04), other currency (AM03). */
function checkSourceUsable(
  source: Awaited<ReturnType<typeof checkSource>>,
  payload: TransferTokenPayload,
): void {
  if (source.account.status !== 'open')
    throw new ProtocolError('Forbidden', 'AC04: the source account is closed', {
      field: 'transfer.source.accountRef',
    });
  if (source.account.currency !== payload.transfer.amount.currency)
    throw new ProtocolError(
      'Forbidden',
      `AM03: the source account is in ${source.account.currency}, the token in ${payload.transfer.amount.currency}`,
      {
        field: 'transfer.amount.currency',
      },
    );
}

/**
 * POST /connector/v1/cosign: the payer's bank verifies the payer's endorsement itself and co-signs
 * (ARCHITECTURE.md, "Endorsement"). The payer's directory log is replayed by the bank (through the
 * SDK's verifyTransferEndorsement), the passkey assertion is verified by the bank's own WebAuthn
 * check, and SCA is judged by the bank's own PSD2 RTS Art. 16 counters, not the cloud's (a refund
 * by its own record of the payment it pays back: refund-check.ts). One
 * co-signature per token: a retry returns the same one and charges the counters once.
 */
export async function cosign(deps: BankDeps, input: unknown): Promise<BankEndorsement> {
  const req = parseWith(cosignRequestSchema, input, 'cosign request');
  const preview = parseWith(transferTokenPayloadSchema, req.payload, 'transfer token');
  // A retry of a co-signature already given for this very endorsement (the cloud lost the answer:
  // it crashed or timed out) gets the same one back before any check that passes only once, such
  // as the passkey's signature counter; otherwise the token could never be co-signed again. The
  // counter is read first: it is written in one transaction with the co-signature, so a counter
  // that already counts this assertion comes with a co-signature that the lookup after it sees.
  const claimed = parseWith(endorsementSchema, req.endorsement, 'endorsement');
  const counterBefore =
    claimed.sca.method === 'passkey'
      ? await storedPasskeyCounter(deps.db, claimed.sca.assertion.credentialId)
      : undefined;
  const given = await deps.db.maybeOne<{ endorsement_id: string; bank_endorsement: BankEndorsement }>(
    'select endorsement_id, bank_endorsement from cosignatures where token_id = $1',
    [req.tokenId],
  );
  if (given && given.endorsement_id === objectId(claimed)) return given.bank_endorsement;
  const before = await readScaCounters(deps.db, preview.from.memberId);
  const now = deps.now();
  let passkey: { credentialId: string; counter: number } | undefined;
  const { payload, endorsement, payer } = await verifyTransferEndorsement({
    client: deps.cloud,
    verifiedMember: (id) => deps.cloud.verifiedMember(id),
    tokenId: req.tokenId,
    payload: req.payload,
    endorsement: req.endorsement,
    now,
    // A first look; decided for good below under the counters' lock (a refund against this bank's records).
    scaRequired: (p, exemption) => exemption !== 'Refund' && scaDecision(transferAttempt(p), before).required,
    verifyPasskey: async ({ payer: member, assertion, challenge }) => {
      const storedCounter =
        counterBefore !== undefined &&
        claimed.sca.method === 'passkey' &&
        assertion.credentialId === claimed.sca.assertion.credentialId
          ? counterBefore
          : await storedPasskeyCounter(deps.db, assertion.credentialId);
      passkey = await verifyPasskeyAssertion({
        config: deps.config,
        member,
        assertion,
        challenge,
        payment: { amount: preview.transfer.amount },
        storedCounter,
      });
    },
  });
  if (payload.endorseUntil !== undefined && now >= payload.endorseUntil)
    throw new ProtocolError(
      'Expired',
      `the token could be endorsed until ${new Date(payload.endorseUntil).toISOString()}`,
      { field: 'endorseUntil' },
    );
  const source = await checkSource(deps, payload, now);
  checkSourceUsable(source, payload);
  const endorsementId = objectId(endorsement);
  const attempt = transferAttempt(payload);

  return deps.db.transaction(async (tx) => {
    const counters = await lockScaCounters(tx, payer.memberId);
    const existing = await tx.maybeOne<{ endorsement_id: string; bank_endorsement: BankEndorsement }>(
      'select endorsement_id, bank_endorsement from cosignatures where token_id = $1',
      [req.tokenId],
    );
    if (existing) {
      if (existing.endorsement_id !== endorsementId)
        throw new ProtocolError('Conflict', `token ${req.tokenId} was co-signed for another endorsement`, {
          field: 'endorsement',
        });
      return existing.bank_endorsement;
    }
    let sca: string;
    let next: ScaCounters;
    if (endorsement.sca.method === 'passkey') {
      if (!passkey)
        throw new ProtocolError('ScaFailed', 'the passkey assertion was not verified', {
          field: 'endorsement.sca',
        });
      if (
        !(await advancePasskeyCounter(tx, {
          credentialId: passkey.credentialId,
          memberId: payer.memberId,
          counter: passkey.counter,
        }))
      )
        throw new ProtocolError(
          'ScaFailed',
          `signature counter ${passkey.counter} of passkey ${passkey.credentialId} was already seen: a replayed assertion (W3C WebAuthn L3 §6.1.1)`,
          {
            field: 'endorsement.sca.assertion',
          },
        );
      sca = 'passkey';
      next = nextScaCounters(counters, { method: 'passkey' });
    } else if (endorsement.sca.exemption === 'Refund') {
      // Paying back a payment this bank credited to the source account; the Art. 16 counters stay as they are.
      await assertRefundAtBank(tx, {
        tokenId: req.tokenId,
        payload,
        sourceAccount: source.account.account_id,
      });
      sca = 'exemption:Refund';
      next = counters;
    } else {
      const decision = scaDecision(attempt, counters);
      if (decision.required)
        throw new ProtocolError(
          'ScaRequired',
          `this bank requires strong customer authentication: ${decision.reason}`,
          { field: 'endorsement.sca' },
        );
      sca = `exemption:${decision.exemption}`;
      next = nextScaCounters(counters, {
        method: 'exemption',
        amount: attempt.currency === 'EUR' ? attempt.amount : 0n,
      });
    }
    await saveScaCounters(tx, payer.memberId, next, sca === 'passkey');
    const signer = await deps.member.signerFor('STANDARD');
    const bankEndorsement = await signObject(
      {
        type: 'BankEndorsement' as const,
        version: 1 as const,
        tokenId: req.tokenId,
        endorsement: endorsementId,
        signer: { memberId: deps.member.id, keyId: signer.keyId },
        createdAt: now,
      },
      signer,
    );
    await tx.query(
      'insert into cosignatures (token_id, endorsement_id, payer, sca, bank_endorsement, refund_of, amount) values ($1, $2, $3, $4, $5::jsonb, $6, $7)',
      [
        req.tokenId,
        endorsementId,
        payer.memberId,
        sca,
        JSON.stringify(bankEndorsement),
        payload.transfer.refundOf ?? null,
        attempt.amount,
      ],
    );
    return bankEndorsement;
  });
}
