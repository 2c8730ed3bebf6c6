import { createTransport } from 'nodemailer';
import type { MailConfig } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Hands a message to a mail server; resolves once the server accepted it, rejects otherwise. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Sends by SMTP to SMTP_URL (nodemailer: STARTTLS when the server offers it, smtps:// for TLS from
 * the first byte). The timeouts bound a server that accepts the connection and then says nothing,
 * so one stuck server cannot hold the delivery worker for minutes.
 */
export function smtpMailSender(config: MailConfig): MailSender {
  const transport = createTransport({
    url: config.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: config.from, ...message });
    },
    close() {
      transport.close();
    },
  };
}
