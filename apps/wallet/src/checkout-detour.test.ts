import { describe, expect, it } from 'vitest';
import { inCheckout } from './checkout-detour.ts';

const approval = '/approve?request=R&nonce=N';

describe('the screens of a checkout detour (no wallet navigation there)', () => {
  it('are the approval and the setup and bank steps that lead back to it', () => {
    expect(inCheckout('/approve', null)).toBe(true);
    expect(inCheckout('/setup', approval)).toBe(true);
    expect(inCheckout('/link/', approval)).toBe(true);
  });
  it('are not the same screens on their own, nor a next that leaves the wallet', () => {
    expect(inCheckout('/setup', null)).toBe(false);
    expect(inCheckout('/link', '/activity')).toBe(false);
    expect(inCheckout('/link', 'https://evil.example/approve?request=R')).toBe(false);
    expect(inCheckout('/link', '//evil.example/approve?x')).toBe(false);
    // Back from the bank with no mark in this tab (node has no sessionStorage): the usual screen.
    expect(inCheckout('/linked', null)).toBe(false);
  });
});
