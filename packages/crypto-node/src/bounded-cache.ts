/**
 * A least-recently-used map with a fixed capacity. Importing a public key into OpenSSL costs more
 * than verifying with it, so the node backend keeps imported keys here; the bound keeps a flood of
 * distinct (possibly hostile) keys from growing memory without limit.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`capacity must be an integer >= 0, got ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Returns the cached value (marking it most recently used), or computes, stores and returns it. */
  getOrCreate(key: K, create: () => V): V {
    if (this.#entries.has(key)) {
      const value = this.#entries.get(key) as V;
      // Map iterates in insertion order: re-inserting moves the entry to the young end.
      this.#entries.delete(key);
      this.#entries.set(key, value);
      return value;
    }
    const value = create();
    if (this.capacity === 0) return value;
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }
}
