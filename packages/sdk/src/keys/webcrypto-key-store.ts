import {
  getSignatureBackend,
  keyIdOf,
  type MessageSigner,
  type SignatureAlgorithm,
  type SignatureBackend,
  utf8,
} from '@tokenos/protocol';
import type { CryptoKeyRecord, CryptoKeyRecords } from './crypto-key-records.ts';
import { IndexedDbCryptoKeyRecords } from './indexeddb-crypto-key-records.ts';
import type { KeyStore, NewKeySpec, PublicKeyInfo } from './key-store.ts';
import { type KeyMoveReport, type LegacyKeyStore, moveKeys } from './move-keys.ts';
import {
  type CryptoSigningKey,
  generateCryptoSigningKey,
  importCryptoSigningKey,
  signWithCryptoKey,
  tryGenerateEd25519,
} from './webcrypto-keys.ts';

export interface WebCryptoKeyStoreOptions {
  /** Default `tokenos-signing-keys`; unused when `records` is given. */
  databaseName?: string;
  /** Default `globalThis.indexedDB`; read when the store is first used, never at import. */
  indexedDB?: IDBFactory;
  /** Default IndexedDB (`IndexedDbCryptoKeyRecords`); `MemoryCryptoKeyRecords` outside a browser. */
  records?: CryptoKeyRecords;
  /** Default `globalThis.crypto.subtle`. */
  subtle?: SubtleCrypto;
  /** Checks each imported key against its public key. Default the protocol's current backend. */
  backend?: SignatureBackend;
  /**
   * Where keys from before may still be: on first use the store moves them in (`moveKeys`) and
   * discards the source once it is empty. A key this browser cannot import stays there and keeps
   * signing from there, so a wallet never loses a key to the move.
   */
  migrateFrom?: () => Promise<LegacyKeyStore | undefined>;
}

function toInfo(r: CryptoKeyRecord): PublicKeyInfo {
  const info: PublicKeyInfo = {
    id: r.id,
    algorithm: r.algorithm,
    level: r.level,
    publicKey: new Uint8Array(r.publicKey),
  };
  if (r.expiresAt !== undefined) info.expiresAt = r.expiresAt;
  return info;
}

const importCheck = utf8('tokenos-key-import-check/v1');

/**
 * Keys no script can read (seed 000, "Private Keys": they never leave the device). WebCrypto
 * generates each key pair with `extractable: false`; the private CryptoKey goes into IndexedDB as
 * it is (structured clone keeps it non-extractable) and signs only through `crypto.subtle.sign`.
 * Neither the page, nor an extension's content script, nor a copy of the database can read it;
 * script that runs on the page can still ask it to sign while it runs, which is why the wallet
 * keeps its Content-Security-Policy strict.
 *
 * Ed25519 where the browser's WebCrypto has it, else ECDSA P-256 with SHA-256 (signatures made
 * low-S, as the protocol requires of ours): both verify with the protocol's `verify`.
 */
export class WebCryptoKeyStore implements KeyStore {
  readonly #options: WebCryptoKeyStoreOptions;
  readonly #records: CryptoKeyRecords;
  #ready: Promise<void> | undefined;
  /** The old store, kept only while a key in it could not move. */
  #legacy: LegacyKeyStore | undefined;
  #lastMove: KeyMoveReport | undefined;
  /** Learned on the first key made without a named algorithm. */
  #ed25519: boolean | undefined;

  constructor(options: WebCryptoKeyStoreOptions = {}) {
    this.#options = options;
    this.#records =
      options.records ??
      new IndexedDbCryptoKeyRecords({
        databaseName: options.databaseName ?? 'tokenos-signing-keys',
        ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      });
  }

  get #subtle(): SubtleCrypto {
    const subtle = this.#options.subtle ?? globalThis.crypto?.subtle;
    if (!subtle) throw new Error('WebCryptoKeyStore needs WebCrypto (crypto.subtle): a secure context');
    return subtle;
  }

  /** Moves keys from before in, once; a failure is not remembered, so the next call tries again. */
  #migrated(): Promise<void> {
    this.#ready ??= (async () => {
      const legacy = await this.#options.migrateFrom?.();
      if (!legacy) return;
      this.#lastMove = await moveKeys(legacy, {
        put: (memberId, key, secret) => this.#import(memberId, key, secret),
      });
      if (this.#lastMove.kept.length === 0) await legacy.discard?.();
      else this.#legacy = legacy;
    })();
    this.#ready.catch(() => {
      this.#ready = undefined;
    });
    return this.#ready;
  }

  /** What the move on first use did (undefined before it ran, or with nothing to move from). */
  async migration(): Promise<KeyMoveReport | undefined> {
    await this.#migrated();
    return this.#lastMove;
  }

  async #save(
    memberId: string,
    key: CryptoSigningKey,
    spec: Omit<NewKeySpec, 'algorithm'>,
  ): Promise<PublicKeyInfo> {
    const record: CryptoKeyRecord = {
      memberId,
      id: keyIdOf(key.algorithm, key.publicKey),
      algorithm: key.algorithm,
      level: spec.level,
      publicKey: key.publicKey,
      privateKey: key.privateKey,
    };
    if (spec.expiresAt !== undefined) record.expiresAt = spec.expiresAt;
    await this.#records.put(record);
    return toInfo(record);
  }

  async create(memberId: string, spec: NewKeySpec): Promise<PublicKeyInfo> {
    await this.#migrated();
    return this.#save(memberId, await this.#generate(spec.algorithm), spec);
  }

  async #generate(algorithm: SignatureAlgorithm | undefined): Promise<CryptoSigningKey> {
    if (algorithm) return generateCryptoSigningKey(this.#subtle, algorithm);
    if (this.#ed25519 !== false) {
      const key = await tryGenerateEd25519(this.#subtle);
      this.#ed25519 = key !== undefined;
      if (key) return key;
    }
    return generateCryptoSigningKey(this.#subtle, 'P-256');
  }

  /**
   * Imports a secret made outside WebCrypto, non-extractable. Kept only once it has signed a test
   * message that verifies under the key's public key: the bytes came from storage, and a key that
   * does not match its directory entry must not replace the one that does.
   */
  async #import(memberId: string, key: PublicKeyInfo, secretKey: Uint8Array): Promise<void> {
    const imported = await importCryptoSigningKey(this.#subtle, key.algorithm, secretKey, key.publicKey);
    const signature = await signWithCryptoKey(this.#subtle, key.algorithm, imported.privateKey, importCheck);
    const backend = this.#options.backend ?? getSignatureBackend();
    if (!(await backend.verify(key.algorithm, key.publicKey, importCheck, signature, { lowS: true }))) {
      throw new Error(`key ${key.id}: the secret does not sign for its public key`);
    }
    if (keyIdOf(key.algorithm, key.publicKey) !== key.id)
      throw new Error(`key ${key.id}: id does not match its public key`);
    const spec: Omit<NewKeySpec, 'algorithm'> = { level: key.level };
    if (key.expiresAt !== undefined) spec.expiresAt = key.expiresAt;
    await this.#save(memberId, imported, spec);
  }

  async put(memberId: string, key: PublicKeyInfo, secretKey: Uint8Array): Promise<void> {
    await this.#migrated();
    await this.#import(memberId, key, secretKey);
  }

  async list(memberId: string): Promise<PublicKeyInfo[]> {
    await this.#migrated();
    const own = (await this.#records.byMember(memberId)).map(toInfo);
    if (!this.#legacy) return own;
    const ids = new Set(own.map((k) => k.id));
    return [...own, ...(await this.#legacy.list(memberId)).filter((k) => !ids.has(k.id))];
  }

  async signer(memberId: string, keyId: string): Promise<MessageSigner> {
    await this.#migrated();
    const record = await this.#records.get(memberId, keyId);
    if (!record) {
      if (this.#legacy) return this.#legacy.signer(memberId, keyId);
      throw new Error(`no key ${keyId} for member ${memberId} in this key store`);
    }
    const { algorithm } = record;
    return {
      algorithm,
      sign: async (message) => {
        // Read again on every signature: a key removed meanwhile signs nothing more.
        const current = await this.#records.get(memberId, keyId);
        if (!current) throw new Error(`key ${keyId} of member ${memberId} was removed`);
        return signWithCryptoKey(this.#subtle, algorithm, current.privateKey, message);
      },
    };
  }

  async remove(memberId: string, keyId: string): Promise<void> {
    await this.#migrated();
    await this.#records.delete(memberId, keyId);
    await this.#legacy?.remove(memberId, keyId);
  }

  async rename(fromId: string, toId: string): Promise<void> {
    await this.#migrated();
    await this.#records.rename(fromId, toId);
    await this.#legacy?.rename(fromId, toId);
  }

  /** Member ids with keys on this device (the wallet finds its member here after a reload). */
  async members(): Promise<string[]> {
    await this.#migrated();
    const own = await this.#records.members();
    if (!this.#legacy) return own;
    return [...new Set([...own, ...(await this.#legacy.members())])];
  }
}
