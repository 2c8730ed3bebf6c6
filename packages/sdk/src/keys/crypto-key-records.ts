import type { KeyLevel, SignatureAlgorithm } from '@tokenos/protocol';

/**
 * One key as a `WebCryptoKeyStore` keeps it: the public half and its place in the directory in the
 * clear, and the private half as a CryptoKey that WebCrypto made (or imported) non-extractable and
 * usable only to sign. Stored as an object, not as bytes: IndexedDB's structured clone keeps the
 * key's `extractable: false`, so nothing that reads the record can read the key.
 */
export interface CryptoKeyRecord {
  memberId: string;
  id: string;
  algorithm: SignatureAlgorithm;
  level: KeyLevel;
  publicKey: Uint8Array;
  expiresAt?: number;
  privateKey: CryptoKey;
}

/** Where the records live: IndexedDB in a browser (`IndexedDbCryptoKeyRecords`), memory elsewhere. */
export interface CryptoKeyRecords {
  get(memberId: string, keyId: string): Promise<CryptoKeyRecord | undefined>;
  put(record: CryptoKeyRecord): Promise<void>;
  delete(memberId: string, keyId: string): Promise<void>;
  byMember(memberId: string): Promise<CryptoKeyRecord[]>;
  members(): Promise<string[]>;
  /** Moves every record of `fromId` to `toId` at once: never under both ids, never under neither. */
  rename(fromId: string, toId: string): Promise<void>;
}

/**
 * Records in process memory, cloned in and out with `structuredClone` as IndexedDB clones them
 * (a CryptoKey survives the clone, still non-extractable): for Node processes and tests.
 */
export class MemoryCryptoKeyRecords implements CryptoKeyRecords {
  readonly #records = new Map<string, Map<string, CryptoKeyRecord>>();

  async get(memberId: string, keyId: string): Promise<CryptoKeyRecord | undefined> {
    const record = this.#records.get(memberId)?.get(keyId);
    return record && structuredClone(record);
  }

  async put(record: CryptoKeyRecord): Promise<void> {
    let member = this.#records.get(record.memberId);
    if (!member) {
      member = new Map();
      this.#records.set(record.memberId, member);
    }
    member.set(record.id, structuredClone(record));
  }

  async delete(memberId: string, keyId: string): Promise<void> {
    this.#records.get(memberId)?.delete(keyId);
  }

  async byMember(memberId: string): Promise<CryptoKeyRecord[]> {
    return [...(this.#records.get(memberId)?.values() ?? [])].map((r) => structuredClone(r));
  }

  async members(): Promise<string[]> {
    return [...this.#records].filter(([, keys]) => keys.size > 0).map(([id]) => id);
  }

  async rename(fromId: string, toId: string): Promise<void> {
    const keys = this.#records.get(fromId);
    if (!keys) return;
    this.#records.delete(fromId);
    const target = this.#records.get(toId) ?? new Map<string, CryptoKeyRecord>();
    for (const [id, record] of keys) target.set(id, { ...record, memberId: toId });
    this.#records.set(toId, target);
  }
}
