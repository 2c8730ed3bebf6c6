import type { Db } from '@tokenos/db';
import type { ScaCounters } from '@tokenos/protocol';

/**
 * Reads a payer's RTS Art. 16 counters, locking the row so concurrent endorsements count one by one.
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
