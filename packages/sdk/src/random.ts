/** Cryptographically secure random bytes from WebCrypto, present in browsers and in Node >= 19. */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}
