import { useT } from '../i18n/use-t.ts';
import { confirmMessages } from './Confirm.messages.ts';

/** An inline "are you sure?" for an action that cannot be undone; the question is the group's name. */
export function Confirm({
  question,
  confirmLabel,
  busyLabel,
  busy,
  onConfirm,
  onCancel,
  cancelLabel,
}: {
  question: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  cancelLabel?: string;
}) {
  const t = useT(confirmMessages);
  return (
    <fieldset className="confirm">
      <legend>{question}</legend>
      <div className="confirm-actions">
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {cancelLabel ?? t('keepIt')}
        </button>
      </div>
    </fieldset>
  );
}
