import type { MessageSigner } from '@tokenos/protocol';
import { getSignatureBackend, secretKeySigner } from '@tokenos/protocol';
import type { PublicKeyInfo } from './key-store.ts';
import type { LegacyKeyStore } from './move-keys.ts';

/** Keys in process memory: for tests and short-lived tools. */
export class MemoryKeyStore implements LegacyKeyStore {
  readonly #keys = new Map<string, Map<string, { info: PublicKeyInfo; secret: Uint8Array }>>();

  async put(memberId: string, key: PublicKeyInfo, secretKey: Uint8Array): Promise<void> {
    let m = this.#keys.get(memberId);
    if (!m) {
      m = new Map();
      this.#keys.set(memberId, m);
    }
    m.set(key.id, { info: key, secret: secretKey.slice() });
  }

  async list(memberId: string): Promise<PublicKeyInfo[]> {
    return [...(this.#keys.get(memberId)?.values() ?? [])].map((k) => k.info);
  }

  async signer(memberId: string, keyId: string): Promise<MessageSigner> {
    const k = this.#keys.get(memberId)?.get(keyId);
    if (!k) throw new Error(`no key ${keyId} for member ${memberId} in this key store`);
    return secretKeySigner(k.info.algorithm, k.secret, getSignatureBackend());
  }

  async members(): Promise<string[]> {
    return [...this.#keys].filter(([, keys]) => keys.size > 0).map(([id]) => id);
  }

  async exportSecretKey(memberId: string, keyId: string): Promise<Uint8Array> {
    const k = this.#keys.get(memberId)?.get(keyId);
    if (!k) throw new Error(`no key ${keyId} for member ${memberId} in this key store`);
    return k.secret.slice();
  }

  async remove(memberId: string, keyId: string): Promise<void> {
    this.#keys.get(memberId)?.delete(keyId);
  }

  async rename(fromId: string, toId: string): Promise<void> {
    const m = this.#keys.get(fromId);
    if (!m) return;
    this.#keys.delete(fromId);
    this.#keys.set(toId, m);
  }
}
