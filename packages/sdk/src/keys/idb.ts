// IndexedDB's callbacks as promises, for the key stores.

export function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export function completed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * Opens a key store's database (version 1, `upgrade` makes its stores). Another tab upgrading the
 * schema asks us to let go: the database closes and `onClose` lets the store open it again later.
 */
export function openDatabase(
  factory: IDBFactory | undefined,
  name: string,
  upgrade: (db: IDBDatabase) => void,
  onClose: () => void,
  needs: string,
): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    if (!factory) {
      reject(new Error(`${needs} needs IndexedDB, which this environment lacks`));
      return;
    }
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        onClose();
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
    request.onblocked = () => reject(new Error(`${name} is blocked by another tab`));
  });
}
