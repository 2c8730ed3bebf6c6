import { describe, expect, it } from 'vitest';
import { isNonce } from './message.ts';
import { base64url, newNonce } from './nonce.ts';

describe('nonce', () => {
  it('is 32 CSPRNG bytes as 43 base64url characters, a shape the wallet echoes', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isNonce(a)).toBe(true);
    expect(newNonce()).not.toBe(a);
  });

  it('comes from the random source it is given', () => {
    expect(newNonce((b) => b.fill(0xff))).toBe(`${'_'.repeat(42)}8`);
  });

  it('base64url has no padding and the URL-safe alphabet', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([]))).toBe('');
  });
});
