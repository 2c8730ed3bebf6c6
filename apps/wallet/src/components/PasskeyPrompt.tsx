import type { ReactNode } from 'react';

/**
 * What the passkey is about to confirm, shown right above the browser's prompt: the platform
 * prompt names the site but not the amount or the payee (PSD2 RTS Art. 5: the payer sees both).
 */
export function PasskeyPrompt({ children, onCancel }: { children: ReactNode; onCancel?: () => void }) {
  return (
    <div className="passkey-prompt" role="status" aria-live="assertive">
      <span className="spinner" aria-hidden="true" />
      <div className="passkey-prompt-body">
        <p className="notice-title">Confirm with your passkey</p>
        {children}
        {onCancel ? (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </div>
  );
}
