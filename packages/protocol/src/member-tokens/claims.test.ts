import { describe, expect, it } from 'vitest';
import { oinSchema } from './claims.ts';

describe('OIN', () => {
  it('accepts a decimal below 2^64 and refuses the rest without throwing', () => {
    expect(oinSchema.safeParse('666666').success).toBe(true);
    expect(oinSchema.safeParse('18446744073709551615').success).toBe(true);
    expect(oinSchema.safeParse('18446744073709551616').success).toBe(false);
    // Found by the JWT bit-flip property: a flipped character used to reach BigInt() and throw
    // a SyntaxError instead of a schema issue.
    for (const bad of ['>66666', '66 666', '0x1f', '', '-1', '06'])
      expect(oinSchema.safeParse(bad).success, bad).toBe(false);
  });
});
