import {
  getSignatureBackend,
  type KeyLevel,
  type SignatureAlgorithm,
  signObject,
  utf8,
  verifyObjectSignature,
} from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryCryptoKeyRecords } from './crypto-key-records.ts';
import { generateKey } from './generate.ts';
import { WebCryptoKeyStore } from './webcrypto-key-store.ts';

// Node's WebCrypto (globalThis.crypto.subtle) stands in for the browser's: the same Web Crypto API.
const subtle = globalThis.crypto.subtle;
const backend = getSignatureBackend();
const now = Date.UTC(2026, 11, 7);

/** Node's SubtleCrypto as a browser without Ed25519 in WebCrypto has it (before Chrome 137). */
function subtleWithoutEd25519(): SubtleCrypto {
  const refuse = (algorithm: AlgorithmIdentifier) =>
    (typeof algorithm === 'string' ? algorithm : algorithm.name) === 'Ed25519';
  return new Proxy(subtle, {
    get(target, name) {
      if (name === 'generateKey' || name === 'importKey') {
        return (...args: unknown[]) => {
          const algorithm = (name === 'generateKey' ? args[0] : args[2]) as AlgorithmIdentifier;
          if (refuse(algorithm))
            return Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'));
          return (target[name] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      }
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function storeWith(records = new MemoryCryptoKeyRecords(), options: { subtle?: SubtleCrypto } = {}) {
  return { records, store: new WebCryptoKeyStore({ records, ...options }) };
}

describe('WebCryptoKeyStore', () => {
  for (const algorithm of ['Ed25519', 'P-256'] as const satisfies SignatureAlgorithm[]) {
    it(`signs with a non-extractable ${algorithm} key, and the protocol's verify accepts it`, async () => {
      const { records, store } = storeWith();
      const info = await generateKey(store, 'm1', 'STANDARD', { algorithm, now });
      expect(info.algorithm).toBe(algorithm);
      expect(info.publicKey.length).toBe(algorithm === 'Ed25519' ? 32 : 33);

      const signer = await store.signer('m1', info.id);
      const message = utf8('pay 12.00 EUR to the shop');
      const signature = await signer.sign(message);
      expect(await backend.verify(algorithm, info.publicKey, message, signature, { lowS: true })).toBe(true);
      // A signed object as the cloud checks it (low S required of our own ECDSA signatures).
      const signed = await signObject({ type: 'Probe', version: 1, amount: '12.00' }, signer);
      expect(await verifyObjectSignature(signed, algorithm, info.publicKey, backend)).toBe(true);
      // Another message does not verify under that signature.
      expect(await backend.verify(algorithm, info.publicKey, utf8('pay 99.00 EUR'), signature)).toBe(false);

      const [record] = await records.byMember('m1');
      expect(record?.privateKey).toBeInstanceOf(CryptoKey);
      expect(record?.privateKey.extractable).toBe(false);
      expect(record?.privateKey.type).toBe('private');
      expect(record?.privateKey.usages).toEqual(['sign']);
      for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
        await expect(subtle.exportKey(format, record!.privateKey)).rejects.toThrow();
      }
      expect(Object.keys(record ?? {}).sort()).toEqual([
        'algorithm',
        'id',
        'level',
        'memberId',
        'privateKey',
        'publicKey',
      ]);
    });
  }

  it('ECDSA signatures are low S every time (WebCrypto picks either; the protocol accepts only low S)', async () => {
    const { store } = storeWith();
    const info = await generateKey(store, 'm1', 'LOW', { algorithm: 'P-256', now });
    const signer = await store.signer('m1', info.id);
    // With a random nonce, S is high half the time: 40 signatures all low is 2^-40 by chance.
    for (let i = 0; i < 40; i++) {
      const message = utf8(`message ${i}`);
      const signature = await signer.sign(message);
      expect(signature.length).toBe(64);
      expect(await backend.verify('P-256', info.publicKey, message, signature, { lowS: true })).toBe(true);
    }
  });

  it('picks Ed25519 where WebCrypto has it, else P-256', async () => {
    const modern = storeWith().store;
    expect((await generateKey(modern, 'm1', 'LOW', { now })).algorithm).toBe('Ed25519');

    const older = storeWith(undefined, { subtle: subtleWithoutEd25519() }).store;
    const levels: KeyLevel[] = ['LOW', 'STANDARD', 'PRIVILEGED'];
    const keys = [];
    for (const level of levels) keys.push(await generateKey(older, 'm1', level, { now }));
    expect(keys.map((k) => k.algorithm)).toEqual(['P-256', 'P-256', 'P-256']);
    const signature = await (await older.signer('m1', keys[0]!.id)).sign(utf8('hello'));
    expect(await backend.verify('P-256', keys[0]!.publicKey, utf8('hello'), signature, { lowS: true })).toBe(
      true,
    );
    // Asked for Ed25519 by name, such a browser says no rather than silently making another kind.
    await expect(generateKey(older, 'm1', 'LOW', { algorithm: 'Ed25519', now })).rejects.toThrow();
  });

  it('keeps expiry and level; a removed key signs nothing more; rename moves every key', async () => {
    const { store } = storeWith();
    const low = await generateKey(store, 'pending-1', 'LOW', { now });
    const privileged = await generateKey(store, 'pending-1', 'PRIVILEGED', { now });
    expect(low.expiresAt).toBe(now + 365 * 24 * 3600 * 1000);
    expect(privileged.expiresAt).toBeUndefined();

    await store.rename('pending-1', 'member-1');
    expect(await store.list('pending-1')).toEqual([]);
    expect((await store.list('member-1')).map((k) => k.level).sort()).toEqual(['LOW', 'PRIVILEGED']);
    expect(await store.members()).toEqual(['member-1']);

    const signer = await store.signer('member-1', low.id);
    await store.remove('member-1', low.id);
    await expect(signer.sign(utf8('after removal'))).rejects.toThrow(/was removed/);
    await expect(store.signer('member-1', low.id)).rejects.toThrow(/no key/);
  });
});
