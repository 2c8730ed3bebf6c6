// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { button } from './button.ts';
import type { TokenRequestResult } from './message.ts';

const walletOrigin = 'https://wallet.example';
const cloudUrl = 'https://cloud.example';
const requestId = 'Rq3xQ9fYb1m0kZp8sV7tW2uA4cD6eF8gH0iJ2kL4mN6';
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

/** The wallet window the button opens: a blank page, then the wallet's (replace is recorded). */
function fakePopup() {
  const popup = {
    closed: false,
    opened: '',
    sessionStorage: new Map<string, string>(),
    location: {
      replace(url: string) {
        popup.opened = url;
      },
    },
    close() {
      popup.closed = true;
    },
    focus() {},
  };
  return popup;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('"Use my phone" in the button (issue 15 item 4)', () => {
  it('shows the QR code (fetched only then), the link and the code, and settles from the cloud', async () => {
    const popup = fakePopup();
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    // The cloud holds the long poll until the phone approved.
    let approve: () => void = () => {};
    const approved = new Promise<void>((resolve) => {
      approve = resolve;
    });
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        asked.push(url);
        if (url.includes('/result?wait=')) {
          await approved;
          return new Response(JSON.stringify(result), { status: 200 });
        }
        return new Response(JSON.stringify({ status: 'pending' }), { status: 200 });
      }),
    );
    const onApprove = vi.fn();
    const host = document.createElement('div');
    document.body.append(host);
    const b = button(host, {
      walletOrigin,
      cloudUrl,
      locale: 'en',
      resume: false,
      mode: 'popup',
      createRequest: () => requestId,
      onApprove,
    });
    const root = b.element.shadowRoot;
    if (!root) throw new Error('no shadow root');
    const byText = (text: string) =>
      [...root.querySelectorAll('button')].find((e) => e.textContent === text) as HTMLButtonElement;
    b.click();
    await vi.waitFor(() =>
      expect(popup.opened).toMatch(`${walletOrigin}/approve?request=${requestId}&nonce=`),
    );
    const nonce = new URL(popup.opened).searchParams.get('nonce') ?? '';
    await vi.waitFor(() => expect(byText('Use my phone').hidden).toBe(false));
    // Nothing of the QR code is on the page before the shopper asks for it.
    expect(root.querySelector('img')).toBeNull();

    byText('Use my phone').click();
    await vi.waitFor(() => expect(root.querySelector('img')).not.toBeNull());
    expect(popup.closed).toBe(true);
    const img = root.querySelector('img') as HTMLImageElement;
    expect(img.alt).toBe('QR code that opens this payment on your phone');
    expect(img.getAttribute('src')).toBe(
      `${cloudUrl}/api/v1/token-requests/${requestId}/qr?nonce=${nonce}&wallet=${encodeURIComponent(walletOrigin)}`,
    );
    const link = root.querySelector('a') as HTMLAnchorElement;
    const expected = `${walletOrigin}/approve?request=${requestId}&nonce=${nonce}&handoff=1`;
    expect(link.getAttribute('href')).toBe(expected);
    expect(link.textContent).toBe(expected);
    expect(root.textContent).toMatch(/Check that your phone shows the code \d{4}\./);
    expect(byText('Use my phone').hidden).toBe(true);

    // Approved on the phone: the long poll brings the result.
    approve();
    await vi.waitFor(() =>
      expect(onApprove).toHaveBeenCalledWith({ requestId, tokenId: result.tokenId, result }),
    );
    expect(asked.some((u) => u === `${cloudUrl}/api/v1/token-requests/${requestId}/result?wait=20`)).toBe(
      true,
    );
    expect(root.querySelector('img')).toBeNull();
  });
});
