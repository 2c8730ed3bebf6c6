import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';
import { devConveniences } from './dev-conveniences.ts';

describe('configFromEnv', () => {
  it('with no environment, is the secure cloud: no development convenience, no mail server', () => {
    const config = configFromEnv({});
    expect(config.localhostDomains).toBe(false);
    expect(config.smsSender).toBe('none');
    expect(config.mail).toBeUndefined();
  });

  it('turns each convenience on only by its own variable', () => {
    const config = configFromEnv({
      DEV_LOCALHOST_DOMAINS: 'on',
      SMS_SENDER: 'mail-gateway',
      SMTP_URL: 'smtp://127.0.0.1:1025',
    });
    expect(config.localhostDomains).toBe(true);
    expect(config.smsSender).toBe('mail-gateway');
    expect(config.mail).toEqual({
      smtpUrl: 'smtp://127.0.0.1:1025',
      from: 'Token Wallet <no-reply@localhost>',
    });
    expect(configFromEnv({ DEV_LOCALHOST_DOMAINS: 'true' }).localhostDomains).toBe(false);
  });

  it('under NODE_ENV=production, refuses to start while a convenience is on, naming each', () => {
    for (const c of devConveniences) {
      expect(() => configFromEnv({ NODE_ENV: 'production', [c.env]: c.on })).toThrow(`${c.env}=${c.on}`);
    }
    expect(() =>
      configFromEnv({ NODE_ENV: 'production', DEV_LOCALHOST_DOMAINS: 'on', SMS_SENDER: 'mail-gateway' }),
    ).toThrow(/DEV_LOCALHOST_DOMAINS=on .*SMS_SENDER=mail-gateway/);
  });

  it('under NODE_ENV=production with none on, starts, sending by SMTP_URL from MAIL_FROM', () => {
    const config = configFromEnv({
      NODE_ENV: 'production',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.com',
      MAIL_FROM: 'Wallet <codes@wallet.example>',
    });
    expect(config.localhostDomains).toBe(false);
    expect(config.mail).toEqual({
      smtpUrl: 'smtps://mailer:secret@smtp.example.com',
      from: 'Wallet <codes@wallet.example>',
    });
  });

  it('refuses an SMS sender or a mail URL it does not know', () => {
    expect(() => configFromEnv({ SMS_SENDER: 'carrier-pigeon' })).toThrow(/SMS_SENDER/);
    expect(() => configFromEnv({ SMTP_URL: 'http://127.0.0.1:1080' })).toThrow(/SMTP_URL/);
  });
});
