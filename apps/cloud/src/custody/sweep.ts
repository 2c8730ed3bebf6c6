import type { CloudDeps } from '../deps.ts';

/**
 * Deletes every member that was not claimed by its `claimBy` (issue 9): its loyalty tokens, claims,
 * alias verifications and index entries, its log and state, in one transaction per member. A
 * tombstone (custodial_members with no alias data) says the id existed and is gone. Safe on several
 * instances at once: the row lock lets one sweeper take each member. Returns how many went.
 */
export async function sweepUnclaimed(deps: Pick<CloudDeps, 'db' | 'now'>, limit = 100): Promise<number> {
  const now = new Date(deps.now());
  const due = await deps.db.query<{ member_id: string }>(
    `select member_id from custodial_members where status = 'pending' and claim_by <= $1
      order by claim_by limit $2`,
    [now, limit],
  );
  let swept = 0;
  for (const { member_id: memberId } of due) {
    const gone = await deps.db.transaction(async (tx) => {
      const row = await tx.maybeOne(
        "select 1 from custodial_members where member_id = $1 and status = 'pending' and claim_by <= $2 for update skip locked",
        [memberId, now],
      );
      if (!row) return false;
      // A loyalty-only token is never charged nor derived from, so nothing else refers to it.
      await tx.query(
        'delete from member_tokens where root_id in (select id from member_tokens where owner_id = $1)',
        [memberId],
      );
      await tx.query('delete from aliases where member_id = $1', [memberId]);
      await tx.query('delete from alias_verifications where member_id = $1', [memberId]);
      await tx.query('delete from member_claims where member_id = $1', [memberId]);
      await tx.query('delete from directory_ops where member_id = $1', [memberId]);
      await tx.query('delete from members where member_id = $1', [memberId]);
      await tx.query(
        `update custodial_members set status = 'expired', lookup_hash = null, commitment = null, salt = null, expired_at = $2
          where member_id = $1`,
        [memberId, now],
      );
      return true;
    });
    if (gone) swept++;
  }
  return swept;
}
