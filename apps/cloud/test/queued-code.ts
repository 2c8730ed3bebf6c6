import type { Db } from '@tokenos/db';

/**
 * The newest message queued for `recipient` in the outbox table, read from the database as only
 * the delivery worker does: no HTTP route serves it (issue 13). Emails are stored lower case.
 */
export async function queuedMessage(
  db: Db,
  recipient: string,
): Promise<{ channel: string; body: string } | undefined> {
  const rows = await db.query<{ channel: string; body: string }>(
    'select channel, body from outbox where recipient = $1 order by id desc limit 1',
    [recipient.startsWith('+') ? recipient : recipient.trim().toLowerCase()],
  );
  return rows[0];
}

/** The six-digit code in the newest message queued for `recipient`, if any. */
export async function queuedCode(db: Db, recipient: string): Promise<string | undefined> {
  return /\b(\d{6})\b/.exec((await queuedMessage(db, recipient))?.body ?? '')?.[1];
}
