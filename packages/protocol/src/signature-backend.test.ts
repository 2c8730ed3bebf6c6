import { afterEach, describe, expect, it } from 'vitest';
import type { SignatureBackend } from './signature.ts';
import { getSignatureBackend, setSignatureBackend } from './signature-backend.ts';
import { nobleBackend } from './signature-noble.ts';

describe('default signature backend', () => {
  afterEach(() => {
    setSignatureBackend(nobleBackend);
  });

  it('is noble until a server swaps it, and setting returns the previous one', () => {
    expect(getSignatureBackend()).toBe(nobleBackend);
    const other: SignatureBackend = { ...nobleBackend, name: 'other' };
    expect(setSignatureBackend(other)).toBe(nobleBackend);
    expect(getSignatureBackend()).toBe(other);
    expect(setSignatureBackend(nobleBackend)).toBe(other);
  });
});
