/** Cryptographically secure random bytes from WebCrypto, present in browsers and in Node >= 19. */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/**
 * A fresh Idempotency-Key for one logical operation: a random UUID (WebCrypto's randomUUID, only
 * in secure contexts in a browser; elsewhere 128 random bits in hex).
 */
export function newIdempotencyKey(): string {
  const webCrypto = globalThis.crypto as Crypto & { randomUUID?: () => string };
  if (typeof webCrypto.randomUUID === 'function') return webCrypto.randomUUID();
  let text = '';
  for (const byte of randomBytes(16)) text += byte.toString(16).padStart(2, '0');
  return text;
}
