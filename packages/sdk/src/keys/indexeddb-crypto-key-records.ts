import type { CryptoKeyRecord, CryptoKeyRecords } from './crypto-key-records.ts';
import { completed, openDatabase, promised } from './idb.ts';

const keysStore = 'keys';
const byMember = 'byMember';

/**
 * CryptoKey records in IndexedDB, one object store keyed by [memberId, keyId]. The browser is read
 * when the database is first opened, never at import, so the SDK still imports in Node.
 */
export class IndexedDbCryptoKeyRecords implements CryptoKeyRecords {
  readonly databaseName: string;
  readonly #factory: IDBFactory | undefined;
  #db: Promise<IDBDatabase> | undefined;

  constructor(options: { databaseName: string; indexedDB?: IDBFactory }) {
    this.databaseName = options.databaseName;
    this.#factory = options.indexedDB;
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= openDatabase(
      this.#factory ?? globalThis.indexedDB,
      this.databaseName,
      (db) => {
        const keys = db.createObjectStore(keysStore, { keyPath: ['memberId', 'id'] });
        keys.createIndex(byMember, 'memberId');
      },
      () => {
        this.#db = undefined;
      },
      'WebCryptoKeyStore',
    );
    this.#db.catch(() => {
      this.#db = undefined;
    });
    return this.#db;
  }

  async #write(fn: (store: IDBObjectStore) => void): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(keysStore, 'readwrite');
    fn(tx.objectStore(keysStore));
    await completed(tx);
  }

  async get(memberId: string, keyId: string): Promise<CryptoKeyRecord | undefined> {
    const db = await this.#open();
    return promised<CryptoKeyRecord | undefined>(
      db.transaction(keysStore, 'readonly').objectStore(keysStore).get([memberId, keyId]),
    );
  }

  put(record: CryptoKeyRecord): Promise<void> {
    return this.#write((store) => store.put(record));
  }

  delete(memberId: string, keyId: string): Promise<void> {
    return this.#write((store) => store.delete([memberId, keyId]));
  }

  async byMember(memberId: string): Promise<CryptoKeyRecord[]> {
    const db = await this.#open();
    return promised<CryptoKeyRecord[]>(
      db.transaction(keysStore, 'readonly').objectStore(keysStore).index(byMember).getAll(memberId),
    );
  }

  async members(): Promise<string[]> {
    const db = await this.#open();
    const keys = await promised<IDBValidKey[]>(
      db.transaction(keysStore, 'readonly').objectStore(keysStore).index(byMember).getAllKeys(),
    );
    // getAllKeys on an index yields primary keys: [memberId, keyId].
    const members = new Set<string>();
    for (const key of keys) if (Array.isArray(key) && typeof key[0] === 'string') members.add(key[0]);
    return [...members];
  }

  rename(fromId: string, toId: string): Promise<void> {
    // One transaction: the keys are under the old id or the new one, never both or neither.
    return this.#write((store) => {
      const all = store.index(byMember).getAll(fromId);
      all.onsuccess = () => {
        for (const record of all.result as CryptoKeyRecord[]) {
          store.delete([fromId, record.id]);
          store.put({ ...record, memberId: toId });
        }
      };
    });
  }

  close(): void {
    void this.#db?.then((db) => db.close());
    this.#db = undefined;
  }
}
