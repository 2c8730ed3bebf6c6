import type { KeyLevel, MessageSigner, SignatureAlgorithm } from '@tokenos/protocol';

/** A key's public half and its place in the directory. */
export interface PublicKeyInfo {
  id: string;
  algorithm: SignatureAlgorithm;
  level: KeyLevel;
  publicKey: Uint8Array;
  expiresAt?: number;
}

/**
 * Where a member's private keys live. A store signs; it never returns a secret key, so an
 * implementation can keep keys wrapped (IndexedDB + WebCrypto) or in hardware.
 */
export interface KeyStore {
  /** Stores a freshly generated key pair for a member (the secret goes in and never comes out). */
  put(memberId: string, key: PublicKeyInfo, secretKey: Uint8Array): Promise<void>;
  list(memberId: string): Promise<PublicKeyInfo[]>;
  signer(memberId: string, keyId: string): Promise<MessageSigner>;
  remove(memberId: string, keyId: string): Promise<void>;
  /** Moves keys stored under a provisional id (before the member id is known) to the member id. */
  rename(fromId: string, toId: string): Promise<void>;
}
