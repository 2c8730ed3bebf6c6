import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  base64url,
  getSignatureBackend,
  keyIdOf,
  keyPairFromSecret,
  type SignatureBackend,
  setSignatureBackend,
} from '@tokenos/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileKeyStore } from './file-key-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function key(secretByte: number) {
  const pair = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(secretByte));
  return {
    info: {
      id: keyIdOf('Ed25519', pair.publicKey),
      algorithm: 'Ed25519' as const,
      level: 'STANDARD' as const,
      publicKey: pair.publicKey,
    },
    pair,
  };
}

describe('FileKeyStore', () => {
  it('writes the key file readable by its owner only (0600) and signs without handing out the key', async () => {
    const path = join(dir, 'sub', 'keys.json');
    const store = new FileKeyStore(path);
    const { info, pair } = key(7);
    await store.put('m1', info, pair.secretKey);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const signer = await store.signer('m1', info.id);
    const message = new TextEncoder().encode('hello');
    const signature = await signer.sign(message);
    expect(await getSignatureBackend().verify('Ed25519', pair.publicKey, message, signature)).toBe(true);
    expect(Object.keys(signer)).not.toContain('secretKey');
    const listed = await store.list('m1');
    expect(listed.map((k) => base64url(k.publicKey))).toEqual([base64url(pair.publicKey)]);
  });

  it('keeps every key across concurrent writes, renames, and removes', async () => {
    const path = join(dir, 'keys.json');
    const store = new FileKeyStore(path);
    const keys = [1, 2, 3, 4, 5].map(key);
    await Promise.all(keys.map((k) => store.put('pending', k.info, k.pair.secretKey)));
    await store.rename('pending', 'member');
    expect(await store.list('pending')).toEqual([]);
    expect((await store.list('member')).length).toBe(5);
    await store.remove('member', keys[0]!.info.id);
    expect((await store.list('member')).length).toBe(4);
    // A fresh instance reads the same file: nothing lived only in memory.
    expect((await new FileKeyStore(path).members()).sort()).toEqual(['member']);
    JSON.parse(await readFile(path, 'utf8'));
  });

  it('refuses to sign with a key it does not hold', async () => {
    await expect(new FileKeyStore(join(dir, 'none.json')).signer('m', 'k')).rejects.toThrow(/no key/);
  });

  it('reads the file once: signing again needs neither the file nor a new secret key array', async () => {
    const path = join(dir, 'keys.json');
    const store = new FileKeyStore(path);
    const { info, pair } = key(9);
    await store.put('m1', info, pair.secretKey);
    // Records the array every signature is made with (the node backend keeps imported keys per array).
    const real = getSignatureBackend();
    const seen: Uint8Array[] = [];
    const recording: SignatureBackend = {
      ...real,
      name: 'recording',
      sign: (algorithm, secretKey, message) => {
        seen.push(secretKey);
        return real.sign(algorithm, secretKey, message);
      },
    };
    const previous = setSignatureBackend(recording);
    try {
      const message = new TextEncoder().encode('pay');
      await (await store.signer('m1', info.id)).sign(message);
      // A file that changed behind the store's back is not read again (the class comment says why).
      await writeFile(path, '{}');
      const signature = await (await store.signer('m1', info.id)).sign(message);
      expect(await real.verify('Ed25519', pair.publicKey, message, signature)).toBe(true);
      expect(seen).toHaveLength(2);
      expect(seen[1]).toBe(seen[0]);
      expect((await store.list('m1')).map((k) => k.id)).toEqual([info.id]);
    } finally {
      setSignatureBackend(previous);
    }
  });

  it('sees its own writes at once, and a write keeps what another store on the same file wrote', async () => {
    const path = join(dir, 'keys.json');
    const a = new FileKeyStore(path);
    const b = new FileKeyStore(path);
    const [k1, k2, k3] = [1, 2, 3].map(key);
    await a.put('m', k1!.info, k1!.pair.secretKey);
    expect((await a.list('m')).map((k) => k.id)).toEqual([k1!.info.id]);
    await b.put('m', k2!.info, k2!.pair.secretKey);
    await a.put('m', k3!.info, k3!.pair.secretKey);
    const ids = [k1, k2, k3].map((k) => k!.info.id);
    expect((await a.list('m')).map((k) => k.id)).toEqual(ids);
    expect((await new FileKeyStore(path).list('m')).map((k) => k.id)).toEqual(ids);
    await a.remove('m', k1!.info.id);
    await expect(a.signer('m', k1!.info.id)).rejects.toThrow(/no key/);
    expect(await (await a.signer('m', k2!.info.id)).sign(new Uint8Array(1))).toHaveLength(64);
  });
});
