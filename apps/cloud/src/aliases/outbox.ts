import type { Db } from '@tokenos/db';

export type OutboxChannel = 'email' | 'sms';

export interface OutboxMessage {
  channel: OutboxChannel;
  recipient: string;
  /** The mail's subject; an SMS has none. */
  subject: string;
  body: string;
  createdAt: number;
}

/**
 * Queues a message for delivery (delivery/outbox-delivery.ts sends it). Pass the request's
 * transaction, so a message exists exactly when the verification it belongs to does. Nothing
 * reads a message back over HTTP: a one-time code leaves only to its recipient.
 */
export async function writeOutbox(db: Db, message: OutboxMessage): Promise<void> {
  await db.query(
    `insert into outbox (channel, recipient, subject, body, created_at, next_attempt_at)
     values ($1, $2, $3, $4, $5, $5)`,
    [message.channel, message.recipient, message.subject, message.body, new Date(message.createdAt)],
  );
}
