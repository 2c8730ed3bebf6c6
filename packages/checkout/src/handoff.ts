// "Use my phone" (issue 15 item 4): the desktop checkout hands its request to the shopper's phone.
// The phone opens the wallet's approval link for the same request and nonce (from a QR code the
// cloud draws, or the link itself); the approval goes through as usual and this page learns the
// outcome from the cloud, never from the phone. Both screens show a short confirmation code
// derived from the request and the nonce, so the shopper sees the phone holds this checkout.

/** What the widget shows for the phone. */
export interface PhoneHandoff {
  /** The wallet's approval link for this request (what the QR code holds). */
  link: string;
  /** The cloud's SVG image of that link as a QR code; fetched only when shown. */
  qrImage: string;
  /** Four digits, the same on the phone (the wallet derives them from the link). */
  code: string;
}

export function phoneLink(walletOrigin: string, requestId: string, nonce: string): string {
  return `${walletOrigin}/approve?request=${encodeURIComponent(requestId)}&nonce=${encodeURIComponent(nonce)}&handoff=1`;
}

export function qrImageUrl(cloudUrl: string, walletOrigin: string, requestId: string, nonce: string): string {
  return `${cloudUrl}/api/v1/token-requests/${encodeURIComponent(requestId)}/qr?nonce=${encodeURIComponent(nonce)}&wallet=${encodeURIComponent(walletOrigin)}`;
}

/**
 * Four decimal digits from SHA-256(`<requestId>.<nonce>`): the first four bytes, big-endian,
 * modulo 10 000. The wallet computes the same (apps/wallet/src/approve/handoff-code.ts).
 */
export async function confirmationCode(requestId: string, nonce: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${requestId}.${nonce}`)),
  );
  const n = new DataView(digest.buffer).getUint32(0);
  return String(n % 10_000).padStart(4, '0');
}

export async function phoneHandoff(o: {
  walletOrigin: string;
  cloudUrl: string;
  requestId: string;
  nonce: string;
}): Promise<PhoneHandoff> {
  return {
    link: phoneLink(o.walletOrigin, o.requestId, o.nonce),
    qrImage: qrImageUrl(o.cloudUrl, o.walletOrigin, o.requestId, o.nonce),
    code: await confirmationCode(o.requestId, o.nonce),
  };
}
