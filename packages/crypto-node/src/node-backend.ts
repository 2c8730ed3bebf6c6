import { type KeyObject, sign, verify } from 'node:crypto';
import type { SignatureAlgorithm, SignatureBackend, VerifyOptions } from '@tokenos/protocol';
import {
  assertSecretKey,
  assertSignatureAlgorithm,
  equalBytes,
  hex,
  isLowS,
  nobleBackend,
} from '@tokenos/protocol';
import { BoundedCache } from './bounded-cache.ts';
import { derSignatureS } from './ecdsa-der.ts';
import { isCanonicalEd25519S } from './ed25519-strict.ts';
import { importEd25519SecretKey, importPublicKey } from './key-import.ts';

export interface NodeBackendOptions {
  /** How many imported public keys to keep (least recently used go first). 0 disables the cache. */
  keyCacheSize?: number;
}

/**
 * The node:crypto (OpenSSL) backend for servers, same answers as the protocol's `nobleBackend`.
 *
 * - sign/verify use the callback form of crypto.sign/crypto.verify, so the curve arithmetic runs
 *   on the libuv thread pool instead of the event loop.
 * - Ed25519 verify adds the strict RFC 8032 checks OpenSSL skips (ed25519-strict.ts).
 * - P-256 verify takes P1363 or DER; OpenSSL accepts high S, so `lowS: true` is checked here.
 * - P-256 sign is delegated to noble: OpenSSL 3.0 draws k at random, and the interface promises
 *   RFC 6979 deterministic, low-S signatures (signature.ts).
 */
export function createNodeBackend(options: NodeBackendOptions = {}): SignatureBackend {
  const publicKeys = new BoundedCache<string, KeyObject | null>(options.keyCacheSize ?? 10_000);
  // Keyed by the caller's array (servers sign with a few long-lived keys), with a copy of the
  // bytes to notice a caller that rewrote the array in place; nothing secret ends up in a string.
  const secretKeys = new WeakMap<Uint8Array, { copy: Uint8Array; key: KeyObject }>();

  function ed25519SecretKey(secretKey: Uint8Array): KeyObject {
    const cached = secretKeys.get(secretKey);
    if (cached && equalBytes(cached.copy, secretKey)) return cached.key;
    const key = importEd25519SecretKey(secretKey);
    secretKeys.set(secretKey, { copy: secretKey.slice(), key });
    return key;
  }

  return {
    name: 'node',

    publicKey(algorithm, secretKey) {
      return nobleBackend.publicKey(algorithm, secretKey);
    },

    async sign(algorithm, secretKey, message) {
      assertSecretKey(algorithm, secretKey);
      if (algorithm === 'P-256') return nobleBackend.sign(algorithm, secretKey, message);
      const key = ed25519SecretKey(secretKey);
      return new Promise((resolve, reject) => {
        sign(null, message, key, (error, signature) =>
          error ? reject(error) : resolve(new Uint8Array(signature)),
        );
      });
    },

    async verify(algorithm, publicKey, message, signature, options = {}) {
      assertSignatureAlgorithm(algorithm);
      if (algorithm === 'Ed25519' && !isCanonicalEd25519S(signature)) return false;
      if (algorithm === 'P-256' && !p256Precheck(signature, options)) return false;
      const key = publicKeys.getOrCreate(`${algorithm}:${hex(publicKey)}`, () =>
        importPublicKey(algorithm, publicKey),
      );
      if (key === null) return false;
      const ok = await verifyAsync(algorithm, key, message, signature, options);
      if (ok && algorithm === 'P-256' && options.lowS === true && options.format === 'der') {
        const s = derSignatureS(signature);
        return s !== undefined && isLowS(s);
      }
      return ok;
    },
  };
}

/** P1363 is exactly r||s, 32 bytes each; its low-S rule can be applied before any curve work. */
function p256Precheck(signature: Uint8Array, options: VerifyOptions): boolean {
  if (options.format === 'der') return true;
  if (signature.length !== 64) return false;
  return options.lowS !== true || isLowS(signature.subarray(32));
}

function verifyAsync(
  algorithm: SignatureAlgorithm,
  key: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
  options: VerifyOptions,
): Promise<boolean> {
  return new Promise((resolve) => {
    const callback = (error: Error | null, ok: boolean) => resolve(error === null && ok);
    try {
      if (algorithm === 'Ed25519') {
        verify(null, message, key, signature, callback);
      } else {
        const dsaEncoding = options.format === 'der' ? 'der' : 'ieee-p1363';
        verify('sha256', message, { key, dsaEncoding }, signature, callback);
      }
    } catch {
      // Argument errors are thrown synchronously even in the callback form; they mean "bad bytes".
      resolve(false);
    }
  });
}

/** The shared instance servers install with `setSignatureBackend(nodeBackend)`. */
export const nodeBackend: SignatureBackend = createNodeBackend();
