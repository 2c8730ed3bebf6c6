import { getSignatureBackend, type SignatureAlgorithm, utf8 } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryCryptoKeyRecords } from './crypto-key-records.ts';
import { generateKey } from './generate.ts';
import type { PublicKeyInfo } from './key-store.ts';
import { MemoryKeyStore } from './memory-key-store.ts';
import { WebCryptoKeyStore } from './webcrypto-key-store.ts';

// A wallet from before: keys made in script (noble) and kept as secret bytes, as IndexedDbKeyStore
// kept them under its AES key. Node has no IndexedDB, so the bytes sit in a MemoryKeyStore, which
// hands them out through the same LegacyKeyStore interface (exportSecretKey) the IndexedDB one does.
const backend = getSignatureBackend();
const now = Date.UTC(2026, 11, 7);
const memberId = 'member-1';

async function oldWallet(algorithms: SignatureAlgorithm[]) {
  const legacy = new MemoryKeyStore();
  const levels = ['LOW', 'STANDARD', 'PRIVILEGED'] as const;
  const keys: PublicKeyInfo[] = [];
  for (const [i, algorithm] of algorithms.entries()) {
    keys.push(await generateKey(legacy, memberId, levels[i % 3]!, { algorithm, now }));
  }
  let discarded = 0;
  const source = Object.assign(legacy, {
    discard: async () => {
      discarded++;
    },
  });
  return { legacy: source, keys, discarded: () => discarded };
}

async function signsFor(store: WebCryptoKeyStore, key: PublicKeyInfo): Promise<boolean> {
  const message = utf8(`a payment signed with ${key.id}`);
  const signature = await (await store.signer(memberId, key.id)).sign(message);
  return backend.verify(key.algorithm, key.publicKey, message, signature, { lowS: true });
}

describe('moving old wallet keys into WebCrypto on first use', () => {
  it('turns every old key, Ed25519 and P-256, into a non-extractable CryptoKey and deletes the bytes', async () => {
    const { legacy, keys, discarded } = await oldWallet(['Ed25519', 'P-256', 'Ed25519']);
    const records = new MemoryCryptoKeyRecords();
    const store = new WebCryptoKeyStore({ records, migrateFrom: async () => legacy });

    // The first call moves them; the same keys (ids, levels, expiry) are listed.
    expect(await store.list(memberId)).toEqual(expect.arrayContaining(keys));
    expect((await store.migration())?.moved).toHaveLength(3);
    expect((await store.migration())?.kept).toEqual([]);

    for (const record of await records.byMember(memberId)) {
      expect(record.privateKey).toBeInstanceOf(CryptoKey);
      expect(record.privateKey.extractable).toBe(false);
      await expect(globalThis.crypto.subtle.exportKey('pkcs8', record.privateKey)).rejects.toThrow();
    }
    // The old bytes are gone and the old store told to delete itself.
    expect(await legacy.members()).toEqual([]);
    expect(await legacy.list(memberId)).toEqual([]);
    expect(discarded()).toBe(1);
    // Each key still signs for the public key the directory holds.
    for (const key of keys) expect(await signsFor(store, key)).toBe(true);
  });

  it('runs once: a later store over the same records finds nothing left to move', async () => {
    const { legacy, keys } = await oldWallet(['P-256']);
    const records = new MemoryCryptoKeyRecords();
    await new WebCryptoKeyStore({ records, migrateFrom: async () => legacy }).list(memberId);
    const again = new WebCryptoKeyStore({ records, migrateFrom: async () => legacy });
    expect((await again.migration())?.moved).toEqual([]);
    expect(await signsFor(again, keys[0]!)).toBe(true);
  });

  it('a secret that does not sign for its public key stays where it was and is not listed as moved', async () => {
    const legacy = new MemoryKeyStore();
    const good = await generateKey(legacy, memberId, 'LOW', { algorithm: 'Ed25519', now });
    const other = await generateKey(legacy, 'someone-else', 'LOW', { algorithm: 'Ed25519', now });
    // Storage damaged: the public half of one key beside the secret of another.
    const mismatched: PublicKeyInfo = { ...good, id: 'mismatched', level: 'STANDARD' };
    await legacy.put(memberId, mismatched, await legacy.exportSecretKey('someone-else', other.id));
    await legacy.remove('someone-else', other.id);

    const records = new MemoryCryptoKeyRecords();
    const store = new WebCryptoKeyStore({ records, migrateFrom: async () => legacy });
    const report = await store.migration();
    expect(report?.moved).toEqual([{ memberId, keyId: good.id }]);
    expect(report?.kept.map((k) => k.keyId)).toEqual(['mismatched']);
    expect((await records.byMember(memberId)).map((r) => r.id)).toEqual([good.id]);
    expect((await legacy.list(memberId)).map((k) => k.id)).toEqual(['mismatched']);
  });

  it('a key this browser cannot import keeps signing from the old store, so no key is lost', async () => {
    const { legacy, keys, discarded } = await oldWallet(['Ed25519', 'P-256']);
    const subtle = globalThis.crypto.subtle;
    // A browser whose WebCrypto lacks Ed25519 refuses to import that key.
    const withoutEd25519 = new Proxy(subtle, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as unknown;
        if (name !== 'importKey' || typeof value !== 'function')
          return typeof value === 'function' ? value.bind(target) : value;
        return (...args: Parameters<SubtleCrypto['importKey']>) =>
          (args[2] as { name: string }).name === 'Ed25519'
            ? Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'))
            : subtle.importKey(...args);
      },
    });
    const records = new MemoryCryptoKeyRecords();
    const store = new WebCryptoKeyStore({ records, subtle: withoutEd25519, migrateFrom: async () => legacy });

    const [ed, p] = keys as [PublicKeyInfo, PublicKeyInfo];
    expect((await store.list(memberId)).map((k) => k.id).sort()).toEqual([ed.id, p.id].sort());
    expect((await records.byMember(memberId)).map((r) => r.id)).toEqual([p.id]);
    expect(discarded()).toBe(0);
    expect(await signsFor(store, ed)).toBe(true);
    expect(await signsFor(store, p)).toBe(true);
    expect(await store.members()).toEqual([memberId]);
  });

  it('a key whose bytes cannot be read stays, and the others still move', async () => {
    const { legacy, keys } = await oldWallet(['Ed25519', 'P-256']);
    const [unreadable, readable] = keys as [PublicKeyInfo, PublicKeyInfo];
    const exportSecretKey = legacy.exportSecretKey.bind(legacy);
    // As when a wrapped record no longer decrypts (its AES-GCM tag fails).
    legacy.exportSecretKey = async (member, keyId) => {
      if (keyId === unreadable.id) throw new DOMException('The operation failed', 'OperationError');
      return exportSecretKey(member, keyId);
    };
    const store = new WebCryptoKeyStore({
      records: new MemoryCryptoKeyRecords(),
      migrateFrom: async () => legacy,
    });
    const report = await store.migration();
    expect(report?.moved).toEqual([{ memberId, keyId: readable.id }]);
    expect(report?.kept.map((k) => k.keyId)).toEqual([unreadable.id]);
    expect(await signsFor(store, readable)).toBe(true);
  });
});
