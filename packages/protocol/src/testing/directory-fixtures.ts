// Test fixtures for directory logs: fixed keys and signed operations, so tests (here and in the
// services) build the logs they need in a line each. Deterministic: a key is made from one byte.

import { operationHash } from '../directory/chain.ts';
import type { PublicKeyRef } from '../directory/custody.ts';
import { aliasCommitment, type KeyEntry, keyIdOf } from '../directory/entries.ts';
import type { DirectoryAction, DirectoryOperation } from '../directory/operation.ts';
import { base64url } from '../encoding.ts';
import { keyPairFromSecret } from '../key-pair.ts';
import { nobleBackend } from '../signature-noble.ts';
import { type MessageSigner, secretKeySigner, signObject } from '../signing.ts';

export interface FixedKey {
  entry: KeyEntry;
  signer: MessageSigner;
  publicKey: Uint8Array;
}

/** An Ed25519 key whose secret is 32 copies of `byte`, at `level`, signing with noble. */
export function fixedKey(byte: number, level: KeyEntry['level'] = 'PRIVILEGED'): FixedKey {
  const pair = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(byte));
  return {
    entry: {
      id: keyIdOf('Ed25519', pair.publicKey),
      algorithm: 'Ed25519',
      publicKey: base64url(pair.publicKey),
      level,
    },
    signer: secretKeySigner('Ed25519', pair.secretKey, nobleBackend),
    publicKey: pair.publicKey,
  };
}

/** A key named without a level, as custodians and claim authorities are. */
export function keyRef({ id, algorithm, publicKey }: KeyEntry): PublicKeyRef {
  return { id, algorithm, publicKey };
}

/**
 * The operation after `prev` (the first when null), signed by `by`: seq and prev follow from
 * `prev`, the member id from the log's first operation unless `member` says otherwise.
 */
export function signedOperation(o: {
  prev: DirectoryOperation | null;
  action: DirectoryAction;
  by: FixedKey;
  createdAt: number;
  seq?: number;
  member?: string | null;
}): Promise<DirectoryOperation> {
  const { prev } = o;
  const member = o.member !== undefined ? o.member : prev && (prev.member ?? operationHash(prev));
  return signObject(
    {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member,
      prev: prev && operationHash(prev),
      seq: o.seq ?? (prev ? prev.seq + 1 : 0),
      createdAt: o.createdAt,
      keyId: o.by.entry.id,
      action: o.action,
    },
    o.by.signer,
  );
}

/**
 * A member created in `custodian`'s custody for an email alias, naming `authority` as claim
 * authority, then claimed by `user` (PRIVILEGED) with the authority's attestation: the log
 * [createCustodial at 1,000, claim at 4,000], attestation good from 3,000 for ten minutes.
 */
export async function claimedCustodialLog(o: {
  custodian: FixedKey;
  authority: FixedKey;
  user: FixedKey;
}): Promise<DirectoryOperation[]> {
  const alias = {
    type: 'EMAIL' as const,
    commitment: aliasCommitment({ type: 'EMAIL', value: 'ann@example.com' }, 'salt-of-sixteen-chars'),
  };
  const first = await signedOperation({
    prev: null,
    createdAt: 1_000,
    by: o.custodian,
    action: {
      kind: 'createCustodial',
      custodian: { memberId: 'M'.repeat(43), key: keyRef(o.custodian.entry) },
      alias,
      claimAuthority: keyRef(o.authority.entry),
      claimBy: 100_000,
    },
  });
  const id = operationHash(first);
  const attestation = await signObject(
    {
      type: 'ClaimAttestation' as const,
      version: 1 as const,
      member: id,
      prev: id,
      alias,
      keyId: o.user.entry.id,
      authority: o.authority.entry.id,
      issuedAt: 3_000,
      expiresAt: 603_000,
    },
    o.authority.signer,
  );
  const claim = await signedOperation({
    prev: first,
    createdAt: 4_000,
    by: o.user,
    action: { kind: 'claim', keys: [o.user.entry], attestation },
  });
  return [first, claim];
}
