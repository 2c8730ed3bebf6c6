import { type KeyLevel, keyIdOf, keyPairFromSecret, type SignatureAlgorithm } from '@tokenos/protocol';
import { randomBytes } from '../random.ts';
import type { KeyStore, PublicKeyInfo } from './key-store.ts';

/** LOW keys expire by default (issue 3): a lost low key is harmless for long. One year. */
export const defaultLowKeyLifetimeMs = 365 * 24 * 3600 * 1000;

export async function generateKey(
  store: KeyStore,
  ownerId: string,
  level: KeyLevel,
  opts: { algorithm?: SignatureAlgorithm; now: number; expiresAt?: number },
): Promise<PublicKeyInfo> {
  const expiresAt = opts.expiresAt ?? (level === 'LOW' ? opts.now + defaultLowKeyLifetimeMs : undefined);
  if (store.create) {
    return store.create(ownerId, {
      level,
      ...(opts.algorithm ? { algorithm: opts.algorithm } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    });
  }
  const algorithm = opts.algorithm ?? 'Ed25519';
  const secret = randomBytes(32);
  const pair = keyPairFromSecret(algorithm, secret);
  const info: PublicKeyInfo = {
    id: keyIdOf(algorithm, pair.publicKey),
    algorithm,
    level,
    publicKey: pair.publicKey,
  };
  if (expiresAt !== undefined) info.expiresAt = expiresAt;
  await store.put(ownerId, info, pair.secretKey);
  return info;
}
