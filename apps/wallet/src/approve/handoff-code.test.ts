import { describe, expect, it } from 'vitest';
import { handoffCode, isHandoff } from './handoff-code.ts';

describe('the confirmation code on the phone (issue 15 item 4)', () => {
  it('is the code the desktop widget shows for the same request and nonce (packages/checkout handoff.test.ts holds the same vector)', async () => {
    expect(
      await handoffCode('Rq3xQ9fYb1m0kZp8sV7tW2uA4cD6eF8gH0iJ2kL4mN6', 'n0nce-n0nce-n0nce-n0nce-01'),
    ).toBe('0169');
  });

  it('is shown only for an approval opened from a desktop checkout', () => {
    expect(isHandoff(new URLSearchParams('request=r&nonce=n&handoff=1'))).toBe(true);
    expect(isHandoff(new URLSearchParams('request=r&nonce=n'))).toBe(false);
  });
});
