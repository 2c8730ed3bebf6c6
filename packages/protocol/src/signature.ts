/**
 * One interface over the signature algorithms of the protocol (seed 000, "Security": Ed25519 and
 * ECDSA). Two backends implement it: `nobleBackend` here (pure JS, browser and server) and the
 * node:crypto backend in `@tokenos/crypto-node` (servers; several times faster to verify).
 *
 * Key encodings:
 *  - Ed25519: secret key 32 bytes (RFC 8032 seed), public key 32 bytes.
 *  - P-256:   secret key 32 bytes (big-endian scalar), public key 33 bytes SEC1 compressed
 *             (65-byte uncompressed is accepted on input).
 * Signature encodings:
 *  - Ed25519: 64 bytes (RFC 8032).
 *  - P-256:   64 bytes IEEE P1363 r||s by default (`format: 'p1363'`), low-S when we sign;
 *             DER on request (`format: 'der'`), since WebAuthn authenticators sign in DER.
 * A bad signature makes `verify` return false; misuse (unknown algorithm) throws.
 */
export type SignatureAlgorithm = 'Ed25519' | 'P-256';
export const signatureAlgorithms: readonly SignatureAlgorithm[] = ['Ed25519', 'P-256'];

export type SignatureFormat = 'p1363' | 'der';

export interface VerifyOptions {
  /** P-256 only. Default 'p1363'. */
  format?: SignatureFormat;
  /**
   * P-256 only. Default false: verify accepts high-S signatures as FIPS 186 does (Wycheproof
   * marks them valid); our own signed objects are verified with `lowS: true`.
   */
  lowS?: boolean;
}

export interface SignatureBackend {
  readonly name: string;
  /** Derives the public key from a secret key. */
  publicKey(algorithm: SignatureAlgorithm, secretKey: Uint8Array): Uint8Array;
  /** Signs; P-256 signatures are low-S P1363. Deterministic for Ed25519 (RFC 8032) and P-256 (RFC 6979). */
  sign(algorithm: SignatureAlgorithm, secretKey: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
  verify(
    algorithm: SignatureAlgorithm,
    publicKey: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
    options?: VerifyOptions,
  ): Promise<boolean>;
}

/** A public key as it is published in the directory. */
export interface PublicKeyJwk {
  kty: 'OKP' | 'EC';
  crv: 'Ed25519' | 'P-256';
  x: string;
  y?: string;
}
