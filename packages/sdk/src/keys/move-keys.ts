import type { KeyStore } from './key-store.ts';

/**
 * A store that still holds secret keys as bytes it can hand out (`IndexedDbKeyStore`, the wallet's
 * store before its keys were WebCrypto's), so they can move once into a store that cannot.
 */
export interface LegacyKeyStore extends KeyStore {
  members(): Promise<string[]>;
  /** The secret bytes of one key; the caller wipes them. */
  exportSecretKey(memberId: string, keyId: string): Promise<Uint8Array>;
  /** Deletes what is left once every key moved out (the wrapping key, the database). */
  discard?(): Promise<void>;
}

export interface KeyMoveReport {
  moved: { memberId: string; keyId: string }[];
  /** Keys that could not move (unreadable, or refused by a browser without Ed25519 in WebCrypto): still in the source. */
  kept: { memberId: string; keyId: string; error: unknown }[];
}

/**
 * Moves every key of `from` into `to`: each secret is read once, handed to `to.put` (which must
 * check it signs for the public key before it answers), wiped, and only then removed from `from`.
 * Cut short at any point, no key is lost: a key in both is moved again next time, and `put`
 * replaces it.
 */
export async function moveKeys(from: LegacyKeyStore, to: Pick<KeyStore, 'put'>): Promise<KeyMoveReport> {
  const report: KeyMoveReport = { moved: [], kept: [] };
  for (const memberId of await from.members()) {
    for (const key of await from.list(memberId)) {
      let secret: Uint8Array | undefined;
      try {
        // A record that no longer decrypts stays too: the others still move, and nothing is deleted.
        secret = await from.exportSecretKey(memberId, key.id);
        await to.put(memberId, key, secret);
      } catch (error) {
        report.kept.push({ memberId, keyId: key.id, error });
        continue;
      } finally {
        secret?.fill(0);
      }
      await from.remove(memberId, key.id);
      report.moved.push({ memberId, keyId: key.id });
    }
  }
  return report;
}
