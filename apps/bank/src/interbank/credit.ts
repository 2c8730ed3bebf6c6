import {
  accountRefSchema,
  assertSignedByMemberKey,
  bankEndorsementSchema,
  base64url,
  type MemberState,
  moneySchema,
  ProtocolError,
  parseAmount,
  parseWith,
  refIdSchema,
  tokenId as tokenIdOf,
  tokenIdSchema,
  transferTokenPayloadSchema,
} from '@tokenos/protocol';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';
import { clearingAccount, LedgerRejection, postInTransaction } from '../ledger/ledger.ts';
import { resolveAccountRef } from '../link/store.ts';
import type { CreditResult } from './client.ts';

export const creditRequestSchema = z.strictObject({
  tokenId: tokenIdSchema,
  refId: refIdSchema,
  amount: moneySchema,
  destination: accountRefSchema,
  payload: z.unknown(),
  bankEndorsement: z.unknown(),
  payerReference: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

interface CreditRow {
  status: 'ACSC' | 'RJCT';
  reason: string | null;
  detail: string | null;
  bank_reference: string;
}

function resultOf(row: CreditRow): CreditResult {
  return row.status === 'ACSC'
    ? { status: 'ACSC', bankReference: row.bank_reference }
    : { status: 'RJCT', reason: row.reason ?? 'NARR', ...(row.detail ? { detail: row.detail } : {}) };
}

/**
 * POST /interbank/v1/credits, the payee's side of a payment between banks. The caller is a bank
 * this bank settles with (signature checked against its own directory log); it must be the bank
 * the token is drawn on, and the token must carry that bank's valid co-signature. The payee is
 * credited from the clearing account for the payer's bank, which then shows what that bank owes.
 * Once per (payer bank, tokenId, refId): a retry returns the first answer.
 */
export async function receiveCredit(
  deps: BankDeps,
  payerBank: MemberState,
  input: unknown,
): Promise<CreditResult> {
  const req = parseWith(creditRequestSchema, input, 'credit instruction');
  const payload = parseWith(transferTokenPayloadSchema, req.payload, 'transfer token');
  if (tokenIdOf(payload) !== req.tokenId)
    throw new ProtocolError('Malformed', `token id ${req.tokenId} is not the hash of the payload`, {
      field: 'tokenId',
    });
  if (payload.transfer.source.bankId !== payerBank.memberId)
    throw new ProtocolError(
      'Forbidden',
      `the token is drawn on ${payload.transfer.source.bankId}, the instruction comes from ${payerBank.memberId}`,
      { field: 'payload' },
    );
  const cosig = parseWith(bankEndorsementSchema, req.bankEndorsement, 'bank endorsement');
  if (cosig.tokenId !== req.tokenId || cosig.signer.memberId !== payerBank.memberId)
    throw new ProtocolError('Forbidden', 'the bank endorsement is not the payer bank’s for this token', {
      field: 'bankEndorsement',
    });
  // Judged when the payer bank co-signed: a credit may arrive after that key expired.
  await assertSignedByMemberKey({
    member: payerBank,
    signer: cosig.signer,
    required: 'STANDARD',
    now: cosig.createdAt,
    field: 'bankEndorsement.signer',
    signed: cosig,
    backend: deps.backend,
    signatureField: 'bankEndorsement.signature',
  });
  if (req.destination.bankId !== deps.member.id)
    throw new ProtocolError(
      'Malformed',
      `the creditor account is at ${req.destination.bankId}, not this bank`,
      { field: 'destination' },
    );
  if (req.amount.currency !== payload.transfer.amount.currency)
    throw new ProtocolError(
      'Malformed',
      `amount in ${req.amount.currency}, the token in ${payload.transfer.amount.currency}`,
      { field: 'amount.currency' },
    );
  const amount = parseAmount(req.amount.value, req.amount.currency, { field: 'amount' });
  if (amount > parseAmount(payload.transfer.amount.value, payload.transfer.amount.currency))
    throw new ProtocolError('Forbidden', 'the amount is above what the token authorises', {
      field: 'amount',
    });

  const first = await deps.db.maybeOne<CreditRow>(
    'select * from interbank_credits where payer_bank = $1 and token_id = $2 and ref_id = $3',
    [payerBank.memberId, req.tokenId, req.refId],
  );
  if (first) return resultOf(first);

  const dest = await resolveAccountRef(deps.db, req.destination.accountRef);
  const clearing = await clearingAccount(deps.db, payerBank.memberId, req.amount.currency);
  const bankReference = `${deps.config.bankCode}-${base64url(deps.randomBytes(12))}`;
  return deps.db.transaction(async (tx) => {
    const claimed = await tx.maybeOne<CreditRow>(
      `insert into interbank_credits (payer_bank, token_id, ref_id, bank_reference, destination_account, amount, currency, status)
       values ($1, $2, $3, $4, $5, $6, $7, 'ACSC') on conflict (payer_bank, token_id, ref_id) do nothing returning *`,
      [
        payerBank.memberId,
        req.tokenId,
        req.refId,
        bankReference,
        dest?.account.account_id ?? null,
        amount,
        req.amount.currency,
      ],
    );
    if (!claimed)
      return resultOf(
        await tx.one<CreditRow>(
          'select * from interbank_credits where payer_bank = $1 and token_id = $2 and ref_id = $3',
          [payerBank.memberId, req.tokenId, req.refId],
        ),
      );
    let reject: { reason: string; detail: string } | undefined;
    if (!dest || dest.memberId !== payload.to.memberId) {
      reject = { reason: 'AC03', detail: 'the creditor account is not an account of the payee at this bank' };
    } else {
      try {
        await postInTransaction(tx, {
          from: clearing.account_id,
          to: dest.account.account_id,
          amount,
          currency: req.amount.currency,
          kind: 'interbank-in',
          description: payload.transfer.description || `Payment ${req.refId}`,
          reference: bankReference,
        });
      } catch (e) {
        if (!(e instanceof LedgerRejection)) throw e;
        reject = { reason: e.reason, detail: e.message };
      }
    }
    if (!reject) return resultOf(claimed);
    return resultOf(
      await tx.one<CreditRow>(
        "update interbank_credits set status = 'RJCT', reason = $4, detail = $5 where payer_bank = $1 and token_id = $2 and ref_id = $3 returning *",
        [payerBank.memberId, req.tokenId, req.refId, reject.reason, reject.detail],
      ),
    );
  });
}
