// The confirmation code of a checkout handed from a desktop to this phone (issue 15 item 4): the
// desktop's widget shows the same four digits (packages/checkout/src/handoff.ts computes them alike).

/** Four decimal digits from SHA-256(`<requestId>.<nonce>`): the first four bytes, big-endian, modulo 10 000. */
export async function handoffCode(requestId: string, nonce: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${requestId}.${nonce}`));
  return String(new DataView(digest).getUint32(0) % 10_000).padStart(4, '0');
}

/** Was this approval opened from a desktop checkout's QR code or link (`&handoff=1`)? */
export function isHandoff(searchParams: URLSearchParams): boolean {
  return searchParams.get('handoff') === '1';
}
