import { useRegisterSW } from 'virtual:pwa-register/react';
import { useT } from '../i18n/use-t.ts';
import { updatePromptMessages } from './UpdatePrompt.messages.ts';

/**
 * Registers the service worker (registerType 'prompt') and, when a new version of the wallet is
 * waiting, asks before switching: reloading on its own could interrupt an approval.
 */
export function UpdatePrompt() {
  const t = useT(updatePromptMessages);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError(error: unknown) {
      console.error('The wallet could not install its offline support', error);
    },
  });
  if (!needRefresh) return null;
  return (
    <section className="update-prompt" role="status" aria-label={t('label')}>
      <p>{t('text')}</p>
      <div className="update-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void updateServiceWorker(true)}
        >
          {t('update')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setNeedRefresh(false)}>
          {t('later')}
        </button>
      </div>
    </section>
  );
}
