import type { MemberTokenMacKey } from '@tokenos/protocol';
import type { CloudDeps } from '../deps.ts';
import {
  activeHashKey,
  type HashKey,
  hashKeysById,
  loadTokenIdKey,
  type MemberTokenSettings,
} from './keys.ts';
import { decryptTokenId, encryptTokenId } from './token-id.ts';

/** What the member-token handlers share: the cloud's deps, its OIN and its member-token keys. */
export interface MemberTokenContext {
  deps: CloudDeps;
  oin: string;
  /** Public token id of an internal id. */
  publicId(internalId: string): Promise<string>;
  /** Internal id of a public token id (Malformed for anything but 32 lowercase hex digits). */
  internalId(tokenId: string): Promise<string>;
  /** The key new custom tokens are hashed under, read on every call so a rotation shows at once. */
  activeHashKey(): Promise<HashKey>;
  hashKeysById(keyId: string): Promise<MemberTokenMacKey[]>;
}

export function memberTokenContext(deps: CloudDeps, settings: MemberTokenSettings): MemberTokenContext {
  // The id key never changes once stored: one load per context (one per process).
  let idKey: Promise<Uint8Array> | undefined;
  const key = () => {
    idKey ??= loadTokenIdKey(deps.db, deps.randomBytes, settings.idKey).catch((e: unknown) => {
      idKey = undefined;
      throw e;
    });
    return idKey;
  };
  return {
    deps,
    oin: settings.oin,
    publicId: async (internalId) => encryptTokenId(await key(), internalId),
    internalId: async (tokenId) => decryptTokenId(await key(), tokenId),
    activeHashKey: () => activeHashKey(deps.db, deps.randomBytes, settings.hashKey),
    hashKeysById: (keyId) => hashKeysById(deps.db, keyId),
  };
}
