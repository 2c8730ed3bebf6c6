/**
 * Short codes a person types from one screen into another: no 0/O, 1/I/L, 5/S or 2/Z, so a
 * misread letter is simply not in the alphabet. 8 of 27 symbols is about 2^38 codes, against at most a
 * few live pairings and a rate-limited lookup.
 */
export const codeAlphabet = '346789ABCDEFGHJKMNPQRTUVWXY' as const;
export const codeLength = 8;

export function generatePairingCode(randomBytes: (n: number) => Uint8Array): string {
  let out = '';
  // Rejection sampling: 256 is not a multiple of the alphabet's size, so high bytes are dropped.
  const limit = 256 - (256 % codeAlphabet.length);
  while (out.length < codeLength)
    for (const b of randomBytes(codeLength * 2))
      if (b < limit && out.length < codeLength) out += codeAlphabet[b % codeAlphabet.length];
  return out;
}

/** What a person typed, made comparable: upper case, spaces and dashes dropped. */
export function normalizePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
