import type { Db } from '@tokenos/db';
import type { DirectoryOperation, MemberState } from '@tokenos/protocol';

export async function loadMember(
  db: Db,
  memberId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<MemberState | undefined> {
  const row = await db.maybeOne<{ state: MemberState }>(
    `select state from members where member_id = $1${opts.forUpdate ? ' for update' : ''}`,
    [memberId],
  );
  return row?.state;
}

/** Which of these members exist: one statement for a token's parties instead of one per party. */
export async function existingMembers(db: Db, memberIds: readonly string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db.query<{ member_id: string }>(
    'select member_id from members where member_id = any($1::text[])',
    [memberIds],
  );
  return new Set(rows.map((r) => r.member_id));
}

export async function insertMember(db: Db, state: MemberState, op: DirectoryOperation): Promise<void> {
  await db.query('insert into members (member_id, seq, head, state) values ($1, $2, $3, $4::jsonb)', [
    state.memberId,
    state.seq,
    state.head,
    JSON.stringify(state),
  ]);
  await db.query('insert into directory_ops (member_id, seq, hash, op) values ($1, $2, $3, $4::jsonb)', [
    state.memberId,
    op.seq,
    state.head,
    JSON.stringify(op),
  ]);
}

export async function appendToMember(db: Db, state: MemberState, op: DirectoryOperation): Promise<void> {
  // The primary key (member_id, seq) makes a concurrent append at the same position fail, so a log can't fork.
  await db.query('insert into directory_ops (member_id, seq, hash, op) values ($1, $2, $3, $4::jsonb)', [
    state.memberId,
    op.seq,
    state.head,
    JSON.stringify(op),
  ]);
  await db.query(
    'update members set seq = $2, head = $3, state = $4::jsonb, updated_at = now() where member_id = $1',
    [state.memberId, state.seq, state.head, JSON.stringify(state)],
  );
}

export async function memberLog(db: Db, memberId: string): Promise<DirectoryOperation[]> {
  const rows = await db.query<{ op: DirectoryOperation }>(
    'select op from directory_ops where member_id = $1 order by seq',
    [memberId],
  );
  return rows.map((r) => r.op);
}
