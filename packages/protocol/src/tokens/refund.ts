import type { TokenPayload } from './token.ts';
import type { TransferTokenPayload } from './transfer-token.ts';

/** Why a refund is out of bounds, naming the refund payload's field; undefined when it is within them. */
export type RefundProblem = { field: string; reason: string } | undefined;

/**
 * Whether `refund` may pay back `original` under the 'Refund' exemption (sca-policy.ts): it names
 * the original, goes from the original's payee to its payer, in its currency, and its amount is at
 * most what the original moved (`executed`, minor units) less every other live refund of it
 * (`otherRefunds`). Pure: the caller reads both figures inside the transaction that decides.
 */
export function refundProblem(
  refund: TransferTokenPayload,
  original: { id: string; payload: TokenPayload },
  amounts: { refund: bigint; executed: bigint; otherRefunds: bigint },
): RefundProblem {
  if (refund.transfer.refundOf !== original.id)
    return {
      field: 'transfer.refundOf',
      reason: `the refund names ${refund.transfer.refundOf ?? 'no token'}`,
    };
  const o = original.payload;
  if (o.type !== 'TransferToken')
    return { field: 'transfer.refundOf', reason: `token ${original.id} is not a transfer token` };
  if (refund.from.memberId !== o.to.memberId)
    return {
      field: 'from.memberId',
      reason: `a refund of ${original.id} is paid by its payee ${o.to.memberId}`,
    };
  if (refund.to.memberId !== o.from.memberId)
    return {
      field: 'to.memberId',
      reason: `a refund of ${original.id} goes to its payer ${o.from.memberId}`,
    };
  if (refund.transfer.amount.currency !== o.transfer.amount.currency)
    return {
      field: 'transfer.amount.currency',
      reason: `a refund of ${original.id} is in ${o.transfer.amount.currency}`,
    };
  return refundAmountProblem(amounts);
}

/** The amount bound alone (a bank that knows only what it credited): refund <= executed - other refunds. */
export function refundAmountProblem(amounts: {
  refund: bigint;
  executed: bigint;
  otherRefunds: bigint;
}): RefundProblem {
  const left = amounts.executed - amounts.otherRefunds;
  if (amounts.refund > left)
    return {
      field: 'transfer.amount',
      reason: `the refund exceeds what is left to refund (${left < 0n ? 0n : left} minor units of ${amounts.executed} executed)`,
    };
  return undefined;
}
