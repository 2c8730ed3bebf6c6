import { canonicalBytes } from './canonical.ts';
import { base64url, fromBase64url } from './encoding.ts';
import { ProtocolError } from './errors.ts';
import type { SignatureAlgorithm, SignatureBackend } from './signature.ts';

/**
 * Signed shapes are the unsigned shape plus `signature` (ARCHITECTURE.md, "Conventions"). What is signed is the RFC 8785
 * bytes of the object without its `signature` field; the signer's identity is inside the signed
 * part, so a signature can't be re-attributed.
 */
export type Signed<T> = T & { signature: string };

/**
 * Something that signs with one key without handing the key out: a secret in memory, a key store
 * that unwraps inside WebCrypto, an HSM. Private keys never leave it (seed 000, "Private Keys").
 */
export interface MessageSigner {
  algorithm: SignatureAlgorithm;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export function secretKeySigner(
  algorithm: SignatureAlgorithm,
  secretKey: Uint8Array,
  backend: SignatureBackend,
): MessageSigner {
  return { algorithm, sign: (message) => backend.sign(algorithm, secretKey, message) };
}

export function signingBytes(value: object): Uint8Array {
  const { signature: _ignored, ...unsigned } = value as { signature?: unknown };
  return canonicalBytes(unsigned);
}

export async function signObject<T extends object>(unsigned: T, signer: MessageSigner): Promise<Signed<T>> {
  if ('signature' in unsigned) throw new ProtocolError('Malformed', 'object to sign already has a signature');
  const signature = await signer.sign(canonicalBytes(unsigned));
  return { ...unsigned, signature: base64url(signature) };
}

/** Returns false for a bad signature or an undecodable one; our own ECDSA signatures must be low-S. */
export async function verifyObjectSignature(
  value: { signature: string },
  algorithm: SignatureAlgorithm,
  publicKey: Uint8Array,
  backend: SignatureBackend,
): Promise<boolean> {
  let signature: Uint8Array;
  try {
    signature = fromBase64url(value.signature, 'signature');
  } catch {
    return false;
  }
  return backend.verify(algorithm, publicKey, signingBytes(value), signature, { lowS: true });
}
