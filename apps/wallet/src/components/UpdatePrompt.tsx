import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Registers the service worker (registerType 'prompt') and, when a new version of the wallet is
 * waiting, asks before switching: reloading on its own could interrupt an approval.
 */
export function UpdatePrompt() {
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
    <section className="update-prompt" role="status" aria-label="Update available">
      <p>A new version of the wallet is ready.</p>
      <div className="update-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void updateServiceWorker(true)}
        >
          Update now
        </button>
        <button type="button" className="button button-secondary" onClick={() => setNeedRefresh(false)}>
          Later
        </button>
      </div>
    </section>
  );
}
