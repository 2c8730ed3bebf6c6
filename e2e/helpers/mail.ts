// One-time codes as a person reads them: from the mail the cloud sent by SMTP to the stack's mail
// catcher (maildev), through the catcher's own HTTP API. The cloud serves no code over HTTP.
import { expect } from '@playwright/test';
import { serviceUrl } from '../stack.ts';

/** The mail catcher's web inbox and API (MAIL_URL points at one started elsewhere). */
export const mailInbox = process.env.MAIL_URL ?? serviceUrl('mail');

interface CaughtMail {
  text?: string;
  to?: { address: string }[];
  time?: string;
}

/** The six-digit code in the newest mail to `address` the catcher holds, if any. */
async function newestCode(address: string): Promise<string | undefined> {
  if (!mailInbox) throw new Error('no mail catcher: the stack has no `mail` service and MAIL_URL is unset');
  const res = await fetch(`${mailInbox}/email`);
  if (!res.ok) throw new Error(`GET ${mailInbox}/email answered ${res.status}`);
  const mails = (await res.json()) as CaughtMail[];
  const wanted = address.toLowerCase();
  // maildev lists in arrival order: the last one to the address is the newest.
  const newest = mails.filter((m) => m.to?.some((t) => t.address.toLowerCase() === wanted)).at(-1);
  return /\b(\d{6})\b/.exec(newest?.text ?? '')?.[1];
}

/**
 * The code mailed to `address` (an email, or `<e164>@sms.dev.invalid` for a phone through the
 * development SMS gateway). The cloud sends after its commit, so the mail may still be on its way:
 * asks the catcher again until it is there, up to `timeoutMs`.
 */
export async function mailedCode(address: string, timeoutMs = 20_000): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        code = await newestCode(address);
        return code;
      },
      { message: `a code mailed to ${address}`, timeout: timeoutMs },
    )
    .toMatch(/^\d{6}$/);
  if (!code) throw new Error(`no code mailed to ${address}`);
  return code;
}
