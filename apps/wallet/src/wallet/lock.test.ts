import { describe, expect, it } from 'vitest';
import { idleTooLong, lockAfterMs } from './lock.tsx';

describe('the inactivity lock', () => {
  it('locks only after the limit, and never without a recorded activity', () => {
    const now = 1_700_000_000_000;
    expect(idleTooLong(now, now - lockAfterMs)).toBe(false);
    expect(idleTooLong(now, now - lockAfterMs - 1)).toBe(true);
    expect(idleTooLong(now, undefined)).toBe(false);
  });
});
