import type { Db } from '@tokenos/db';
import {
  keyIdOf,
  keyPairFromSecret,
  type MessageSigner,
  type SignatureBackend,
  secretKeySigner,
} from '@tokenos/protocol';

export interface CloudKey {
  keyId: string;
  publicKey: Uint8Array;
  /** Kept for JWT signing through a JOSE library; never sent anywhere. */
  secretKey: Uint8Array;
  signer: MessageSigner;
}

function fromSecret(secret: Uint8Array, backend: SignatureBackend): CloudKey {
  const pair = keyPairFromSecret('Ed25519', secret);
  return {
    keyId: keyIdOf('Ed25519', pair.publicKey),
    publicKey: pair.publicKey,
    secretKey: pair.secretKey,
    signer: secretKeySigner('Ed25519', pair.secretKey, backend),
  };
}

/**
 * The cloud's own Ed25519 signing key (token-request results, member-token JWTs). Every instance
 * must sign with the same key: the first to start stores one in the 'signing' slot, racing
 * instances lose the insert and read the winner's. CLOUD_SIGNING_KEY pins it from outside instead.
 */
export async function loadCloudKey(
  db: Db,
  backend: SignatureBackend,
  randomBytes: (n: number) => Uint8Array,
  pinned?: Uint8Array,
): Promise<CloudKey> {
  if (pinned) return fromSecret(pinned, backend);
  const candidate = fromSecret(randomBytes(32), backend);
  await db.query(
    "insert into cloud_keys (key_id, slot, algorithm, secret_key, public_key) values ($1, 'signing', 'Ed25519', $2, $3) on conflict (slot) do nothing",
    [candidate.keyId, candidate.secretKey, candidate.publicKey],
  );
  const row = await db.one<{ secret_key: Uint8Array }>(
    "select secret_key from cloud_keys where slot = 'signing'",
  );
  return fromSecret(row.secret_key, backend);
}
