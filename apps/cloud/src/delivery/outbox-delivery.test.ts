import { createServer } from 'node:net';
import type { AliasValue } from '@tokenos/protocol';
import { addAlias, CloudClient, completeAliasVerification, Member, MemoryKeyStore } from '@tokenos/sdk';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { writeOutbox } from '../aliases/outbox.ts';
import { codeTtlMs } from '../aliases/routes.ts';
import { createCloudApp } from '../app.ts';
import { type MailSender, smtpMailSender } from './mail-sender.ts';
import { type OutboxDelivery, outboxDelivery } from './outbox-delivery.ts';
import { smsToMailGateway } from './sms-sender.ts';

// The real path out: nodemailer speaking SMTP to an SMTP server on a local port (smtp-server, the
// same library mail catchers are built on), the outbox table on the test cloud's database.
const cloud = perFileCloud();
const from = 'Token Wallet Test <no-reply@cloud.test>';

interface Received {
  to: string[];
  raw: string;
  /** The body with quoted-printable soft breaks and escapes undone (RFC 2045 §6.7). */
  text: string;
}

/** An SMTP server that records what it is sent; `next()` resolves with the next message. */
async function smtpServer(port = 0) {
  const received: Received[] = [];
  const waiting: ((m: Received) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const text = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
        const message = { to: session.envelope.rcptTo.map((r) => r.address), raw, text };
        const waiter = waiting.shift();
        if (waiter) waiter(message);
        else received.push(message);
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the SMTP server has no port');
  return {
    port: address.port,
    next: () =>
      new Promise<Received>((resolve) => {
        const first = received.shift();
        if (first) resolve(first);
        else waiting.push(resolve);
      }),
    count: () => received.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nobody listens on right now: the mail server is "down" there until one starts. */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  await cloud.deps.db.query('delete from outbox');
});

function deliveryTo(port: number, log: string[] = []): { mail: MailSender; delivery: OutboxDelivery } {
  const mail = smtpMailSender({ smtpUrl: `smtp://127.0.0.1:${port}`, from });
  cleanups.push(() => mail.close());
  const delivery = outboxDelivery({
    db: cloud.deps.db,
    senders: { email: mail, sms: smsToMailGateway(mail) },
    now: () => cloud.clock.now,
    log: (line) => log.push(line),
    maxAgeMs: codeTtlMs,
  });
  return { mail, delivery };
}

async function queued(): Promise<{ attempts: number; last_error: string | null }[]> {
  return cloud.deps.db.query('select attempts, last_error from outbox order by id');
}

let seq = 0;
function address(): string {
  seq += 1;
  return `person${seq}.${Date.now()}@example.com`;
}

describe('outbox delivery by SMTP', () => {
  it('a verification started through the API mails its code to the address, and leaves no copy', async () => {
    const smtp = await smtpServer();
    cleanups.push(smtp.close);
    const { delivery } = deliveryTo(smtp.port);
    const app = createCloudApp({ ...cloud.deps, outboxWritten: delivery.kick });
    const client = new CloudClient({
      baseUrl: cloud.deps.config.publicUrl,
      fetch: async (input, init) => app.request(input instanceof URL ? input.href : input, init),
      now: () => cloud.clock.now,
    });
    const member = await Member.create(client, new MemoryKeyStore());
    const alias: AliasValue = { type: 'EMAIL', value: address() };
    const added = await addAlias(member, alias);

    const mail = await smtp.next();
    expect(mail.to).toEqual([alias.value]);
    expect(mail.raw).toContain('From: Token Wallet Test <no-reply@cloud.test>');
    expect(mail.raw).toContain('Subject: Your Token Wallet (test) verification code');
    const code = /verification code is (\d{6})\./.exec(mail.text)?.[1];
    // The mailed code is the one the cloud checks: it completes the verification.
    expect((await completeAliasVerification(member, added.verificationId, code ?? '')).memberId).toBe(
      member.id,
    );
    // Sent and gone: the queue keeps no readable copy of a delivered code.
    await delivery.run();
    expect(await queued()).toEqual([]);
  });

  it('a message queued while the mail server is down goes out once it is up', async () => {
    const port = await unusedPort();
    const log: string[] = [];
    const { delivery } = deliveryTo(port, log);
    const to = address();
    await writeOutbox(cloud.deps.db, {
      channel: 'email',
      recipient: to,
      subject: 'Your code',
      body: 'Your code is 246810.',
      createdAt: cloud.clock.now,
    });

    expect(await delivery.run()).toBe(0);
    expect(await queued()).toMatchObject([{ attempts: 1 }]);
    expect(log.join('\n')).toMatch(/not sent \(attempt 1\).*retrying in 1 s/);
    expect(log.join('\n')).not.toContain('246810');
    // Not due again before its backoff ends.
    expect(await delivery.run()).toBe(0);
    expect(await queued()).toMatchObject([{ attempts: 1 }]);

    const smtp = await smtpServer(port);
    cleanups.push(smtp.close);
    cloud.clock.now += 1_000;
    expect(await delivery.run()).toBe(1);
    const mail = await smtp.next();
    expect(mail.to).toEqual([to]);
    expect(mail.text).toContain('Your code is 246810.');
    expect(await queued()).toEqual([]);
  });

  it('sends phone codes through the development SMS-to-mail gateway, labelled as such', async () => {
    const smtp = await smtpServer();
    cleanups.push(smtp.close);
    const { delivery } = deliveryTo(smtp.port);
    await writeOutbox(cloud.deps.db, {
      channel: 'sms',
      recipient: '+447700900123',
      subject: '',
      body: 'Your code is 135790.',
      createdAt: cloud.clock.now,
    });
    expect(await delivery.run()).toBe(1);
    const mail = await smtp.next();
    expect(mail.to).toEqual(['+447700900123@sms.dev.invalid']);
    expect(mail.raw).toContain('Subject: Development SMS gateway: text message to +447700900123');
    expect(mail.text).toContain('Your code is 135790.');
  });

  it('drops a message whose code has expired instead of sending it', async () => {
    const smtp = await smtpServer();
    cleanups.push(smtp.close);
    const log: string[] = [];
    const { delivery } = deliveryTo(smtp.port, log);
    await writeOutbox(cloud.deps.db, {
      channel: 'email',
      recipient: address(),
      subject: 'Your code',
      body: 'Your code is 112233.',
      createdAt: cloud.clock.now - codeTtlMs - 1,
    });
    expect(await delivery.run()).toBe(0);
    expect(await queued()).toEqual([]);
    expect(smtp.count()).toBe(0);
    expect(log.join('\n')).toMatch(/dropped 1 undelivered message/);
  });

  it('leaves phone codes queued when no SMS sender is configured', async () => {
    const smtp = await smtpServer();
    cleanups.push(smtp.close);
    const mail = smtpMailSender({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from });
    cleanups.push(() => mail.close());
    const delivery = outboxDelivery({
      db: cloud.deps.db,
      senders: { email: mail },
      now: () => cloud.clock.now,
      log: () => {},
      maxAgeMs: codeTtlMs,
    });
    await writeOutbox(cloud.deps.db, {
      channel: 'sms',
      recipient: '+447700900124',
      subject: '',
      body: 'Your code is 445566.',
      createdAt: cloud.clock.now,
    });
    expect(await delivery.run()).toBe(0);
    expect(await queued()).toMatchObject([{ attempts: 0 }]);
  });
});
