// Long polling for a token request's answer (issue 15 item 4): a desktop checkout approved on a
// phone learns the outcome within a second. A held GET wakes at once when this instance stores the
// answer; an answer stored by another instance is seen by re-reading the database every
// `recheckMs` (no LISTEN/NOTIFY: the db package has no listener connection).

/** The longest a GET .../result may be held, in seconds: below common proxy idle timeouts (30 s+). */
export const maxWaitSeconds = 25;
/** How often a held GET re-reads the database, for answers stored by another instance. */
export const recheckMs = 500;

export interface AnswerWaiters {
  /** Wakes every held GET for this request on this instance. */
  answered(requestId: string): void;
  /**
   * Resolves true as soon as `check` is true (checked at once, on a wake-up and every recheckMs),
   * false after `ms`; `signal` (the client went away) ends the wait early with false.
   */
  wait(requestId: string, ms: number, check: () => Promise<boolean>, signal?: AbortSignal): Promise<boolean>;
}

export function answerWaiters(options: { recheckMs?: number } = {}): AnswerWaiters {
  const every = options.recheckMs ?? recheckMs;
  const held = new Map<string, Set<() => void>>();
  return {
    answered(requestId) {
      for (const wake of held.get(requestId) ?? []) wake();
    },
    async wait(requestId, ms, check, signal) {
      if (await check()) return true;
      const deadline = Date.now() + ms;
      let wake: () => void = () => {};
      const wakers = held.get(requestId) ?? new Set<() => void>();
      held.set(requestId, wakers);
      const woken = (): void => wake();
      wakers.add(woken);
      try {
        while (!signal?.aborted) {
          const left = deadline - Date.now();
          if (left <= 0) return false;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(every, left));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
            signal?.addEventListener('abort', wake, { once: true });
          });
          if (await check()) return true;
        }
        return false;
      } finally {
        wakers.delete(woken);
        if (wakers.size === 0) held.delete(requestId);
      }
    },
  };
}
