import type { SignatureAlgorithm } from './signature.ts';
import { nobleBackend } from './signature-noble.ts';

export interface KeyPair {
  algorithm: SignatureAlgorithm;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * Derives the key pair from 32 secret bytes the caller drew from a CSPRNG (the protocol holds no
 * randomness: ARCHITECTURE.md, "Conventions"). Ed25519: any 32 bytes (RFC 8032 §5.1.5). P-256: a scalar in [1, n-1],
 * else `Malformed`; the chance that 32 random bytes are not is below 2^-32.
 */
export function keyPairFromSecret(algorithm: SignatureAlgorithm, secret: Uint8Array): KeyPair {
  const secretKey = secret.slice();
  return { algorithm, secretKey, publicKey: nobleBackend.publicKey(algorithm, secretKey) };
}
