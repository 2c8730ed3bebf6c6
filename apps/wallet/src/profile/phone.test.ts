import { describe, expect, it } from 'vitest';
import { defaultRegion, toE164 } from './phone.ts';

describe('phone numbers', () => {
  it('read a number as people write it, in their own country or with its code', async () => {
    expect(await toE164('0151 23456789', 'DE')).toBe('+4915123456789');
    expect(await toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(await toE164('(0)20 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('refuse what is no phone number', async () => {
    expect(await toE164('0176 1234', 'DE')).toBeUndefined();
    expect(await toE164('call me', 'DE')).toBeUndefined();
    expect(await toE164('0151 23456789')).toBeUndefined();
  });

  it('take the country from the browser’s languages', () => {
    expect(defaultRegion(['de-DE', 'en'])).toBe('DE');
    expect(defaultRegion(['fr'])).toBe('FR');
    expect(defaultRegion([])).toBeUndefined();
  });
});
