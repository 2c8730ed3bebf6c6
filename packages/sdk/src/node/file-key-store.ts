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
 */
export class FileKeyStore implements KeyStore {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  async #read(): Promise<FileContents> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as FileContents;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
  }

  async #update(fn: (c: FileContents) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const contents = await this.#read();
      fn(contents);
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(contents, null, 2), { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, this.path);
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
    return secretKeySigner(key.algorithm, fromBase64url(key.secretKey), getSignatureBackend());
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
