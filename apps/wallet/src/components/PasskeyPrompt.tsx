import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';
import { passkeyPromptMessages } from './PasskeyPrompt.messages.ts';

/**
 * What the passkey is about to confirm, shown right above the browser's prompt: the platform
 * prompt names the site but not the amount or the payee (PSD2 RTS Art. 5: the payer sees both).
 */
export function PasskeyPrompt({ children, onCancel }: { children: ReactNode; onCancel?: () => void }) {
  const t = useT(passkeyPromptMessages);
  return (
    <div className="passkey-prompt" role="status" aria-live="assertive">
      <span className="spinner" aria-hidden="true" />
      <div className="passkey-prompt-body">
        <p className="notice-title">{t('title')}</p>
        {children}
        {onCancel ? (
          <button type="button" className="link-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
