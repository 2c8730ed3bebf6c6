import type { Db } from '@tokenos/db';
import { ProtocolError } from '@tokenos/protocol';
import { Hono } from 'hono';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';

export type OutboxChannel = 'email' | 'sms';

export interface OutboxMessage {
  channel: OutboxChannel;
  recipient: string;
  body: string;
  createdAt: number;
}

/**
 * Queues a message for delivery. Pass the request's transaction, so a message exists exactly when
 * the verification it belongs to does.
 */
export async function writeOutbox(db: Db, message: OutboxMessage): Promise<void> {
  await db.query('insert into outbox (channel, recipient, body, created_at) values ($1, $2, $3, $4)', [
    message.channel,
    message.recipient,
    message.body,
    new Date(message.createdAt),
  ]);
}

/** The development sink: what a delivery worker would send, on the console. */
export function outboxLine(message: OutboxMessage): string {
  return `[outbox] ${message.channel} to ${message.recipient}: ${message.body}`;
}

/** Messages to one recipient, newest first. */
export async function readOutbox(db: Db, recipient: string, limit = 20): Promise<OutboxMessage[]> {
  const rows = await db.query<{ channel: OutboxChannel; recipient: string; body: string; created_at: Date }>(
    'select channel, recipient, body, created_at from outbox where recipient = $1 order by id desc limit $2',
    [recipient, limit],
  );
  return rows.map((r) => ({
    channel: r.channel,
    recipient: r.recipient,
    body: r.body,
    createdAt: r.created_at.getTime(),
  }));
}

/**
 * GET /outbox?recipient=... for end-to-end tests to read one-time codes. Mount it only when
 * deps.config.development: it hands out every code sent to an address.
 */
export function devOutboxRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  app.get('/outbox', async (c) => {
    if (!deps.config.development)
      throw new ProtocolError('NotFound', 'the outbox is only readable in development');
    const recipient = c.req.query('recipient');
    if (!recipient || recipient.length > 254)
      throw new ProtocolError('Malformed', 'recipient: expected an email address or E.164 number', {
        field: 'recipient',
      });
    // Emails are stored normalised (lower case), as verification wrote them.
    const messages = await readOutbox(
      deps.db,
      recipient.startsWith('+') ? recipient : recipient.trim().toLowerCase(),
    );
    return c.json({ messages });
  });
  return app;
}
