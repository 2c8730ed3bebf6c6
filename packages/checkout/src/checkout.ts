import { type CheckoutConfig, resolveConfig } from './config.ts';
import { popupFeatures, redirectReason } from './environment.ts';
import { CheckoutError } from './errors.ts';
import type { PhoneHandoff } from './handoff.ts';
import {
  isRequestId,
  parseWalletMessage,
  readResultFragment,
  resultFragmentKey,
  type TokenRequestResult,
  withoutResultFragment,
} from './message.ts';
import { newNonce } from './nonce.ts';
import { outcomeOf } from './outcome.ts';
import { listPending, loadPending, type PendingStorage, removePending, savePending } from './pending.ts';
import { fetchAnswer } from './poll.ts';
import { channelName, watch } from './watch.ts';

/** What reaches onApprove: the merchant's backend verifies `result` (signature, CSRF state) before trusting it. */
export interface Approval {
  requestId: string;
  tokenId: string;
  result: TokenRequestResult;
}

/**
 * Why a checkout ended without approval: the shopper declined in the wallet (a signed result comes
 * with it), closed the wallet window, pressed Cancel on the merchant page, or the request expired.
 */
export interface Cancellation {
  requestId: string;
  reason: 'declined' | 'closed' | 'cancelled' | 'expired';
  result?: TokenRequestResult;
}

export type CheckoutOutcome = ({ status: 'approved' } & Approval) | ({ status: 'cancelled' } & Cancellation);

/** A request id, a promise of one, or a function that asks the merchant's backend for one. */
export type RequestSource = string | PromiseLike<string> | (() => string | PromiseLike<string>);

/** While the wallet window is open: what the page can do about it. */
export interface Waiting {
  requestId: string;
  /** The wallet page is loaded in the popup and the checkout still holds its window. */
  attached: boolean;
  /** The popup's opener was cut (the merchant page has COOP same-origin): the outcome comes by polling the cloud. */
  severed: boolean;
  /** Brings the wallet window to the front; false when it cannot. */
  focus(): boolean;
  /** Closes the wallet window and ends the checkout as cancelled. */
  cancel(): void;
  /**
   * "Use my phone": closes the wallet window and waits for the cloud alone; resolves to the link,
   * QR image and confirmation code to show (the phone's wallet shows the same code).
   */
  usePhone(): Promise<PhoneHandoff>;
}

export interface OpenOptions extends Partial<CheckoutConfig> {
  /** 'auto' (default): a popup, or a redirect where popups are blocked, on small screens and in in-app browsers. */
  mode?: 'auto' | 'popup' | 'redirect';
  /** The checkout is waiting for the wallet (popup path); called again once the wallet page is seen, or the opener was cut. */
  onWaiting?: (waiting: Waiting) => void;
  /** The page is about to leave for the wallet (redirect path); the outcome arrives through resume() on return. */
  onRedirect?: () => void;
  /** Text shown in the blank popup while the request is being created. */
  openingText?: string;
}

/**
 * A popup whose opener was cut (COOP) may come back to the merchant's origin by the redirect path.
 * Marked in its own sessionStorage while still about:blank, it recognises itself there, hands the
 * message to the page that opened it over a same-origin BroadcastChannel, and closes.
 */
const popupMarkerKey = 'tokenos-checkout:popup';

let active = false;

function sessionStore(): PendingStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function approveUrl(walletOrigin: string, requestId: string, nonce: string): string {
  return `${walletOrigin}/approve?request=${encodeURIComponent(requestId)}&nonce=${encodeURIComponent(nonce)}`;
}

/** The blank popup says what is happening while the merchant's backend creates the request. */
function showOpening(popup: Window, text: string): void {
  try {
    const doc = popup.document;
    doc.title = text;
    const p = doc.createElement('p');
    p.textContent = text;
    p.style.font = '1rem/1.5 system-ui, sans-serif';
    p.style.margin = '2rem';
    doc.body.append(p);
  } catch {
    // Not reachable (some browsers isolate the new window at once): it simply stays blank.
  }
}

async function requestIdFrom(source: RequestSource): Promise<string> {
  let value: unknown;
  try {
    value = await (typeof source === 'function' ? source() : source);
  } catch (cause) {
    throw new CheckoutError('CreateRequestFailed', 'createRequest failed', { cause });
  }
  if (!isRequestId(value))
    throw new CheckoutError(
      'CreateRequestFailed',
      `createRequest must resolve to the token request id (43 base64url characters), got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : typeof value}`,
    );
  return value;
}

/**
 * Opens the wallet's approval page for a token request and settles with the outcome. Call it from
 * a click handler: the popup is opened synchronously, before `source` is awaited, so popup
 * blockers allow it; where there is no popup the page redirects to the wallet instead and the
 * promise never settles (resume() reports the outcome on return).
 */
export function open(source: RequestSource, options: OpenOptions = {}): Promise<CheckoutOutcome> {
  let config: CheckoutConfig;
  let nonce: string;
  try {
    config = resolveConfig(options);
    if (active) throw new CheckoutError('Busy', 'a checkout is already open in this page');
    nonce = newNonce();
  } catch (e) {
    return Promise.reject(
      e instanceof CheckoutError
        ? e
        : new CheckoutError('Unsupported', 'no crypto.getRandomValues', { cause: e }),
    );
  }
  const mode = options.mode ?? 'auto';
  const wantsRedirect =
    mode === 'redirect' ||
    (mode === 'auto' &&
      redirectReason({
        viewportWidth: window.innerWidth,
        screenWidth: window.screen.width,
        userAgent: navigator.userAgent,
      }) !== undefined);
  let popup: Window | null = null;
  if (!wantsRedirect) {
    // Synchronously, inside the click's user activation; the wallet URL follows once the request exists.
    popup = window.open('about:blank', `tokenos-${nonce.slice(0, 12)}`, popupFeatures(window));
    // A blocker answers null, or with a window that is already closed.
    if (popup?.closed) popup = null;
    if (popup) showOpening(popup, options.openingText ?? '…');
  }
  active = true;
  return (async () => {
    let requestId: string;
    try {
      requestId = await requestIdFrom(source);
    } catch (e) {
      popup?.close();
      active = false;
      throw e;
    }
    const url = approveUrl(config.walletOrigin, requestId, nonce);
    if (!popup) {
      active = false;
      return redirect(config, requestId, nonce, url, options);
    }
    try {
      try {
        popup.sessionStorage.setItem(popupMarkerKey, JSON.stringify({ requestId, nonce }));
      } catch {
        // No storage there: a cut-off popup then just stays open; the cloud still tells the outcome.
      }
      popup.location.replace(url);
      return await watch(popup, { ...config, requestId, nonce, onWaiting: options.onWaiting });
    } finally {
      active = false;
    }
  })();
}

function redirect(
  config: CheckoutConfig,
  requestId: string,
  nonce: string,
  url: string,
  options: OpenOptions,
): Promise<CheckoutOutcome> {
  const storage = sessionStore();
  if (!storage) throw new CheckoutError('Unsupported', 'the redirect path needs sessionStorage');
  savePending(storage, { requestId, nonce, ...config, createdAt: Date.now() });
  options.onRedirect?.();
  return new Promise((resolve) => {
    // Back from the wallet through the back/forward cache: this page was never unloaded, so it asks
    // the cloud itself rather than wait for a resume() that will not run.
    const onShow = async (event: PageTransitionEvent): Promise<void> => {
      if (!event.persisted) return;
      window.removeEventListener('pageshow', onShow);
      const answer = await fetchAnswer(config.cloudUrl, requestId);
      if (answer) removePending(storage, requestId);
      resolve(
        answer && 'result' in answer
          ? outcomeOf(answer.result)
          : { status: 'cancelled', requestId, reason: answer ? 'expired' : 'closed' },
      );
    };
    window.addEventListener('pageshow', onShow);
    window.location.assign(url);
  });
}

/** In a cut-off popup that came back by redirect: pass the message to the opening page and close. */
function returnedPopup(storage: PendingStorage, data: unknown): boolean {
  let marker: unknown;
  try {
    marker = JSON.parse(storage.getItem(popupMarkerKey) ?? 'null');
  } catch {
    return false;
  }
  if (typeof marker !== 'object' || marker === null) return false;
  const { requestId, nonce } = marker as Record<string, unknown>;
  if (typeof requestId !== 'string' || typeof nonce !== 'string') return false;
  const message = parseWalletMessage(data, { requestId, nonce });
  if (!message || typeof BroadcastChannel !== 'function') return false;
  storage.removeItem(popupMarkerKey);
  const channel = new BroadcastChannel(channelName);
  channel.postMessage(message);
  channel.close();
  window.close();
  return true;
}

/**
 * Run by the script-tag build on every page it is loaded in: a wallet popup cut off from its
 * opener that came back by redirect hands the result to the opening page and closes, even on a
 * page with no button (the shop's cart, emptied meanwhile because the opening page already
 * learned the outcome from the cloud). Nothing else is read or cleared.
 */
export function handOverReturnedPopup(): boolean {
  if (!new URLSearchParams(window.location.hash.slice(1)).has(resultFragmentKey)) return false;
  const storage = sessionStore();
  return storage ? returnedPopup(storage, readResultFragment(window.location.hash)) : false;
}

let resumed: Promise<CheckoutOutcome | undefined> | undefined;
let claimed = false;

async function resumeOnce(): Promise<CheckoutOutcome | undefined> {
  const storage = sessionStore();
  const hash = window.location.hash;
  const data = readResultFragment(hash);
  if (new URLSearchParams(hash.slice(1)).has(resultFragmentKey)) {
    // Cleared at once, valid or not, so it is neither bookmarked nor shared nor read twice.
    const { pathname, search } = window.location;
    history.replaceState(history.state, '', pathname + search + withoutResultFragment(hash));
  }
  if (!storage) return undefined;
  if (returnedPopup(storage, data)) return undefined;
  if (
    typeof data === 'object' &&
    data !== null &&
    'requestId' in data &&
    typeof data.requestId === 'string'
  ) {
    const pending = loadPending(storage, data.requestId);
    const message = pending && parseWalletMessage(data, pending);
    if (pending && message) {
      removePending(storage, pending.requestId);
      return outcomeOf(message.result);
    }
  }
  // No valid fragment: a checkout that left by redirect may have been answered all the same (the
  // shopper came back by the back button, or the wallet could not redirect): the cloud knows.
  for (const pending of listPending(storage, Date.now())) {
    const answer = await fetchAnswer(pending.cloudUrl, pending.requestId);
    if (!answer) continue;
    removePending(storage, pending.requestId);
    return 'result' in answer
      ? outcomeOf(answer.result)
      : { status: 'cancelled', requestId: pending.requestId, reason: 'expired' };
  }
  return undefined;
}

/**
 * On return from the wallet by redirect: reads `#tokenos-result` (and clears it), accepts it only
 * for a request this tab opened and with its nonce, and settles with the outcome; undefined when
 * there is none. The outcome is handed out once per page load: a second call gets undefined.
 */
export async function resume(): Promise<CheckoutOutcome | undefined> {
  resumed ??= resumeOnce().catch(() => undefined);
  const outcome = await resumed;
  if (!outcome || claimed) return undefined;
  claimed = true;
  return outcome;
}

/** Can a checkout run here: configured, with a CSPRNG and fetch. Cheap; no network. */
export function isAvailable(options: Partial<CheckoutConfig> = {}): boolean {
  try {
    resolveConfig(options);
  } catch {
    return false;
  }
  return (
    typeof window !== 'undefined' &&
    typeof crypto !== 'undefined' &&
    typeof crypto.getRandomValues === 'function' &&
    typeof fetch === 'function'
  );
}
