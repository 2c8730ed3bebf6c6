import type { Db } from '@tokenos/db';
import type { ScaCounters } from '@tokenos/protocol';

// The payer's PSD2 RTS Art. 16 counters (amount and count since the last SCA), kept in a table both
// the cloud and a bank create with the same columns (member_id primary key, amount_since_sca
// bigint, count_since_sca integer, last_sca_at timestamptz): the cloud before it endorses, the
// bank before it co-signs, each deciding with its own counters (nextScaCounters, scaDecision).

/** The counters without locking them (a preview); zero when the payer has none yet. */
export async function readScaCounters(db: Db, memberId: string): Promise<ScaCounters> {
  const row = await db.maybeOne<{ amount_since_sca: bigint; count_since_sca: number }>(
    'select amount_since_sca, count_since_sca from sca_counters where member_id = $1',
    [memberId],
  );
  return row
    ? { amountSinceSca: row.amount_since_sca, countSinceSca: row.count_since_sca }
    : { amountSinceSca: 0n, countSinceSca: 0 };
}

/**
 * Reads a payer's RTS Art. 16 counters, locking the row so concurrent endorsements (co-signatures)
 * count one by one.
 * One statement: the first endorsement inserts the row; any later one "updates" it to itself,
 * which takes the row lock like SELECT ... FOR UPDATE and, after waiting for a concurrent holder,
 * returns the newest committed counters (PostgreSQL, INSERT "ON CONFLICT DO UPDATE").
 */
export async function lockScaCounters(tx: Db, memberId: string): Promise<ScaCounters> {
  const row = await tx.one<{ amount_since_sca: bigint; count_since_sca: number }>(
    `insert into sca_counters (member_id) values ($1)
     on conflict (member_id) do update set amount_since_sca = sca_counters.amount_since_sca
     returning amount_since_sca, count_since_sca`,
    [memberId],
  );
  return { amountSinceSca: row.amount_since_sca, countSinceSca: row.count_since_sca };
}

/** Stores the counters after a decision; `scaApplied` stamps last_sca_at (a passkey reset them). */
export async function saveScaCounters(
  tx: Db,
  memberId: string,
  counters: ScaCounters,
  scaApplied: boolean,
): Promise<void> {
  await tx.query(
    `update sca_counters set amount_since_sca = $2, count_since_sca = $3, last_sca_at = case when $4 then now() else last_sca_at end
     where member_id = $1`,
    [memberId, counters.amountSinceSca, counters.countSinceSca, scaApplied],
  );
}
