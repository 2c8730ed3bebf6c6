import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';
import { emailFieldsMessages } from './email-fields.messages.ts';

/** The email address a code is sent to. */
export function EmailField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

/** "Send code", on while the address looks like one; other buttons beside it. */
export function SendCodeActions({
  busy,
  address,
  children,
}: {
  busy: boolean;
  address: string;
  children?: ReactNode;
}) {
  const t = useT(emailFieldsMessages);
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={busy || !address.includes('@')}>
        {busy ? t('sending') : t('send')}
      </button>
      {children}
    </div>
  );
}

/** The 6-digit code from the email: digits only, and the browser may fill it from the message. */
export function CodeField({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  const t = useT(emailFieldsMessages);
  return (
    <>
      <label htmlFor={id}>{t('code')}</label>
      <input
        id={id}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
        aria-describedby={describedBy}
      />
    </>
  );
}
