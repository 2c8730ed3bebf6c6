// Checks that make OpenSSL's Ed25519 verification answer exactly as the protocol's noble backend
// (strict RFC 8032, `zip215: false`). OpenSSL 3.0 passes every Wycheproof ed25519 vector, but it
// decodes the public key A leniently: it takes y >= p and x = 0 with the sign bit set, which
// RFC 8032 §5.1.3 says must fail to decode, and it takes small-order keys, which noble refuses
// (a small-order key lets one signature verify for many messages). R needs no check: OpenSSL
// re-encodes the computed R and compares bytes, so a non-canonical R never matches.

const p = 2n ** 255n - 19n;
/** The order L of the base point (RFC 8032 §5.1). */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

// The y coordinates of the eight points of small order (x and -x share y and order): the identity
// (y = 1), order 2 (y = -1), order 4 (y = 0) and order 8 (±y8), as listed by libsodium.
const y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
const smallOrderY = new Set([0n, 1n, p - 1n, y8, p - y8]);

function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * A is a canonical encoding (RFC 8032 §5.1.3: y < p; the x = 0 sign-bit case only arises for
 * y = ±1, refused below) and not of small order. Points that are not on the curve at all are
 * left to OpenSSL, whose verification fails for them.
 */
export function isStrictEd25519PublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false;
  const y = littleEndian(publicKey) & ((1n << 255n) - 1n);
  return y < p && !smallOrderY.has(y);
}

/** RFC 8032 §5.1.7 step 1: S, the second half of the signature, must be below L. */
export function isCanonicalEd25519S(signature: Uint8Array): boolean {
  return signature.length === 64 && littleEndian(signature.subarray(32)) < L;
}
