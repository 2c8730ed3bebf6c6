import { describe, expect, it } from 'vitest';
import { SessionStore, type StoredSession } from './session-store.ts';

interface Cart extends StoredSession {
  items: string[];
}
const carts = (o?: { idleMs?: number; maxSessions?: number }) =>
  new SessionStore<Cart>((base) => ({ ...base, items: [] }), o);

describe('SessionStore', () => {
  it('creates sessions with the site’s fields and an unguessable id', () => {
    const store = carts();
    const a = store.create(1_000);
    expect(a).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), lastSeen: 1_000, items: [] });
    expect(store.create(1_000).id).not.toBe(a.id);
    expect(store.get(a.id, 2_000)).toBe(a);
    expect(store.get(undefined, 2_000)).toBeUndefined();
    expect(store.get('no-such-id', 2_000)).toBeUndefined();
  });

  it('expires a session idle for longer than idleMs, and each use restarts the clock', () => {
    const store = carts({ idleMs: 100 });
    const s = store.create(0);
    expect(store.get(s.id, 100)).toBe(s);
    expect(store.get(s.id, 200)).toBe(s);
    expect(store.get(s.id, 301)).toBeUndefined();
    // Gone for good: it does not come back at an earlier time.
    expect(store.get(s.id, 250)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('expires after 12 hours idle by default', () => {
    const store = carts();
    const s = store.create(0);
    expect(store.get(s.id, 12 * 3600_000)).toBe(s);
    expect(store.get(s.id, 24 * 3600_000 + 1)).toBeUndefined();
  });

  it('holds at most maxSessions, evicting the least recently used', () => {
    const store = carts({ maxSessions: 3 });
    const [a, b, c] = [store.create(1), store.create(2), store.create(3)];
    store.get(a.id, 4); // a is now the most recently used; b the stalest
    const d = store.create(5);
    expect(store.size).toBe(3);
    expect(store.get(b.id, 6)).toBeUndefined();
    for (const s of [a, c, d]) expect(store.get(s.id, 6)).toBe(s);
  });

  it('stays bounded under many new sessions (the default bound is 10,000)', () => {
    const store = carts();
    for (let i = 0; i < 10_050; i++) store.create(i);
    expect(store.size).toBe(10_000);
  });
});
