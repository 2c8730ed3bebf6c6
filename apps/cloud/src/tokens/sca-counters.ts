import type { Db } from '@tokenos/db';
import type { ScaCounters } from '@tokenos/protocol';

/** Reads a payer's RTS Art. 16 counters, locking the row so concurrent endorsements count one by one. */
export async function lockScaCounters(tx: Db, memberId: string): Promise<ScaCounters> {
  await tx.query('insert into sca_counters (member_id) values ($1) on conflict (member_id) do nothing', [
    memberId,
  ]);
  const row = await tx.one<{ amount_since_sca: bigint; count_since_sca: number }>(
    'select amount_since_sca, count_since_sca from sca_counters where member_id = $1 for update',
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
