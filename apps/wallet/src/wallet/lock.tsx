import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

/** Locked after this long without a touch, a click or a key press (the data stays hidden until a passkey). */
export const lockAfterMs = 5 * 60_000;
const lastActiveKey = 'token-wallet:last-active';
const checkEveryMs = 10_000;
const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

function lastActive(): number | undefined {
  try {
    const value = Number(localStorage.getItem(lastActiveKey));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

function markActive(now: number): void {
  try {
    localStorage.setItem(lastActiveKey, String(now));
  } catch {
    // Storage refused (private mode quota): the lock then works within this page only.
  }
}

/** Idle for longer than the limit, counting activity in every tab of the wallet (shared storage). */
export function idleTooLong(now: number, last: number | undefined): boolean {
  return last !== undefined && now - last > lockAfterMs;
}

interface LockValue {
  locked: boolean;
  unlock: () => void;
  lockNow: () => void;
}

const LockContext = createContext<LockValue>({ locked: false, unlock: () => {}, lockNow: () => {} });

/**
 * Locks the wallet after inactivity. Only enabled once the wallet has a passkey to unlock with;
 * `onLock` drops whatever data the page holds, so nothing is shown again before the passkey.
 */
export function LockProvider({
  enabled,
  onLock,
  children,
}: {
  enabled: boolean;
  onLock: () => void;
  children: ReactNode;
}) {
  const [locked, setLocked] = useState(false);
  // Until the first check ran, an idle wallet counts as locked: nothing shows, nothing is fetched.
  const [checked, setChecked] = useState(false);

  const lockNow = useCallback(() => {
    setLocked(true);
    onLock();
  }, [onLock]);

  useEffect(() => {
    if (!enabled) {
      setLocked(false);
      return;
    }
    if (idleTooLong(Date.now(), lastActive())) lockNow();
    else if (lastActive() === undefined) markActive(Date.now());
    setChecked(true);
  }, [enabled, lockNow]);

  useEffect(() => {
    if (!enabled || locked) return;
    let lastWrite = 0;
    const onActivity = (): void => {
      const now = Date.now();
      // Storage writes at most every two seconds; the limit is minutes.
      if (now - lastWrite > 2_000) {
        lastWrite = now;
        markActive(now);
      }
    };
    const check = (): void => {
      if (idleTooLong(Date.now(), lastActive())) lockNow();
    };
    for (const name of activityEvents) window.addEventListener(name, onActivity, { passive: true });
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, checkEveryMs);
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, onActivity);
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [enabled, locked, lockNow]);

  const unlock = useCallback(() => {
    markActive(Date.now());
    setLocked(false);
  }, []);

  const shut = enabled && (locked || (!checked && idleTooLong(Date.now(), lastActive())));
  const value = useMemo(() => ({ locked: shut, unlock, lockNow }), [shut, unlock, lockNow]);
  return <LockContext.Provider value={value}>{children}</LockContext.Provider>;
}

export function useLock(): LockValue {
  return useContext(LockContext);
}
