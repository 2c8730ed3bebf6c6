import type { Db } from '@tokenos/db';
import { type AccountRef, ProtocolError } from '@tokenos/protocol';
import { LedgerRejection, postInTransaction, type RejectReason } from '../ledger/ledger.ts';

/** ISO 20022 ExternalPaymentTransactionStatus1Code: PDNG pending, ACSC settled, RJCT rejected. */
export type TransferStatus = 'PDNG' | 'ACSC' | 'RJCT';

export interface TransferRow {
  token_id: string;
  ref_id: string;
  transfer_id: string;
  bank_reference: string;
  source_account: bigint;
  destination: AccountRef;
  destination_account: bigint | null;
  amount: bigint;
  currency: string;
  status: TransferStatus;
  reason: string | null;
  detail: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Where the money goes: a local account (settled at once), another bank's clearing account (pending until it confirms), or nowhere (refused before any movement). */
export type Creditor = { account: bigint; interbank: boolean } | { reject: RejectReason; detail: string };

export interface TransferInstruction {
  tokenId: string;
  refId: string;
  /** The cloud's id for this redemption. */
  transferId: string;
  /** A fresh reference, used only if this call is the one that executes. */
  bankReference: string;
  source: bigint;
  destination: AccountRef;
  creditor: Creditor;
  amount: bigint;
  currency: string;
  description: string;
}

export function loadTransfer(db: Db, tokenId: string, refId: string): Promise<TransferRow | undefined> {
  return db.maybeOne<TransferRow>('select * from transfers where token_id = $1 and ref_id = $2', [
    tokenId,
    refId,
  ]);
}

/** Same (tokenId, refId) must mean the same payment: a different amount or account is a conflict, not a retry. */
function assertSameInstruction(row: TransferRow, i: TransferInstruction): void {
  if (
    row.amount !== i.amount ||
    row.currency !== i.currency ||
    row.source_account !== i.source ||
    JSON.stringify(row.destination) !== JSON.stringify(i.destination)
  )
    throw new ProtocolError(
      'Conflict',
      `refId ${i.refId} of token ${i.tokenId} was already used for a different transfer`,
      { field: 'refId' },
    );
}

/**
 * Executes a transfer at most once per (tokenId, refId) (ARCHITECTURE.md, "Storage and scale"). In one
 * database transaction: claim the key (a concurrent claimant waits on the unique index and then
 * finds this row), run `check` (the conditions, under the token's lock), move the money, record
 * the outcome. A refusal by the ledger (AM04, AC04, AM03) is recorded as RJCT with no movement; an
 * exception from `check` rolls everything back, the claim included. A retry returns the first row.
 */
export async function executeOnce(
  db: Db,
  i: TransferInstruction,
  hooks: { check?: (tx: Db) => Promise<void>; after?: (tx: Db, row: TransferRow) => Promise<void> } = {},
): Promise<{ row: TransferRow; fresh: boolean }> {
  return db.transaction(async (tx) => {
    const destinationAccount = 'account' in i.creditor && !i.creditor.interbank ? i.creditor.account : null;
    const claimed = await tx.maybeOne<TransferRow>(
      `insert into transfers (token_id, ref_id, transfer_id, bank_reference, source_account, destination, destination_account, amount, currency, status)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, 'PDNG')
       on conflict (token_id, ref_id) do nothing returning *`,
      [
        i.tokenId,
        i.refId,
        i.transferId,
        i.bankReference,
        i.source,
        JSON.stringify(i.destination),
        destinationAccount,
        i.amount,
        i.currency,
      ],
    );
    if (!claimed) {
      const first = await tx.one<TransferRow>('select * from transfers where token_id = $1 and ref_id = $2', [
        i.tokenId,
        i.refId,
      ]);
      assertSameInstruction(first, i);
      return { row: first, fresh: false };
    }
    await hooks.check?.(tx);
    let status: TransferStatus;
    let reason: string | null = null;
    let detail: string | null = null;
    if ('reject' in i.creditor) {
      status = 'RJCT';
      reason = i.creditor.reject;
      detail = i.creditor.detail;
    } else {
      try {
        // Refusals come before any write, so no savepoint is needed to carry on after one.
        await postInTransaction(tx, {
          from: i.source,
          to: i.creditor.account,
          amount: i.amount,
          currency: i.currency,
          kind: i.creditor.interbank ? 'interbank-out' : 'transfer',
          description: i.description,
          reference: i.bankReference,
        });
        // Between banks the money waits in the clearing account until the other bank credits its customer.
        status = i.creditor.interbank ? 'PDNG' : 'ACSC';
      } catch (e) {
        if (!(e instanceof LedgerRejection)) throw e;
        status = 'RJCT';
        reason = e.reason;
        detail = e.message;
      }
    }
    const row = await tx.one<TransferRow>(
      'update transfers set status = $3, reason = $4, detail = $5, updated_at = now() where token_id = $1 and ref_id = $2 returning *',
      [i.tokenId, i.refId, status, reason, detail],
    );
    await hooks.after?.(tx, row);
    return { row, fresh: true };
  });
}

/**
 * Finishes a pending transfer between banks with the other bank's answer. ACSC: the money stays
 * in the clearing account, owed to that bank. RJCT: the movement is reversed back to the payer's
 * account, in the same transaction as the status change, so it happens exactly once.
 */
export async function settlePending(
  db: Db,
  args: {
    tokenId: string;
    refId: string;
    outcome: { status: 'ACSC' } | { status: 'RJCT'; reason: string; detail?: string };
  },
): Promise<TransferRow> {
  return db.transaction(async (tx) => {
    const o = args.outcome;
    const row = await tx.maybeOne<TransferRow>(
      `update transfers set status = $3, reason = $4, detail = $5, updated_at = now()
        where token_id = $1 and ref_id = $2 and status = 'PDNG' returning *`,
      [
        args.tokenId,
        args.refId,
        o.status,
        o.status === 'RJCT' ? o.reason : null,
        o.status === 'RJCT' ? (o.detail ?? null) : null,
      ],
    );
    if (!row)
      return tx.one<TransferRow>('select * from transfers where token_id = $1 and ref_id = $2', [
        args.tokenId,
        args.refId,
      ]);
    if (o.status === 'RJCT') {
      const out = await tx.one<{ from_account: bigint }>(
        `select e.account_id as from_account from entries e join ledger_transactions t using (tx_id)
          where t.reference = $1 and t.kind = 'interbank-out' and e.amount > 0`,
        [row.bank_reference],
      );
      await postInTransaction(tx, {
        from: out.from_account,
        to: row.source_account,
        amount: row.amount,
        currency: row.currency,
        kind: 'reversal',
        description: `Returned: ${o.reason}`,
        reference: row.bank_reference,
      });
    }
    return row;
  });
}
