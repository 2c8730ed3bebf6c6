// Waiting for the wallet popup's answer. The outcome comes only from a message that passes the
// filter (the wallet's exact origin, that window, this request and nonce) or from the cloud; what
// the popup window does (navigate, leave for a bank, read as closed) decides only how long to wait.

import type { CheckoutOutcome, Waiting } from './checkout.ts';
import { type PhoneHandoff, phoneHandoff } from './handoff.ts';
import { acceptDetourMessage, acceptWalletMessage, parseWalletMessage } from './message.ts';
import { outcomeOf } from './outcome.ts';
import { type Answer, fetchAnswer, longPollSeconds } from './poll.ts';

/** The parts of the popup's WindowProxy the watch uses. */
export interface PopupLike {
  readonly closed: boolean;
  readonly location: unknown;
  close(): void;
  focus(): void;
}

export interface WatchOptions {
  walletOrigin: string;
  cloudUrl: string;
  requestId: string;
  nonce: string;
  onWaiting?: ((waiting: Waiting) => void) | undefined;
  /** Where `message` events arrive (the page's window); tests pass their own. */
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Asks the cloud for the answer; tests pass their own. */
  ask?: (cloudUrl: string, requestId: string) => Promise<Answer | undefined>;
}

/** How often the popup is looked at: a closed window is noticed well within a second. */
export const watchEveryMs = 250;
/** The same-origin channel a cut-off popup that came back by redirect hands the result over. */
export const channelName = 'tokenos-checkout';

/**
 * What a popup that reads as closed means. Closed after the wallet page was seen, with no detour
 * announced: the shopper closed it (one look at the cloud, for an answer whose message was lost,
 * then cancelled). Closed before the wallet page was ever seen (the merchant page's COOP cut the
 * opener at once), or after the wallet said it leaves for a bank (whose COOP cuts the opener, and
 * `closed` then reads true from here): the wallet still runs, so wait for the cloud.
 */
export function afterClose(seen: { attached: boolean; detour: boolean }): 'ask-once' | 'keep-waiting' {
  return seen.attached && !seen.detour ? 'ask-once' : 'keep-waiting';
}

/** The pause before the cloud is asked again: every 2 s, every 5 s after a minute. */
export function pollDelayMs(asked: number): number {
  return asked < 30 ? 2_000 : 5_000;
}

/** Asks the cloud by long polling: an answer arrives within a second of the approval. */
const longPoll = (cloudUrl: string, requestId: string): Promise<Answer | undefined> =>
  fetchAnswer(cloudUrl, requestId, undefined, longPollSeconds);

/** An ask that took this long was held by the cloud (long polling): the next goes out at once. */
const heldMs = 1_000;

/** Settles with the outcome; see afterClose for what a closed popup means. */
export function watch(popup: PopupLike, o: WatchOptions): Promise<CheckoutOutcome> {
  const { requestId, nonce } = o;
  const target = o.target ?? window;
  // One look after the shopper closed the wallet is answered at once; waiting on the cloud is held.
  const askOnce = o.ask ?? fetchAnswer;
  const askHeld = o.ask ?? longPoll;
  const expected = { walletOrigin: o.walletOrigin, requestId, nonce, source: popup };
  return new Promise((resolve) => {
    let done = false;
    let attached = false;
    let severed = false;
    let detour = false;
    let phone = false;
    let polling = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
    const finish = (outcome: CheckoutOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      target.removeEventListener('message', onMessage);
      channel?.close();
      if (!popup.closed) popup.close();
      resolve(outcome);
    };
    const onMessage = (event: Event): void => {
      const e = event as MessageEvent;
      const message = acceptWalletMessage(e, expected);
      if (message) finish(outcomeOf(message.result));
      else if (acceptDetourMessage(e, expected)) detour = true;
    };
    // Same origin only (BroadcastChannel), and still this request's nonce.
    channel?.addEventListener('message', (event: MessageEvent) => {
      const message = parseWalletMessage(event.data, { requestId, nonce });
      if (message) finish(outcomeOf(message.result));
    });
    const waiting = (): Waiting => ({
      requestId,
      attached,
      severed,
      focus: () => {
        if (popup.closed) return false;
        popup.focus();
        return true;
      },
      cancel: () => finish({ status: 'cancelled', requestId, reason: 'cancelled' }),
      usePhone: (): Promise<PhoneHandoff> => {
        // The phone answers now: the wallet window goes, and only the cloud tells the outcome.
        if (!done && !phone) {
          phone = true;
          clearTimeout(timer);
          if (!popup.closed) popup.close();
          void poll(Number.POSITIVE_INFINITY);
        }
        return phoneHandoff({ walletOrigin: o.walletOrigin, cloudUrl: o.cloudUrl, requestId, nonce });
      },
    });

    // Asks the cloud until it answers, at most `times` times.
    const poll = async (times: number): Promise<void> => {
      if (polling) return;
      polling = true;
      for (let i = 0; !done && i < times; i++) {
        const asked = Date.now();
        const answer = await (times === 1 ? askOnce : askHeld)(o.cloudUrl, requestId);
        if (done) return;
        if (answer) {
          finish(
            'result' in answer
              ? outcomeOf(answer.result)
              : { status: 'cancelled', requestId, reason: 'expired' },
          );
          return;
        }
        if (i + 1 < times && Date.now() - asked < heldMs)
          await new Promise((r) => setTimeout(r, pollDelayMs(i)));
      }
      finish({ status: 'cancelled', requestId, reason: 'closed' });
    };

    const check = (): void => {
      if (done || phone) return;
      if (!popup.closed) {
        if (!attached) {
          try {
            void (popup.location as Location).href;
          } catch {
            // Cross-origin and still open: the wallet page is loaded and we still hold its window.
            attached = true;
            o.onWaiting?.(waiting());
          }
        }
        timer = setTimeout(check, watchEveryMs);
        return;
      }
      if (afterClose({ attached, detour }) === 'ask-once') {
        void poll(1);
        return;
      }
      severed = true;
      o.onWaiting?.(waiting());
      void poll(Number.POSITIVE_INFINITY);
    };

    target.addEventListener('message', onMessage);
    o.onWaiting?.(waiting());
    timer = setTimeout(check, watchEveryMs);
  });
}
