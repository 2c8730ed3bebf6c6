import type { Db } from '@tokenos/db';
import {
  ProtocolError,
  parseAmount,
  type RefundProblem,
  refundAmountProblem,
  type TransferTokenPayload,
} from '@tokenos/protocol';

/**
 * The bank's own check of the Refund exemption (protocol sca-policy.ts, "Refunds"): by its own
 * records the original token (`transfer.refundOf`) credited the refund's source account, settled
 * (ISO 20022 ACSC), either within this bank (`transfers`) or from another bank
 * (`interbank_credits`), and this refund with the others it co-signed for that payment stays within
 * the credited amount. Run under the payer's SCA counter lock, so refunds by one merchant are decided
 * one at a time. An original it cannot find is a problem: then SCA is required.
 */
export async function refundProblemAtBank(
  db: Db,
  args: { tokenId: string; payload: TransferTokenPayload; sourceAccount: bigint },
): Promise<RefundProblem> {
  const { refundOf } = args.payload.transfer;
  if (refundOf === undefined)
    return { field: 'transfer.refundOf', reason: 'the token is not a refund (no transfer.refundOf)' };
  const { currency } = args.payload.transfer.amount;
  const credited = await db.one<{ total: bigint }>(
    `select coalesce(sum(amount), 0)::bigint as total from (
       select amount from transfers
        where token_id = $1 and destination_account = $2 and currency = $3 and status = 'ACSC'
       union all
       select amount from interbank_credits
        where token_id = $1 and destination_account = $2 and currency = $3 and status = 'ACSC'
     ) credits`,
    [refundOf, args.sourceAccount, currency],
  );
  const executed = BigInt(credited.total);
  if (executed === 0n)
    return {
      field: 'transfer.refundOf',
      reason: `this bank has no record of token ${refundOf} crediting the refund's source account`,
    };
  const others = await db.one<{ total: bigint }>(
    'select coalesce(sum(amount), 0)::bigint as total from cosignatures where refund_of = $1 and token_id <> $2',
    [refundOf, args.tokenId],
  );
  return refundAmountProblem({
    refund: parseAmount(args.payload.transfer.amount.value, currency),
    executed,
    otherRefunds: BigInt(others.total),
  });
}

/** refundProblemAtBank as a refusal: the Refund exemption does not apply, so SCA is required. */
export async function assertRefundAtBank(
  db: Db,
  args: { tokenId: string; payload: TransferTokenPayload; sourceAccount: bigint },
): Promise<void> {
  const problem = await refundProblemAtBank(db, args);
  if (problem)
    throw new ProtocolError(
      'ScaRequired',
      `this bank requires strong customer authentication: the Refund exemption does not apply: ${problem.reason}`,
      { field: problem.field },
    );
}
