import type { KeyLevel, MessageSigner, SignatureAlgorithm } from '@tokenos/protocol';

/** A key's public half and its place in the directory. */
export interface PublicKeyInfo {
  id: string;
  algorithm: SignatureAlgorithm;
  level: KeyLevel;
  publicKey: Uint8Array;
  expiresAt?: number;
}

/** What a store that makes its own keys is asked for (`KeyStore.create`). */
export interface NewKeySpec {
  level: KeyLevel;
  /** Absent: the store picks (a WebCrypto store picks Ed25519 where the browser has it, else P-256). */
  algorithm?: SignatureAlgorithm;
  expiresAt?: number;
}

/**
 * Where a member's private keys live. A store signs; it never returns a secret key, so an
 * implementation can keep keys wrapped (IndexedDB + WebCrypto), non-extractable in WebCrypto, or
 * in hardware.
 */
export interface KeyStore {
  /** Stores a freshly generated key pair for a member (the secret goes in and never comes out). */
  put(memberId: string, key: PublicKeyInfo, secretKey: Uint8Array): Promise<void>;
  /**
   * Makes a key pair inside the store, so the secret never exists in script memory at all
   * (`WebCryptoKeyStore`). `generateKey` uses it where present, else draws the secret and calls `put`.
   */
  create?(memberId: string, spec: NewKeySpec): Promise<PublicKeyInfo>;
  list(memberId: string): Promise<PublicKeyInfo[]>;
  signer(memberId: string, keyId: string): Promise<MessageSigner>;
  remove(memberId: string, keyId: string): Promise<void>;
  /** Moves keys stored under a provisional id (before the member id is known) to the member id. */
  rename(fromId: string, toId: string): Promise<void>;
}
