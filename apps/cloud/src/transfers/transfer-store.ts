import type { Db } from '@tokenos/db';
import type { AccountRef, AttemptLocation, Money } from '@tokenos/protocol';
import { formatAmount } from '@tokenos/protocol';

export type TransferStatus = 'RCVD' | 'ACTC' | 'ACSC' | 'RJCT';

export interface TransferRow {
  transfer_id: string;
  token_id: string;
  ref_id: string;
  redeemer: string;
  amount: bigint;
  currency: string;
  destination: AccountRef;
  location: AttemptLocation | null;
  status: TransferStatus;
  reason: string | null;
  bank_reference: string | null;
  attempts: number;
  created_at: Date;
  updated_at: Date;
}

/** A transfer as the API shows it: ISO 20022 status, amounts as decimal strings. */
export interface TransferView {
  id: string;
  tokenId: string;
  refId: string;
  amount: Money;
  destination: AccountRef;
  status: TransferStatus;
  reason: string | null;
  bankReference: string | null;
  createdAt: string;
  updatedAt: string;
}

export function transferView(row: TransferRow): TransferView {
  return {
    id: row.transfer_id,
    tokenId: row.token_id,
    refId: row.ref_id,
    amount: {
      value: formatAmount(row.amount, row.currency as Money['currency']),
      currency: row.currency as Money['currency'],
    },
    destination: row.destination,
    status: row.status,
    reason: row.reason,
    bankReference: row.bank_reference,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findTransfer(db: Db, tokenId: string, refId: string): Promise<TransferRow | undefined> {
  return db.maybeOne<TransferRow>('select * from transfers where token_id = $1 and ref_id = $2', [
    tokenId,
    refId,
  ]);
}

/** Transfers that count against a token's limits: everything not rejected, oldest first. */
export async function countedTransfers(db: Db, tokenId: string): Promise<TransferRow[]> {
  return db.query<TransferRow>(
    "select * from transfers where token_id = $1 and status <> 'RJCT' order by created_at, transfer_id",
    [tokenId],
  );
}
