import type { Db } from '@tokenos/db';
import {
  assertExtendsHead,
  type DirectoryOperation,
  type LogHead,
  logHead,
  ProtocolError,
} from '@tokenos/protocol';

/** Who served the log: the cloud (any read of it) or the member itself (its wallet's delivery). */
export type LogSource = 'cloud' | 'member';

/** Attempts before giving up when other requests keep moving the same member's head meanwhile. */
const maxAttempts = 5;

/** The newest head of the member's log this bank verified, if any. */
export async function knownHead(db: Db, memberId: string): Promise<LogHead | undefined> {
  const row = await db.maybeOne<{ seq: number; head: string }>(
    'select seq, head from member_heads where member_id = $1',
    [memberId],
  );
  return row ? { seq: row.seq, hash: row.head } : undefined;
}

/**
 * Remembers the head of `log` (verified by the chain rule already) as the member's newest, if
 * the log extends the head remembered before (protocol assertExtendsHead); otherwise records the
 * refusal in refused_logs and throws its StaleLog or Forked. The write is a compare-and-set on the
 * head read, so two requests racing with different logs cannot move it sideways or back: the
 * loser checks its log again against the winner's head. Returns the head the bank now holds.
 */
export async function rememberHead(
  db: Db,
  memberId: string,
  log: readonly DirectoryOperation[],
  source: LogSource,
): Promise<LogHead> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const known = await knownHead(db, memberId);
    let head: LogHead;
    try {
      head = assertExtendsHead(log, known);
    } catch (e) {
      if (known && e instanceof ProtocolError && (e.code === 'StaleLog' || e.code === 'Forked'))
        await recordRefusal(db, { memberId, source, code: e.code, known, served: logHead(log) });
      throw e;
    }
    // The same head again: nothing to write (this runs on every log read of a payment).
    if (known && head.seq === known.seq) return known;
    const moved = known
      ? await db.query(
          `update member_heads set seq = $2, head = $3, updated_at = now()
           where member_id = $1 and seq = $4 and head = $5 returning member_id`,
          [memberId, head.seq, head.hash, known.seq, known.hash],
        )
      : await db.query(
          `insert into member_heads (member_id, seq, head) values ($1, $2, $3)
           on conflict (member_id) do nothing returning member_id`,
          [memberId, head.seq, head.hash],
        );
    if (moved.length === 1) return head;
  }
  throw new ProtocolError('Conflict', `the head of ${memberId} kept moving during ${maxAttempts} attempts`, {
    field: 'operations',
  });
}

async function recordRefusal(
  db: Db,
  r: { memberId: string; source: LogSource; code: 'StaleLog' | 'Forked'; known: LogHead; served: LogHead },
): Promise<void> {
  await db.query(
    `insert into refused_logs (member_id, source, code, known_seq, known_head, served_seq, served_head)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [r.memberId, r.source, r.code, r.known.seq, r.known.hash, r.served.seq, r.served.hash],
  );
}
