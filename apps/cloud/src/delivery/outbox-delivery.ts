import type { Db } from '@tokenos/db';
import type { OutboxChannel } from '../aliases/outbox.ts';
import type { MailSender } from './mail-sender.ts';
import type { SmsSender } from './sms-sender.ts';

export interface OutboxDeliveryOptions {
  db: Db;
  /** A channel without a sender is not delivered; its messages wait until they are too old. */
  senders: { email?: MailSender; sms?: SmsSender };
  /** Epoch milliseconds. */
  now: () => number;
  /** Failures and drops; never a message body (it holds a code). */
  log: (line: string) => void;
  /** Messages older than this are deleted unsent: the code in them has expired. */
  maxAgeMs: number;
  /** Messages claimed per round. Default 20. */
  batch?: number;
  /** How long a claimed message is hidden from other instances while this one sends it. Default 60 s. */
  leaseMs?: number;
}

export interface OutboxDelivery {
  /** Sends everything due; resolves with how many were sent. Concurrent calls share one run. */
  run(): Promise<number>;
  /** Starts a run soon without waiting for it (after a transaction that queued a message commits). */
  kick(): void;
}

interface DueRow {
  id: string | number;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/** 1 s after the first failure, doubling to at most a minute. */
export function retryDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 60_000);
}

/**
 * The outbox's delivery worker. Messages are written in the same transaction as the verification
 * they belong to (aliases/outbox.ts), so none is lost when the mail server is down: each stays until
 * the server accepts it, is retried with backoff, and is dropped only once its code has expired.
 * Several instances may run it at once: a message is claimed with SKIP LOCKED and a lease, so each
 * goes out once unless an instance dies between the server's acceptance and the delete.
 */
export function outboxDelivery(o: OutboxDeliveryOptions): OutboxDelivery {
  const batch = o.batch ?? 20;
  const leaseMs = o.leaseMs ?? 60_000;
  const channels = (Object.keys(o.senders) as OutboxChannel[]).filter((c) => o.senders[c] !== undefined);

  async function dropExpired(): Promise<void> {
    const dropped = await o.db.query<{ id: string }>(
      'delete from outbox where created_at < $1 returning id',
      [new Date(o.now() - o.maxAgeMs)],
    );
    if (dropped.length > 0)
      o.log(
        `outbox: dropped ${dropped.length} undelivered message(s) older than ${o.maxAgeMs / 60_000} min; their codes have expired`,
      );
  }

  async function claim(): Promise<DueRow[]> {
    if (channels.length === 0) return [];
    const now = o.now();
    const placeholders = channels.map((_, i) => `$${i + 4}`).join(', ');
    return o.db.query<DueRow>(
      `update outbox set next_attempt_at = $1
       where id in (
         select id from outbox
         where next_attempt_at <= $2 and channel in (${placeholders})
         order by id limit $3
         for update skip locked)
       returning id, channel, recipient, subject, body, attempts`,
      [new Date(now + leaseMs), new Date(now), batch, ...channels],
    );
  }

  async function send(row: DueRow): Promise<boolean> {
    try {
      if (row.channel === 'email')
        await o.senders.email?.send({ to: row.recipient, subject: row.subject, text: row.body });
      else await o.senders.sms?.send({ to: row.recipient, text: row.body });
    } catch (e) {
      const failures = row.attempts + 1;
      const delay = retryDelayMs(failures);
      const why = e instanceof Error ? e.message : String(e);
      await o.db.query(
        'update outbox set attempts = $2, next_attempt_at = $3, last_error = $4 where id = $1',
        [row.id, failures, new Date(o.now() + delay), why.slice(0, 500)],
      );
      o.log(
        `outbox: ${row.channel} message ${row.id} not sent (attempt ${failures}): ${why}; retrying in ${delay / 1000} s`,
      );
      return false;
    }
    await o.db.query('delete from outbox where id = $1', [row.id]);
    return true;
  }

  async function pass(): Promise<number> {
    await dropExpired();
    let sent = 0;
    for (;;) {
      const rows = await claim();
      for (const row of rows) if (await send(row)) sent += 1;
      if (rows.length < batch) return sent;
    }
  }

  let running: Promise<number> | undefined;
  let again = false;
  async function loop(): Promise<number> {
    let sent = 0;
    do {
      again = false;
      sent += await pass();
    } while (again);
    return sent;
  }

  function run(): Promise<number> {
    if (running) {
      // A message queued during this run may have missed its claim: go round once more.
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    run,
    kick() {
      run().catch((e: unknown) => o.log(`outbox: delivery failed: ${e instanceof Error ? e.message : e}`));
    },
  };
}
