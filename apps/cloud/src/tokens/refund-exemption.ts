import type { Db } from '@tokenos/db';
import {
  type Endorsement,
  ProtocolError,
  parseAmount,
  refundProblem,
  type TokenPayload,
} from '@tokenos/protocol';
import { loadToken } from './token-store.ts';

/**
 * Whether this endorsement takes the 'Refund' exemption (sca-policy.ts, "Refunds"), refusing the
 * mismatches: 'Refund' on a token without `transfer.refundOf`, or another exemption on a refund.
 */
export function claimsRefundExemption(payload: TokenPayload, endorsement: Endorsement): boolean {
  const refundOf = payload.type === 'TransferToken' ? payload.transfer.refundOf : undefined;
  if (endorsement.sca.method !== 'exemption') return false;
  if (endorsement.sca.exemption === 'Refund') {
    if (refundOf === undefined)
      throw new ProtocolError(
        'Malformed',
        'the Refund exemption is for a transfer token with transfer.refundOf',
        {
          field: 'sca.exemption',
        },
      );
    return true;
  }
  if (refundOf !== undefined)
    throw new ProtocolError(
      'Malformed',
      `a refund (transfer.refundOf) is endorsed with a passkey or the Refund exemption, not ${endorsement.sca.exemption}`,
      { field: 'sca.exemption' },
    );
  return false;
}

/**
 * Checks a refund against the cloud's own records inside the endorsing transaction: the original
 * token row is locked first, so refunds of one payment are decided one at a time and together never
 * exceed what it moved (settled transfers, ISO 20022 ACSC) less its other endorsed, live refunds.
 */
export async function checkRefundBounds(tx: Db, tokenId: string, payload: TokenPayload): Promise<void> {
  if (payload.type !== 'TransferToken' || payload.transfer.refundOf === undefined)
    throw new ProtocolError('Malformed', 'only a transfer token with transfer.refundOf is a refund', {
      field: 'transfer.refundOf',
    });
  const originalId = payload.transfer.refundOf;
  const original = await loadToken(tx, originalId, { forUpdate: true });
  if (!original)
    throw new ProtocolError(
      'ScaRequired',
      `no token ${originalId} to refund: the Refund exemption does not apply`,
      {
        field: 'transfer.refundOf',
      },
    );
  const { currency } = payload.transfer.amount;
  const executed = await tx.one<{ total: bigint }>(
    "select coalesce(sum(amount), 0)::bigint as total from transfers where token_id = $1 and status = 'ACSC'",
    [originalId],
  );
  const others = await tx.query<{ payload: TokenPayload }>(
    `select payload from tokens
      where payload->'transfer'->>'refundOf' = $1 and token_id <> $2
        and endorsement is not null and status in ('received', 'valid')`,
    [originalId, tokenId],
  );
  let otherRefunds = 0n;
  for (const o of others)
    if (o.payload.type === 'TransferToken')
      otherRefunds += parseAmount(o.payload.transfer.amount.value, o.payload.transfer.amount.currency);
  const problem = refundProblem(
    payload,
    { id: originalId, payload: original.payload },
    {
      refund: parseAmount(payload.transfer.amount.value, currency),
      executed: BigInt(executed.total),
      otherRefunds,
    },
  );
  if (problem)
    throw new ProtocolError('ScaRequired', `the Refund exemption does not apply: ${problem.reason}`, {
      field: problem.field,
    });
}
