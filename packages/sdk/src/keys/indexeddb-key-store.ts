import {
  getSignatureBackend,
  type KeyLevel,
  type MessageSigner,
  type SignatureAlgorithm,
  type SignatureBackend,
  utf8,
} from '@tokenos/protocol';
import { completed, openDatabase, promised } from './idb.ts';
import type { PublicKeyInfo } from './key-store.ts';
import type { LegacyKeyStore } from './move-keys.ts';

/**
 * One private key as IndexedDB holds it: the public half in the clear, the secret only as AES-GCM
 * ciphertext under the store's wrapping key. Nothing here is secret without that key.
 */
export interface StoredKeyRecord {
  memberId: string;
  id: string;
  algorithm: SignatureAlgorithm;
  level: KeyLevel;
  publicKey: Uint8Array;
  expiresAt?: number;
  /** 12 random bytes, fresh for each key (NIST SP 800-38D §8.2.2: never reuse an IV under one key). */
  iv: Uint8Array;
  /** AES-GCM(secret key) with its 16-byte tag; bound to the key id, algorithm and level (see aad()). */
  ciphertext: ArrayBuffer;
}

export interface IndexedDbKeyStoreOptions {
  /** Default `tokenos-keys`. */
  databaseName?: string;
  /** Default `globalThis.indexedDB`; read when the store is first used, never at import. */
  indexedDB?: IDBFactory;
  /** Default `globalThis.crypto.subtle`. */
  subtle?: SubtleCrypto;
  /** Default the protocol's current backend (noble in browsers). */
  backend?: SignatureBackend;
}

const keysStore = 'keys';
const wrappingStore = 'wrapping';
const byMember = 'byMember';
const wrappingKeyName = 'default';

/** What the ciphertext is bound to: moving it to another record makes decryption fail. */
function aad(record: Pick<StoredKeyRecord, 'id' | 'algorithm' | 'level'>): Uint8Array<ArrayBuffer> {
  return utf8(`tokenos-key/v1|${record.id}|${record.algorithm}|${record.level}`) as Uint8Array<ArrayBuffer>;
}

function toInfo(r: StoredKeyRecord): PublicKeyInfo {
  const info: PublicKeyInfo = {
    id: r.id,
    algorithm: r.algorithm,
    level: r.level,
    publicKey: new Uint8Array(r.publicKey),
  };
  if (r.expiresAt !== undefined) info.expiresAt = r.expiresAt;
  return info;
}

/**
 * Keys in the browser (seed 000, "Private Keys": they never leave the device). Each secret key is
 * encrypted with AES-GCM under one wrapping key that WebCrypto generated as non-extractable and
 * that IndexedDB keeps as a CryptoKey (structured clone keeps `extractable: false`), so script on
 * the page can ask it to decrypt but can never read it, and a copy of the database alone reveals
 * no secret. A signer decrypts for each signature and wipes the bytes once signed.
 *
 * Browser APIs are touched on first use only, so the SDK still imports in Node.
 */
export class IndexedDbKeyStore implements LegacyKeyStore {
  readonly databaseName: string;
  readonly #options: IndexedDbKeyStoreOptions;
  #db: Promise<IDBDatabase> | undefined;
  #wrappingKey: Promise<CryptoKey> | undefined;

  constructor(options: IndexedDbKeyStoreOptions = {}) {
    this.databaseName = options.databaseName ?? 'tokenos-keys';
    this.#options = options;
  }

  get #subtle(): SubtleCrypto {
    const subtle = this.#options.subtle ?? globalThis.crypto?.subtle;
    if (!subtle) throw new Error('IndexedDbKeyStore needs WebCrypto (crypto.subtle): a secure context');
    return subtle;
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= openDatabase(
      this.#options.indexedDB ?? globalThis.indexedDB,
      this.databaseName,
      (db) => {
        const keys = db.createObjectStore(keysStore, { keyPath: ['memberId', 'id'] });
        keys.createIndex(byMember, 'memberId');
        db.createObjectStore(wrappingStore);
      },
      () => {
        this.#db = undefined;
      },
      'IndexedDbKeyStore',
    );
    this.#db.catch(() => {
      this.#db = undefined;
    });
    return this.#db;
  }

  /**
   * The wrapping key: generated once, non-extractable, usable only to encrypt and decrypt. Two tabs
   * may race to create it; `add` lets exactly one win and the other adopts the winner's key.
   */
  #key(): Promise<CryptoKey> {
    this.#wrappingKey ??= (async () => {
      const db = await this.#open();
      const existing = await promised<CryptoKey | undefined>(
        db.transaction(wrappingStore, 'readonly').objectStore(wrappingStore).get(wrappingKeyName),
      );
      if (existing) return existing;
      const fresh = await this.#subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      const tx = db.transaction(wrappingStore, 'readwrite');
      const store = tx.objectStore(wrappingStore);
      let chosen: CryptoKey = fresh;
      const read = store.get(wrappingKeyName);
      read.onsuccess = () => {
        const raced = read.result as CryptoKey | undefined;
        if (raced) chosen = raced;
        else store.add(fresh, wrappingKeyName);
      };
      await completed(tx);
      return chosen;
    })();
    this.#wrappingKey.catch(() => {
      this.#wrappingKey = undefined;
    });
    return this.#wrappingKey;
  }

  async #record(memberId: string, keyId: string): Promise<StoredKeyRecord | undefined> {
    const db = await this.#open();
    return promised<StoredKeyRecord | undefined>(
      db.transaction(keysStore, 'readonly').objectStore(keysStore).get([memberId, keyId]),
    );
  }

  async put(memberId: string, key: PublicKeyInfo, secretKey: Uint8Array): Promise<void> {
    const wrappingKey = await this.#key();
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const plain = new Uint8Array(secretKey);
    let ciphertext: ArrayBuffer;
    try {
      ciphertext = await this.#subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad(key), tagLength: 128 },
        wrappingKey,
        plain,
      );
    } finally {
      plain.fill(0);
    }
    const record: StoredKeyRecord = {
      memberId,
      id: key.id,
      algorithm: key.algorithm,
      level: key.level,
      publicKey: new Uint8Array(key.publicKey),
      iv,
      ciphertext,
    };
    if (key.expiresAt !== undefined) record.expiresAt = key.expiresAt;
    const db = await this.#open();
    const tx = db.transaction(keysStore, 'readwrite');
    tx.objectStore(keysStore).put(record);
    await completed(tx);
  }

  async list(memberId: string): Promise<PublicKeyInfo[]> {
    const db = await this.#open();
    const records = await promised<StoredKeyRecord[]>(
      db.transaction(keysStore, 'readonly').objectStore(keysStore).index(byMember).getAll(memberId),
    );
    return records.map(toInfo);
  }

  async signer(memberId: string, keyId: string): Promise<MessageSigner> {
    const record = await this.#record(memberId, keyId);
    if (!record) throw new Error(`no key ${keyId} for member ${memberId} in ${this.databaseName}`);
    const backend = this.#options.backend ?? getSignatureBackend();
    const { algorithm } = record;
    return {
      algorithm,
      sign: async (message) => {
        // Read again on every signature: a key removed meanwhile signs nothing more.
        const current = await this.#record(memberId, keyId);
        if (!current) throw new Error(`key ${keyId} of member ${memberId} was removed`);
        const secret = await this.#decrypt(current);
        try {
          return await backend.sign(algorithm, secret, message);
        } finally {
          secret.fill(0);
        }
      },
    };
  }

  async #decrypt(record: StoredKeyRecord): Promise<Uint8Array> {
    return new Uint8Array(
      await this.#subtle.decrypt(
        { name: 'AES-GCM', iv: new Uint8Array(record.iv), additionalData: aad(record), tagLength: 128 },
        await this.#key(),
        record.ciphertext,
      ),
    );
  }

  /**
   * The secret bytes of one key, to move it into a store that cannot give it back
   * (`WebCryptoKeyStore`, through `moveKeys`); the caller wipes them.
   */
  async exportSecretKey(memberId: string, keyId: string): Promise<Uint8Array> {
    const record = await this.#record(memberId, keyId);
    if (!record) throw new Error(`no key ${keyId} for member ${memberId} in ${this.databaseName}`);
    return this.#decrypt(record);
  }

  /** Deletes the database, wrapping key included, once no key is left in it. */
  async discard(): Promise<void> {
    if ((await this.members()).length > 0) throw new Error(`${this.databaseName} still holds keys`);
    this.close();
    const factory = this.#options.indexedDB ?? globalThis.indexedDB;
    await new Promise<void>((resolve, reject) => {
      const request = factory.deleteDatabase(this.databaseName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error(`cannot delete ${this.databaseName}`));
      // Another tab still has it open: the deletion waits for it and completes on its own.
      request.onblocked = () => resolve();
    });
  }

  async remove(memberId: string, keyId: string): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(keysStore, 'readwrite');
    tx.objectStore(keysStore).delete([memberId, keyId]);
    await completed(tx);
  }

  async rename(fromId: string, toId: string): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(keysStore, 'readwrite');
    const store = tx.objectStore(keysStore);
    const all = store.index(byMember).getAll(fromId);
    // One transaction: the keys are under the old id or the new one, never both or neither.
    all.onsuccess = () => {
      for (const record of all.result as StoredKeyRecord[]) {
        store.delete([fromId, record.id]);
        store.put({ ...record, memberId: toId });
      }
    };
    await completed(tx);
  }

  /** Member ids with keys on this device (the wallet finds its member here after a reload). */
  async members(): Promise<string[]> {
    const db = await this.#open();
    const ids = await promised<IDBValidKey[]>(
      db.transaction(keysStore, 'readonly').objectStore(keysStore).index(byMember).getAllKeys(),
    );
    // getAllKeys on an index yields primary keys: [memberId, keyId].
    const members = new Set<string>();
    for (const key of ids) if (Array.isArray(key) && typeof key[0] === 'string') members.add(key[0]);
    return [...members];
  }

  /** Closes the database connection (tests, or before deleting the database). */
  close(): void {
    void this.#db?.then((db) => db.close());
    this.#db = undefined;
    this.#wrappingKey = undefined;
  }
}
