/**
 * The s integer of a DER ECDSA-Sig-Value (RFC 3279 §2.2.3: SEQUENCE { r INTEGER, s INTEGER }), or
 * undefined if the bytes are not exactly that. Only read after OpenSSL has accepted the
 * signature, which already refuses BER and trailing data, to apply the low-S rule to it; it is
 * strict on its own all the same (definite short lengths, nothing left over).
 */
export function derSignatureS(der: Uint8Array): Uint8Array | undefined {
  // P-256 signatures are at most 72 bytes, so every length here is in the short form (< 0x80).
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const r = readInteger(der, 2);
  if (r === undefined) return undefined;
  const s = readInteger(der, r.end);
  if (s === undefined || s.end !== der.length) return undefined;
  return s.value;
}

function readInteger(der: Uint8Array, at: number): { value: Uint8Array; end: number } | undefined {
  const length = der[at + 1];
  if (der[at] !== 0x02 || length === undefined || length === 0 || length >= 0x80) return undefined;
  const end = at + 2 + length;
  if (end > der.length) return undefined;
  return { value: der.subarray(at + 2, end), end };
}
