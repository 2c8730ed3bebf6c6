import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  base64url,
  fromBase64url,
  getSignatureBackend,
  type KeyLevel,
  type MessageSigner,
  type SignatureAlgorithm,
  secretKeySigner,
} from '@tokenos/protocol';
import type { KeyStore, PublicKeyInfo } from '../keys/key-store.ts';

interface FileKey {
  id: string;
  algorithm: SignatureAlgorithm;
  level: KeyLevel;
  publicKey: string;
  secretKey: string;
  expiresAt?: number;
}
type FileContents = Record<string, FileKey[]>;

/**
 * Keys in one JSON file readable by its owner only (0600), for servers such as a merchant's
 * backend (seed 000: organisations store keys per their own security requirements). Writes go
 * to a temporary file renamed over the old one, so a crash never leaves half a key file.
 *
 * The file is read once and then kept in memory, refreshed by this store's own writes: a bank
 * signs with it on every co-signature, and reading, parsing and decoding the file (and importing
 * the secret key into OpenSSL) each time cost more than the signature. So the file must be written
 * only through this class by one process at a time, which is how services use it (one process per
 * data folder; a restarted service reads it anew). Each write re-reads the file before changing
 * it, so two stores on one file in one process lose no key; a change made behind the store's back
 * is seen by the next write, or at the next start.
 */
export class FileKeyStore implements KeyStore {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();
  /** The file as this store last read or wrote it; undefined until the first read, or after a failed write. */
  #cached: Promise<FileContents> | undefined;
  /**
   * Each key's secret, decoded once per cached file: one long-lived array per key lets the signature
   * backend keep the imported key (crypto-node's node backend remembers it per array).
   */
  readonly #secrets = new WeakMap<FileKey, Uint8Array>();

  constructor(path: string) {
    this.path = path;
  }

  async #readFile(): Promise<FileContents> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as FileContents;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
  }

  /** The cached contents; a read that fails is not remembered, so the next call tries again. */
  #read(): Promise<FileContents> {
    if (this.#cached === undefined) {
      const reading = this.#readFile();
      this.#cached = reading;
      reading.catch(() => {
        if (this.#cached === reading) this.#cached = undefined;
      });
    }
    return this.#cached;
  }

  async #update(fn: (c: FileContents) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      // From the file, not the cache: another store on the same file may have written since.
      const contents = await this.#readFile();
      fn(contents);
      try {
        await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
        const tmp = `${this.path}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(contents, null, 2), { mode: 0o600 });
        await chmod(tmp, 0o600);
        await rename(tmp, this.path);
      } catch (e) {
        // Whether the rename happened is unknown: the next read goes to the file.
        this.#cached = undefined;
        throw e;
      }
      this.#cached = Promise.resolve(contents);
    });
    this.#queue = run.catch(() => undefined);
    await run;
  }

  async put(memberId: string, key: PublicKeyInfo, secretKey: Uint8Array): Promise<void> {
    const entry: FileKey = {
      id: key.id,
      algorithm: key.algorithm,
      level: key.level,
      publicKey: base64url(key.publicKey),
      secretKey: base64url(secretKey),
    };
    if (key.expiresAt !== undefined) entry.expiresAt = key.expiresAt;
    await this.#update((c) => {
      c[memberId] = [...(c[memberId] ?? []).filter((k) => k.id !== key.id), entry];
    });
  }

  async list(memberId: string): Promise<PublicKeyInfo[]> {
    const keys = (await this.#read())[memberId] ?? [];
    return keys.map((k) => {
      const info: PublicKeyInfo = {
        id: k.id,
        algorithm: k.algorithm,
        level: k.level,
        publicKey: fromBase64url(k.publicKey),
      };
      if (k.expiresAt !== undefined) info.expiresAt = k.expiresAt;
      return info;
    });
  }

  async signer(memberId: string, keyId: string): Promise<MessageSigner> {
    const key = ((await this.#read())[memberId] ?? []).find((k) => k.id === keyId);
    if (!key) throw new Error(`no key ${keyId} for member ${memberId} in ${this.path}`);
    let secret = this.#secrets.get(key);
    if (secret === undefined) {
      secret = fromBase64url(key.secretKey);
      this.#secrets.set(key, secret);
    }
    // The backend is looked up on every call, as before: a server may install its own after start.
    return secretKeySigner(key.algorithm, secret, getSignatureBackend());
  }

  async remove(memberId: string, keyId: string): Promise<void> {
    await this.#update((c) => {
      c[memberId] = (c[memberId] ?? []).filter((k) => k.id !== keyId);
    });
  }

  async rename(fromId: string, toId: string): Promise<void> {
    await this.#update((c) => {
      const keys = c[fromId];
      if (!keys) return;
      delete c[fromId];
      c[toId] = keys;
    });
  }

  /** Member ids with keys in this file (a merchant backend finds its own member id here). */
  async members(): Promise<string[]> {
    return Object.keys(await this.#read());
  }
}
