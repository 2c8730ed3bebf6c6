import { useState } from 'react';

/** One action at a time: busy while it runs, its failure kept (and logged) until the next run. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      console.error(e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
