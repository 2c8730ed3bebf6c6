/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

type Random = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

/**
 * A fresh per-checkout nonce: 32 random bytes from the platform CSPRNG (43 base64url characters).
 * The wallet echoes it; a message without it is not for this checkout.
 */
export function newNonce(random: Random = (b) => crypto.getRandomValues(b)): string {
  return base64url(random(new Uint8Array(32)));
}
