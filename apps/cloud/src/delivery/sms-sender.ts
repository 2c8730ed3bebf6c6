import type { MailSender } from './mail-sender.ts';

export interface SmsMessage {
  /** E.164, as the PHONE alias holds it: +4915112345678. */
  to: string;
  text: string;
}

/**
 * Sends a text message to a phone. A real provider implements this and is chosen by SMS_SENDER
 * (config.ts); the only one here is the development gateway below.
 */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/** The domain the development gateway mails to: `.invalid` is reserved, never a real mailbox (RFC 2606 §2). */
export const smsGatewayDomain = 'sms.dev.invalid';

/**
 * Development convenience SMS_SENDER=mail-gateway (dev-conveniences.ts): a text to +4915... goes
 * as mail to +4915...@sms.dev.invalid, so a local mail catcher shows phone codes beside email ones.
 */
export function smsToMailGateway(mail: MailSender): SmsSender {
  return {
    send: (sms) =>
      mail.send({
        to: `${sms.to}@${smsGatewayDomain}`,
        subject: `Development SMS gateway: text message to ${sms.to}`,
        text: sms.text,
      }),
  };
}
