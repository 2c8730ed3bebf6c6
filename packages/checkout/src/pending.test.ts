import { describe, expect, it } from 'vitest';
import {
  listPending,
  loadPending,
  type Pending,
  pendingMaxAgeMs,
  removePending,
  savePending,
} from './pending.ts';

class MemoryStorage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.#items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.#items.set(k, v);
  }
  removeItem(k: string) {
    this.#items.delete(k);
  }
}

const pending = (requestId: string, createdAt: number): Pending => ({
  requestId,
  nonce: 'n0nce-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk',
  walletOrigin: 'http://localhost:5173',
  cloudUrl: 'http://localhost:4000',
  createdAt,
});

describe('pending redirects', () => {
  it('are kept per request until removed', () => {
    const s = new MemoryStorage();
    const a = pending('A'.repeat(43), 1000);
    savePending(s, a);
    expect(loadPending(s, a.requestId)).toEqual(a);
    expect(loadPending(s, 'B'.repeat(43))).toBeUndefined();
    removePending(s, a.requestId);
    expect(loadPending(s, a.requestId)).toBeUndefined();
  });

  it('old, damaged or foreign entries are dropped; other keys are left alone', () => {
    const s = new MemoryStorage();
    const now = 10 * pendingMaxAgeMs;
    savePending(s, pending('A'.repeat(43), now - 1000));
    savePending(s, pending('B'.repeat(43), now - pendingMaxAgeMs - 1));
    s.setItem(`tokenos-checkout:${'C'.repeat(43)}`, '{"requestId":1');
    s.setItem(
      `tokenos-checkout:${'D'.repeat(43)}`,
      JSON.stringify({ ...pending('D'.repeat(43), now), walletOrigin: 'http://evil.example/path' }),
    );
    s.setItem('cart', '3 items');
    expect(listPending(s, now).map((p) => p.requestId)).toEqual(['A'.repeat(43)]);
    expect(s.length).toBe(2);
    expect(s.getItem('cart')).toBe('3 items');
  });

  it('a malformed request id is never looked up', () => {
    const s = new MemoryStorage();
    s.setItem('tokenos-checkout:../x', JSON.stringify(pending('A'.repeat(43), 1)));
    expect(loadPending(s, '../x')).toBeUndefined();
  });
});
