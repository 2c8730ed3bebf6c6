import type { Db } from '@tokenos/db';
import {
  type AccountRef,
  accountRefSchema,
  attemptLocationSchema,
  base64url,
  conditionFailedError,
  effectiveTransferConditions,
  evaluate,
  formatAmount,
  moneySchema,
  ProtocolError,
  parseAmount,
  recordUsage,
  refIdSchema,
  type TransferTokenPayload,
  type Usage,
  usageFromJson,
  usageOfTransfers,
  usageToJson,
} from '@tokenos/protocol';
import { z } from 'zod';
import { BankUnavailableError } from '../banks/connector.ts';
import type { CloudDeps } from '../deps.ts';
import { liveStatus, loadToken, type TokenRow } from '../tokens/token-store.ts';
import { countedTransfers, findTransfer, type TransferRow } from './transfer-store.ts';

export const redeemBodySchema = z.strictObject({
  amount: moneySchema,
  refId: refIdSchema,
  destination: accountRefSchema,
  location: attemptLocationSchema.optional(),
});
export type RedeemBody = z.infer<typeof redeemBodySchema>;

function assertRedeemable(
  row: TokenRow,
  redeemer: string,
  now: number,
): asserts row is TokenRow & { payload: TransferTokenPayload } {
  if (row.kind !== 'transfer' || row.payload.type !== 'TransferToken')
    throw new ProtocolError('Conflict', 'only transfer tokens are redeemed', { field: 'tokenId' });
  if (row.redeemer !== redeemer)
    throw new ProtocolError('Forbidden', `only ${row.redeemer} may redeem this token`, { field: 'tokenId' });
  const status = liveStatus(row, now);
  if (status === 'revokedByPsu' || status === 'terminatedByTpp' || status === 'replaced')
    throw new ProtocolError('Cancelled', `token is ${status}`, { field: 'tokenId' });
  if (status === 'expired')
    throw new ProtocolError('Expired', `token expired at ${row.expires_at.toISOString()}`, {
      field: 'tokenId',
    });
  if (!row.endorsement)
    throw new ProtocolError('Conflict', 'token is not endorsed by the payer', { field: 'tokenId' });
  if (!row.bank_endorsement || status !== 'valid')
    throw new ProtocolError('Conflict', "token lacks the payer's bank co-signature; it cannot be redeemed", {
      field: 'tokenId',
    });
  if (now < row.effective_at.getTime())
    throw new ProtocolError('NotYetValid', `token is effective from ${row.effective_at.toISOString()}`, {
      field: 'tokenId',
    });
}

/** Usage derived from the transfers that count (not rejected), so a rejection gives the room back exactly. */
function usageFrom(payload: TransferTokenPayload, transfers: TransferRow[]): Usage {
  return usageOfTransfers(
    effectiveTransferConditions(payload),
    payload.to.memberId,
    transfers.map((t) => ({ amount: t.amount, currency: t.currency, at: t.created_at.getTime() })),
  );
}

/**
 * Step 1, one database transaction: lock the token, answer a retry with the first result, check
 * status and every condition against the usage so far, record the transfer (ACTC, or RCVD when no
 * connection to its bank is configured, which executeTransfer then rejects) and the new
 * usage. The row lock makes concurrent redemptions of one token take turns across instances, so
 * a single-use token is redeemed once.
 */
export async function reserveTransfer(
  deps: CloudDeps,
  tokenId: string,
  redeemer: string,
  body: RedeemBody,
): Promise<{ row: TransferRow; fresh: boolean; token: TokenRow }> {
  return deps.db.transaction(async (tx) => {
    const token = await loadToken(tx, tokenId, { forUpdate: true });
    if (!token) throw new ProtocolError('NotFound', `no token ${tokenId}`, { field: 'tokenId' });
    const existing = await findTransfer(tx, tokenId, body.refId);
    if (existing) {
      if (existing.redeemer !== redeemer)
        throw new ProtocolError('NotFound', `no token ${tokenId}`, { field: 'tokenId' });
      const sameAmount =
        existing.amount === parseAmount(body.amount.value, body.amount.currency) &&
        existing.currency === body.amount.currency;
      if (!sameAmount)
        throw new ProtocolError('Conflict', `refId ${body.refId} was used for another amount`, {
          field: 'refId',
        });
      return { row: existing, fresh: false, token };
    }
    const now = deps.now();
    assertRedeemable(token, redeemer, now);
    const amount = parseAmount(body.amount.value, body.amount.currency);
    const conditions = effectiveTransferConditions(token.payload);
    const usage = usageFromJson(token.usage);
    const attempt = {
      payee: token.payload.to.memberId,
      amount,
      currency: body.amount.currency,
      ...(body.location ? { location: body.location } : {}),
    };
    const verdict = evaluate(conditions, usage, attempt, now);
    if (!verdict.allowed) throw conditionFailedError(verdict.violations);
    const transferId = base64url(deps.randomBytes(16));
    // executeTransfer hands the transfer to the payer's bank right after this commits and marks it
    // ACTC first; recording ACTC (one attempt) here saves that write. A crash in between leaves it
    // pending, and a retry with the same refId sends it again, as it would have from RCVD.
    const sending = deps.banks.connectorFor(token.payload.transfer.source.bankId) !== undefined;
    const row = await tx.one<TransferRow>(
      `insert into transfers (transfer_id, token_id, ref_id, redeemer, amount, currency, destination, status, attempts, created_at, location)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::jsonb) returning *`,
      [
        transferId,
        tokenId,
        body.refId,
        redeemer,
        amount,
        body.amount.currency,
        JSON.stringify(body.destination),
        sending ? 'ACTC' : 'RCVD',
        sending ? 1 : 0,
        new Date(now),
        body.location ? JSON.stringify(body.location) : null,
      ],
    );
    await tx.query(
      'update tokens set usage = $2::jsonb, last_used_at = $3, updated_at = now() where token_id = $1',
      [tokenId, JSON.stringify(usageToJson(recordUsage(conditions, usage, attempt, now))), new Date(now)],
    );
    return { row, fresh: true, token };
  });
}

async function setStatus(
  db: Db,
  transferId: string,
  status: 'ACTC' | 'ACSC',
  extra: { bankReference?: string } = {},
): Promise<TransferRow> {
  return db.one<TransferRow>(
    `update transfers set status = $2, bank_reference = coalesce($3, bank_reference), attempts = attempts + 1, updated_at = now()
     where transfer_id = $1 returning *`,
    [transferId, status, extra.bankReference ?? null],
  );
}

/** A rejected transfer stops counting: the token's usage is recomputed from what still counts. */
async function reject(deps: CloudDeps, transfer: TransferRow, reason: string): Promise<TransferRow> {
  return deps.db.transaction(async (tx) => {
    const token = await loadToken(tx, transfer.token_id, { forUpdate: true });
    const row = await tx.one<TransferRow>(
      "update transfers set status = 'RJCT', reason = $2, attempts = attempts + 1, updated_at = now() where transfer_id = $1 returning *",
      [transfer.transfer_id, reason],
    );
    if (token && token.payload.type === 'TransferToken') {
      const usage = usageFrom(token.payload, await countedTransfers(tx, transfer.token_id));
      await tx.query('update tokens set usage = $2::jsonb where token_id = $1', [
        transfer.token_id,
        JSON.stringify(usageToJson(usage)),
      ]);
    }
    return row;
  });
}

/**
 * Step 2, outside any transaction: the bank executes (idempotent per token and refId on its side).
 * Settled → ACSC; refused → RJCT with the bank's ISO 20022 reason; unreachable → stays ACTC
 * (pending), never reported as success; a retry with the same refId calls the bank again.
 */
export async function executeTransfer(
  deps: CloudDeps,
  transfer: TransferRow,
  /**
   * The token as reserveTransfer read it, which saves reading it again: what is used here (payload,
   * endorsement, bank co-signature) never changes once the token could be redeemed.
   */
  reserved?: TokenRow,
): Promise<TransferRow> {
  if (transfer.status === 'ACSC' || transfer.status === 'RJCT') return transfer;
  const token =
    reserved?.token_id === transfer.token_id ? reserved : await loadToken(deps.db, transfer.token_id);
  if (token?.payload.type !== 'TransferToken' || !token.endorsement || !token.bank_endorsement)
    return transfer;
  const bankId = token.payload.transfer.source.bankId;
  const connector = deps.banks.connectorFor(bankId);
  if (!connector) return reject(deps, transfer, 'RC01');
  const sent = transfer.status === 'RCVD' ? await setStatus(deps.db, transfer.transfer_id, 'ACTC') : transfer;
  try {
    const result = await connector.execute({
      transferId: sent.transfer_id,
      tokenId: sent.token_id,
      payload: token.payload,
      endorsement: token.endorsement,
      bankEndorsement: token.bank_endorsement,
      refId: sent.ref_id,
      amount: {
        value: formatAmount(sent.amount, token.payload.transfer.amount.currency),
        currency: token.payload.transfer.amount.currency,
      },
      destination: sent.destination as AccountRef,
      ...(sent.location ? { location: sent.location } : {}),
    });
    if (result.status === 'ACSC')
      return setStatus(deps.db, sent.transfer_id, 'ACSC', { bankReference: result.bankReference });
    return reject(deps, sent, result.reason);
  } catch (e) {
    // The bank refused on verification grounds: a definite answer, the transfer is rejected.
    if (e instanceof ProtocolError) return reject(deps, sent, 'NARR');
    // Anything else (timeout, connection refused, a crash mid-answer) is no answer at all: the
    // transfer stays pending (ACTC) and a retry with the same refId asks the bank again.
    if (!(e instanceof BankUnavailableError))
      console.warn(`bank ${bankId} failed to answer for transfer ${sent.transfer_id}`, e);
    return deps.db.one<TransferRow>('select * from transfers where transfer_id = $1', [sent.transfer_id]);
  }
}
