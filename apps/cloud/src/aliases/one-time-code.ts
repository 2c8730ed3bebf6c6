/** Digits in an EMAIL/PHONE verification code. */
export const codeDigits = 6;

const space = 10 ** codeDigits;
// The largest multiple of 10^6 below 2^32: values at or above it are drawn again, so every code is
// equally likely (a plain `% 10^6` would favour the low codes).
const limit = Math.floor(2 ** 32 / space) * space;

/** A uniformly random zero-padded decimal code from a CSPRNG. */
export function generateCode(randomBytes: (n: number) => Uint8Array): string {
  for (;;) {
    const b = randomBytes(4);
    const value = new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
    if (value < limit) return String(value % space).padStart(codeDigits, '0');
  }
}
