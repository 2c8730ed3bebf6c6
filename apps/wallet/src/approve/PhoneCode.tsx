import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { useLocation } from '../router.ts';
import { handoffCode, isHandoff } from './handoff-code.ts';
import { phoneCodeMessages } from './PhoneCode.messages.ts';

/**
 * On a phone that opened a desktop checkout's QR code or link: the confirmation code the desktop
 * shows too, so the shopper sees this is the checkout in front of them. Nothing otherwise.
 */
export function PhoneCode({ requestId, nonce }: { requestId: string; nonce: string }) {
  const t = useT(phoneCodeMessages);
  const handoff = isHandoff(useLocation().searchParams);
  const [code, setCode] = useState<string>();
  useEffect(() => {
    if (!handoff) return;
    let live = true;
    void handoffCode(requestId, nonce).then((c) => {
      if (live) setCode(c);
    });
    return () => {
      live = false;
    };
  }, [handoff, requestId, nonce]);
  if (!handoff || code === undefined) return null;
  return (
    <section className="card phone-code" aria-labelledby="phone-code-label">
      <h2 id="phone-code-label" className="phone-code-label">
        {t('label')}
      </h2>
      <p className="phone-code-digits" data-testid="phone-code">
        {code}
      </p>
      <p className="form-hint">{t('hint')}</p>
    </section>
  );
}
