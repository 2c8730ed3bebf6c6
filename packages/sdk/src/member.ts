import {
  base64url,
  type DirectoryAction,
  type DirectoryOperation,
  getSignatureBackend,
  isKeyUsable,
  type KeyEntry,
  type KeyLevel,
  type MemberState,
  type MessageSigner,
  objectId,
  type SignatureAlgorithm,
  signObject,
  verifyDirectoryLog,
} from '@tokenos/protocol';
import type { CloudClient, RequestSigner } from './client.ts';
import { generateKey } from './keys/generate.ts';
import type { KeyStore, PublicKeyInfo } from './keys/key-store.ts';

/** A stored key as the directory lists it. */
export function keyEntryOf(k: PublicKeyInfo): KeyEntry {
  const e: KeyEntry = { id: k.id, algorithm: k.algorithm, publicKey: base64url(k.publicKey), level: k.level };
  if (k.expiresAt !== undefined) e.expiresAt = k.expiresAt;
  return e;
}

const levels: KeyLevel[] = ['LOW', 'STANDARD', 'PRIVILEGED'];

/** LOW, STANDARD and PRIVILEGED keys made in `keyStore` under `ownerId` (a provisional id until the member is known). */
export async function generateMemberKeys(
  keyStore: KeyStore,
  ownerId: string,
  opts: { now: number; algorithm?: SignatureAlgorithm },
): Promise<PublicKeyInfo[]> {
  const keys: PublicKeyInfo[] = [];
  for (const level of levels) keys.push(await generateKey(keyStore, ownerId, level, opts));
  return keys;
}

/**
 * A member as its owner sees it: the id, the keys in its key store, and the calls that need them.
 * Private keys stay in the store; only signatures leave (seed 000, "Private Keys").
 */
export class Member {
  readonly id: string;
  readonly client: CloudClient;
  readonly keyStore: KeyStore;

  constructor(id: string, client: CloudClient, keyStore: KeyStore) {
    this.id = id;
    this.client = client;
    this.keyStore = keyStore;
  }

  /** Generates LOW, STANDARD and PRIVILEGED keys (seed 000, "Key Management") and registers the member. */
  static async create(
    client: CloudClient,
    keyStore: KeyStore,
    opts: { algorithm?: SignatureAlgorithm } = {},
  ): Promise<Member> {
    const now = client.now();
    const provisional = `pending-${base64url(crypto.getRandomValues(new Uint8Array(9)))}`;
    const keys = await generateMemberKeys(keyStore, provisional, {
      now,
      ...(opts.algorithm ? { algorithm: opts.algorithm } : {}),
    });
    const privileged = keys[2]!;
    const unsigned = {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member: null,
      prev: null,
      seq: 0,
      createdAt: now,
      keyId: privileged.id,
      action: { kind: 'create' as const, keys: keys.map(keyEntryOf) },
    };
    const signer = await keyStore.signer(provisional, privileged.id);
    const op = await signObject(unsigned, signer);
    const memberId = objectId(op);
    await client.send('POST', '/api/v1/members', op, { ...signer, keyid: `${memberId}:${privileged.id}` });
    await keyStore.rename(provisional, memberId);
    return new Member(memberId, client, keyStore);
  }

  async keys(): Promise<PublicKeyInfo[]> {
    return this.keyStore.list(this.id);
  }

  /** The least powerful stored key that is enough for `level`: a LOW-level call is never signed with PRIVILEGED. */
  async signerFor(level: KeyLevel): Promise<RequestSigner & { keyId: string }> {
    const now = this.client.now();
    const usable = (await this.keys()).filter((k) => isKeyUsable(k, level, now));
    usable.sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level));
    const key = usable[0];
    if (!key) throw new Error(`member ${this.id} has no usable ${level} key in its key store`);
    const signer = await this.keyStore.signer(this.id, key.id);
    return { ...signer, keyid: `${this.id}:${key.id}`, keyId: key.id };
  }

  async state(): Promise<MemberState> {
    return this.client.get<MemberState>(`/api/v1/members/${this.id}`);
  }

  /** Appends a directory operation signed with a PRIVILEGED key. */
  async applyDirectoryAction(action: DirectoryAction): Promise<MemberState> {
    const state = await this.state();
    const signer = await this.signerFor('PRIVILEGED');
    const op = await signNextOperation(
      state,
      { keyId: signer.keyId, action, now: this.client.now() },
      signer,
    );
    return this.client.send<MemberState>('POST', `/api/v1/members/${this.id}/operations`, op, signer);
  }

  async addKey(
    level: KeyLevel,
    opts: { algorithm?: SignatureAlgorithm; expiresAt?: number } = {},
  ): Promise<PublicKeyInfo> {
    const key = await generateKey(this.keyStore, this.id, level, { now: this.client.now(), ...opts });
    try {
      await this.applyDirectoryAction({ kind: 'addKey', key: keyEntryOf(key) });
    } catch (e) {
      await this.keyStore.remove(this.id, key.id);
      throw e;
    }
    return key;
  }

  async removeKey(keyId: string): Promise<MemberState> {
    const state = await this.applyDirectoryAction({ kind: 'removeKey', keyId });
    await this.keyStore.remove(this.id, keyId);
    return state;
  }
}

/**
 * Fetches a member's log and replays it from the first operation; refuses a broken chain, a bad
 * signature, or (given a head seen before) a fork. Banks run the same check.
 */
export async function fetchVerifiedMember(
  client: CloudClient,
  memberId: string,
  knownHead?: { seq: number; hash: string },
): Promise<MemberState> {
  const { operations } = await client.get<{ operations: unknown[] }>(`/api/v1/members/${memberId}/log`);
  return verifyDirectoryLog(operations, getSignatureBackend(), {
    memberId,
    ...(knownHead ? { knownHead } : {}),
  });
}

/**
 * The directory operation that follows `state`: the next seq, linked to its head, dated no earlier
 * than the state (nor than `notBefore`), signed by `signer` as `keyId`.
 */
export function signNextOperation(
  state: MemberState,
  o: { keyId: string; action: DirectoryAction; now: number; notBefore?: number },
  signer: MessageSigner,
): Promise<DirectoryOperation> {
  return signObject(
    {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member: state.memberId,
      prev: state.head,
      seq: state.seq + 1,
      createdAt: Math.max(o.now, state.updatedAt, o.notBefore ?? 0),
      keyId: o.keyId,
      action: o.action,
    },
    signer,
  );
}
