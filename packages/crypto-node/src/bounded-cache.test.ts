import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
  it('evicts the least recently used entry once full, a hit counting as a use', () => {
    const cache = new BoundedCache<string, number>(2);
    let created = 0;
    const make = (v: number) => () => {
      created++;
      return v;
    };
    expect(cache.getOrCreate('a', make(1))).toBe(1);
    expect(cache.getOrCreate('b', make(2))).toBe(2);
    expect(cache.getOrCreate('a', make(99))).toBe(1); // hit: 'a' becomes the youngest
    expect(cache.getOrCreate('c', make(3))).toBe(3); // evicts 'b'
    expect(cache.size).toBe(2);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(created).toBe(3);
  });

  it('caches null results too (an invalid key is not re-imported)', () => {
    const cache = new BoundedCache<string, null>(1);
    let created = 0;
    const importKey = () => {
      created++;
      return null;
    };
    cache.getOrCreate('k', importKey);
    expect(cache.getOrCreate('k', importKey)).toBeNull();
    expect(created).toBe(1);
  });

  it('stores nothing with capacity 0 and refuses a negative or fractional capacity', () => {
    const cache = new BoundedCache<string, number>(0);
    expect(cache.getOrCreate('a', () => 1)).toBe(1);
    expect(cache.size).toBe(0);
    expect(() => new BoundedCache(-1)).toThrow(RangeError);
    expect(() => new BoundedCache(1.5)).toThrow(/integer >= 0, got 1.5/);
  });
});
