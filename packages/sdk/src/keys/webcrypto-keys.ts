import type { SignatureAlgorithm } from '@tokenos/protocol';
import { pkcs8PrivateKey } from './pkcs8.ts';

// The protocol's two signature algorithms as WebCrypto names them, and the encodings WebCrypto
// and the protocol disagree on (ARCHITECTURE.md, "Signatures"): public keys and ECDSA's S.

/** The order n of the P-256 base point (SP 800-186 §3.2.1.3). */
const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

type WebCryptoAlgorithm = { name: 'Ed25519' } | { name: 'ECDSA'; namedCurve: 'P-256' };

function keyAlgorithm(algorithm: SignatureAlgorithm): WebCryptoAlgorithm {
  return algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
}

/** A private key WebCrypto holds (non-extractable, usable only to sign) and its public key bytes. */
export interface CryptoSigningKey {
  algorithm: SignatureAlgorithm;
  privateKey: CryptoKey;
  /** Ed25519: 32 bytes; P-256: 33 bytes SEC 1 compressed, as the directory holds it. */
  publicKey: Uint8Array;
}

/**
 * SEC 1 §2.3.3 point compression of WebCrypto's raw 65-byte 04||x||y: 02 or 03 (the parity of y)
 * followed by x, the form our P-256 keys take in the directory and in key ids.
 */
export function compressP256(raw: Uint8Array): Uint8Array {
  if (raw.length !== 65 || raw[0] !== 0x04)
    throw new Error(`expected a 65-byte uncompressed P-256 point, got ${raw.length} bytes`);
  const out = new Uint8Array(33);
  out[0] = 0x02 | ((raw[64] ?? 0) & 1);
  out.set(raw.subarray(1, 33), 1);
  return out;
}

/** Generates a key pair inside WebCrypto; the private half can sign and never be read. */
export async function generateCryptoSigningKey(
  subtle: SubtleCrypto,
  algorithm: SignatureAlgorithm,
): Promise<CryptoSigningKey> {
  const pair = (await subtle.generateKey(keyAlgorithm(algorithm), false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return {
    algorithm,
    privateKey: pair.privateKey,
    publicKey: algorithm === 'P-256' ? compressP256(raw) : raw,
  };
}

/**
 * Imports a secret key made outside WebCrypto (a wallet from before it held its keys) as a
 * non-extractable key, wiping the PKCS#8 bytes built for it. The caller wipes `secretKey`.
 */
export async function importCryptoSigningKey(
  subtle: SubtleCrypto,
  algorithm: SignatureAlgorithm,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
): Promise<CryptoSigningKey> {
  const der = pkcs8PrivateKey(algorithm, secretKey, publicKey);
  try {
    const privateKey = await subtle.importKey('pkcs8', der, keyAlgorithm(algorithm), false, ['sign']);
    return { algorithm, privateKey, publicKey: new Uint8Array(publicKey) };
  } finally {
    der.fill(0);
  }
}

/**
 * Signs as the protocol expects. Ed25519 (RFC 8032) is the same in every implementation. ECDSA
 * over SHA-256 comes from WebCrypto as IEEE P1363 r||s, the protocol's default encoding, but with
 * a random nonce and either S: our own signatures must be low S, so a high S becomes n - S, which
 * is the same signature's other valid form (SEC 1 §4.1.4 accepts both; BIP 62 picks the low one).
 */
export async function signWithCryptoKey(
  subtle: SubtleCrypto,
  algorithm: SignatureAlgorithm,
  privateKey: CryptoKey,
  message: Uint8Array,
): Promise<Uint8Array> {
  const data = new Uint8Array(message);
  if (algorithm === 'Ed25519')
    return new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, data));
  const signature = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data));
  if (signature.length !== 64)
    throw new Error(`expected a 64-byte P1363 ECDSA signature, got ${signature.length} bytes`);
  const s = toBigint(signature.subarray(32));
  if (s > p256Order >> 1n) signature.set(fromBigint(p256Order - s), 32);
  return signature;
}

function toBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function fromBigint(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let rest = n;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/**
 * Whether this browser's WebCrypto makes Ed25519 keys (Chrome 137, Firefox 129, Safari 17 do).
 * Answers by trying, the one reliable test (engines name the refusal differently: NotSupportedError,
 * a TypeError, a SyntaxError); the key made to find out is returned so it is not wasted. A browser
 * that cannot is answered P-256 by the caller, and a failure there is reported, not hidden.
 */
export async function tryGenerateEd25519(subtle: SubtleCrypto): Promise<CryptoSigningKey | undefined> {
  try {
    return await generateCryptoSigningKey(subtle, 'Ed25519');
  } catch {
    return undefined;
  }
}
