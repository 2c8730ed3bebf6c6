import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutOutcome, Waiting } from './checkout.ts';
import type { TokenRequestResult } from './message.ts';
import type { Answer } from './poll.ts';
import { afterClose, type PopupLike, watch, watchEveryMs } from './watch.ts';

const walletOrigin = 'https://wallet.example';
const requestId = 'Rq3xQ9fYb1m0kZp8sV7tW2uA4cD6eF8gH0iJ2kL4mN6';
const nonce = 'n0nce-n0nce-n0nce-n0nce-01';
const result: TokenRequestResult = {
  type: 'TokenRequestResult',
  version: 1,
  requestId,
  outcome: 'approved',
  tokenId: 'Tk9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_aB',
  state: 'St4teSt4teSt4teSt4teSt4teSt4teSt4teSt4teSt4',
  createdAt: 1_763_780_000_000,
  keyId: 'Ky0123456789abcdefghij',
  signature: 'c2lnbmF0dXJl',
};
const detour = { type: 'tokenos:detour', version: 1, requestId, nonce };

/** A popup window as the opener sees it: cross-origin (location throws) until it reads as closed. */
class FakePopup implements PopupLike {
  closed = false;
  get location(): unknown {
    throw new DOMException('cross-origin', 'SecurityError');
  }
  close(): void {
    this.closed = true;
  }
  focus(): void {}
}

function message(source: unknown, data: unknown, origin = walletOrigin): Event {
  return Object.assign(new Event('message'), { origin, source, data });
}

/** The checkout under watch, with the page's message target and the cloud in the test's hands. */
function watching(popup: FakePopup) {
  const target = new EventTarget();
  let cloud: Answer | undefined;
  const ask = vi.fn(async () => cloud);
  const seen: Waiting[] = [];
  let outcome: CheckoutOutcome | undefined;
  void watch(popup, {
    walletOrigin,
    cloudUrl: 'https://cloud.example',
    requestId,
    nonce,
    target,
    ask,
    onWaiting: (w) => seen.push(w),
  }).then((o) => {
    outcome = o;
  });
  return {
    target,
    ask,
    seen,
    outcome: () => outcome,
    answer: (a: Answer) => {
      cloud = a;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what a popup that reads as closed means', () => {
  it('closed after the wallet was seen, no detour: the shopper closed it', () => {
    expect(afterClose({ attached: true, detour: false })).toBe('ask-once');
  });
  it('after a detour, or before the wallet was ever seen: cut off, so wait for the cloud', () => {
    expect(afterClose({ attached: true, detour: true })).toBe('keep-waiting');
    expect(afterClose({ attached: false, detour: false })).toBe('keep-waiting');
  });
});

describe('watching the wallet popup', () => {
  it('a popup the shopper closes ends the checkout within a second, after one look at the cloud', async () => {
    const popup = new FakePopup();
    const w = watching(popup);
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    expect(w.seen.at(-1)?.attached).toBe(true);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    expect(w.ask).toHaveBeenCalledTimes(1);
    expect(w.outcome()).toEqual({ status: 'cancelled', requestId, reason: 'closed' });
    expect(watchEveryMs * 2).toBeLessThan(1_000);
  });

  it('after the wallet announced a bank detour, a popup reading closed is waited for until the cloud answers', async () => {
    const popup = new FakePopup();
    const w = watching(popup);
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    w.target.dispatchEvent(message(popup, detour));
    // The bank's COOP cuts the popup off: from here it reads as closed.
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.outcome()).toBeUndefined();
    expect(w.seen.at(-1)).toMatchObject({ attached: true, severed: true });
    expect(w.ask.mock.calls.length).toBeGreaterThan(10);
    // The shopper pays in the popup; the cloud holds the signed result.
    w.answer({ result });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(w.outcome()).toEqual({ status: 'approved', requestId, tokenId: result.tokenId, result });
  });

  it('a detour notice from another origin, another window, request or nonce changes nothing', async () => {
    const popup = new FakePopup();
    const w = watching(popup);
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    for (const event of [
      message(popup, detour, 'https://hostile.example'),
      message(new FakePopup(), detour),
      message(popup, { ...detour, nonce: 'guessed-guessed-guessed-01' }),
      message(popup, { ...detour, requestId: 'A'.repeat(43) }),
      message(popup, { ...detour, extra: true }),
      message(popup, JSON.stringify(detour)),
    ])
      w.target.dispatchEvent(event);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    expect(w.outcome()).toEqual({ status: 'cancelled', requestId, reason: 'closed' });
  });

  it('a detour notice is no outcome: the result still comes only from the wallet or the cloud', async () => {
    const popup = new FakePopup();
    const w = watching(popup);
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    w.target.dispatchEvent(message(popup, { ...detour, outcome: 'approved', tokenId: result.tokenId }));
    w.target.dispatchEvent(message(popup, detour));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.outcome()).toBeUndefined();
    w.target.dispatchEvent(message(popup, { type: 'tokenos:result', version: 1, requestId, nonce, result }));
    await vi.advanceTimersByTimeAsync(0);
    expect(w.outcome()).toMatchObject({ status: 'approved', tokenId: result.tokenId });
    expect(popup.closed).toBe(true);
  });

  it('cancel ends the wait while cut off', async () => {
    const popup = new FakePopup();
    const w = watching(popup);
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    w.target.dispatchEvent(message(popup, detour));
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(5_000);
    w.seen.at(-1)?.cancel();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.outcome()).toEqual({ status: 'cancelled', requestId, reason: 'cancelled' });
  });
});

describe('"Use my phone" (issue 15 item 4)', () => {
  it('closes the wallet window, keeps waiting on the cloud alone, and settles when the phone approved', async () => {
    const popup = new FakePopup();
    const w = watching(popup);
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    const handoff = await w.seen.at(-1)?.usePhone();
    expect(popup.closed).toBe(true);
    expect(handoff?.link).toBe(`${walletOrigin}/approve?request=${requestId}&nonce=${nonce}&handoff=1`);
    expect(handoff?.code).toMatch(/^\d{4}$/);
    // A closed wallet window is no cancellation now: the shopper approves on the phone.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.outcome()).toBeUndefined();
    expect(w.ask.mock.calls.length).toBeGreaterThan(10);
    w.answer({ result });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(w.outcome()).toEqual({ status: 'approved', requestId, tokenId: result.tokenId, result });
  });

  it('a result posted with another nonce (a QR code copied into another page) is ignored', async () => {
    const popup = new FakePopup();
    const w = watching(popup);
    await vi.advanceTimersByTimeAsync(watchEveryMs);
    await w.seen.at(-1)?.usePhone();
    const other = {
      type: 'tokenos:result',
      version: 1,
      requestId,
      nonce: 'another-page-nonce-000001',
      result,
    };
    w.target.dispatchEvent(message(popup, other));
    w.target.dispatchEvent(message(null, other));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.outcome()).toBeUndefined();
  });
});
